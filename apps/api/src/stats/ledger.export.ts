import { ACTIVITY_KIND_LABELS, labelOf, MEDIA_LEVEL_LABELS, REQUEST_STATE_LABELS } from '@app/domain';
import { columns, type TabularExport } from '@app/platform';
import type { ActivityExportRow, FilingRow, RequestExportRow } from '@app/reports';
import { IntersectionType } from '@nestjs/swagger';
import { ExportFormatQuery, inOneBatch } from '../common/export.util';
import { ActivityExportQuery, RequestExportQuery } from './stats.dto';

/** The activities ledger's filters and the format. */
export class ActivityLedgerExportQuery extends IntersectionType(ActivityExportQuery, ExportFormatQuery) {}

/** The requests ledger's filters and the format. */
export class RequestLedgerExportQuery extends IntersectionType(RequestExportQuery, ExportFormatQuery) {}

/** The activities ledger of the caller's jurisdiction and below, newest first, as a table (活动台账). */
export function activitiesExport(rows: AsyncIterable<readonly ActivityExportRow[]>): TabularExport<ActivityExportRow> {
  return {
    fileName: '活动台账',
    columns: [
      columns.date('日期', (a) => a.held_on, 12),
      columns.text('类别', (a) => labelOf(ACTIVITY_KIND_LABELS, a.kind), 22),
      columns.text('活动名称', (a) => a.title, 40),
      columns.text('辖区代码', (a) => a.jurisdiction_code, 12),
      columns.text('辖区', (a) => a.jurisdiction_name, 20),
      columns.integer('参与企业(家)', (a) => a.enterprises),
      columns.integer('参与人数(人次)', (a) => a.participants),
      columns.integer('发放材料(份)', (a) => a.materials),
      columns.integer('数量(条/件/篇)', (a) => a.quantity),
      columns.text('媒体级别', (a) => labelOf(MEDIA_LEVEL_LABELS, a.media_level)),
      columns.text('备注', (a) => a.note, 30),
    ],
    rows,
  };
}

/** The enterprises' requests of the caller's jurisdiction and below, newest first, as a table (诉求台账). */
export function requestsExport(rows: AsyncIterable<readonly RequestExportRow[]>): TabularExport<RequestExportRow> {
  return {
    fileName: '诉求台账',
    columns: [
      columns.datetime('登记时间', (r) => r.created_at, 20),
      columns.text('企业', (r) => r.enterprise_name, 30),
      columns.text('辖区代码', (r) => r.jurisdiction_code, 12),
      columns.text('诉求', (r) => r.title, 30),
      columns.text('内容', (r) => r.content, 40),
      columns.text('状态', (r) => labelOf(REQUEST_STATE_LABELS, r.state)),
      columns.text('答复', (r) => r.answer, 30),
      columns.text('反馈', (r) => r.feedback, 30),
      columns.text('线索', (r) => (r.is_lead ? '是' : '否')),
      columns.datetime('办结时间', (r) => r.closed_at, 20),
    ],
    rows,
  };
}

const FILING_STATUS_LABELS: Record<string, string> = {
  draft: '未报送',
  late: '逾期未报',
  submitted: '已报送',
  submitted_late: '逾期报送',
};

/** Which provinces under the caller have filed an edition's table, when and by whom (报送情况). */
export function filingsExport(edition: string, rows: FilingRow[]): TabularExport<FilingRow> {
  return {
    fileName: `报送情况-${edition}`,
    sheetName: '报送情况',
    columns: [
      columns.text('省份代码', (f) => f.province.code, 12),
      columns.text('省份', (f) => f.province.name, 20),
      columns.text('状态', (f) => labelOf(FILING_STATUS_LABELS, f.status)),
      columns.text('是否逾期', (f) => (f.status === 'late' || f.status === 'submitted_late' ? '是' : '否')),
      columns.datetime('报送时间', (f) => f.submittedAt, 20),
      columns.text('报送人', (f) => f.submittedByName, 20),
    ],
    rows: inOneBatch(rows),
  };
}
