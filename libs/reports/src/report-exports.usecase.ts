import { ACTIVITY_KIND_LABELS, MEDIA_LEVEL_LABELS, type Principal, REQUEST_STATE_LABELS } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { Readable } from 'stream';
import { type EnterpriseRequestEntity } from './enterprise-request.entity';
import { type ListColumn, listCsv, listXlsx, type TableSheet, tableCsv, tableWorkbook } from './report-workbook';
import { type RequestFilter, RequestLedgerUseCase } from './request-ledger.usecase';
import { type ActivityFilter, ServiceActivitiesUseCase } from './service-activities.usecase';
import { type ServiceActivityEntity } from './service-activity.entity';
import { StatsTableUseCase } from './stats-table.usecase';

export type ExportFormat = 'csv' | 'xlsx';

const CHINA = 'Asia/Shanghai';
const chinaTime = (d: Date | null) =>
  d ? d.toLocaleString('sv-SE', { timeZone: CHINA, hour12: false }).slice(0, 16) : null;

const ACTIVITY_COLUMNS: ListColumn<ServiceActivityEntity>[] = [
  { header: '日期', value: (a) => a.heldOn, width: 12 },
  { header: '类别', value: (a) => ACTIVITY_KIND_LABELS[a.kind], width: 22 },
  { header: '活动名称', value: (a) => a.title, width: 40 },
  { header: '辖区代码', value: (a) => a.jurisdictionCode, width: 12 },
  { header: '参与企业(家)', value: (a) => a.enterprises },
  { header: '参与人数(人次)', value: (a) => a.participants },
  { header: '发放材料(份)', value: (a) => a.materials },
  { header: '数量(条/件/篇)', value: (a) => a.quantity },
  { header: '媒体级别', value: (a) => (a.mediaLevel ? MEDIA_LEVEL_LABELS[a.mediaLevel] : null) },
  { header: '备注', value: (a) => a.note, width: 30 },
];

const REQUEST_COLUMNS: ListColumn<EnterpriseRequestEntity>[] = [
  { header: '登记时间', value: (r) => chinaTime(r.createdAt), width: 18 },
  { header: '企业', value: (r) => r.enterpriseName, width: 30 },
  { header: '辖区代码', value: (r) => r.jurisdictionCode, width: 12 },
  { header: '诉求', value: (r) => r.title, width: 30 },
  { header: '内容', value: (r) => r.content, width: 40 },
  { header: '状态', value: (r) => REQUEST_STATE_LABELS[r.state] },
  { header: '答复', value: (r) => r.answer, width: 30 },
  { header: '反馈', value: (r) => r.feedback, width: 30 },
  { header: '线索', value: (r) => (r.isLead ? '是' : '否') },
  { header: '办结时间', value: (r) => chinaTime(r.closedAt), width: 18 },
];

/** The reports as files: the statistics table in the seed's layout, and the activities and requests lists. */
@Injectable()
export class ReportExportsUseCase {
  constructor(
    private readonly tables: StatsTableUseCase,
    private readonly activities: ServiceActivitiesUseCase,
    private readonly requests: RequestLedgerUseCase,
  ) {}

  async table(p: Principal, edition: string, province: string | undefined, format: ExportFormat) {
    const t = await this.tables.table(p, edition, province);
    const at = t.filing?.submittedAt;
    const day = at ? at.toLocaleDateString('sv-SE', { timeZone: CHINA }).split('-').map(Number) : null;
    const sheet: TableSheet = {
      title: t.edition.title,
      unit: t.province.name,
      date: day ? { year: day[0], month: day[1], day: day[2] } : null,
      rows: t.edition.rows,
      values: t.values,
    };
    const name = `${t.edition.code}-${t.province.code}`;
    return format === 'xlsx'
      ? { fileName: `${name}.xlsx`, body: await tableWorkbook(sheet) }
      : { fileName: `${name}.csv`, body: Buffer.from('\uFEFF' + tableCsv(sheet), 'utf8') };
  }

  async activityList(
    p: Principal,
    f: Omit<ActivityFilter, 'page' | 'pageSize'>,
    format: ExportFormat,
  ): Promise<Readable> {
    // an unknown edition is a 404 before the file starts, not a broken download
    if (f.edition) await this.tables.edition(f.edition);
    const batches = this.activities.all(p, f);
    return format === 'xlsx' ? listXlsx('活动台账', ACTIVITY_COLUMNS, batches) : listCsv(ACTIVITY_COLUMNS, batches);
  }

  requestList(p: Principal, f: Omit<RequestFilter, 'page' | 'pageSize'>, format: ExportFormat): Readable {
    const batches = this.requests.all(p, f);
    return format === 'xlsx' ? listXlsx('诉求台账', REQUEST_COLUMNS, batches) : listCsv(REQUEST_COLUMNS, batches);
  }
}
