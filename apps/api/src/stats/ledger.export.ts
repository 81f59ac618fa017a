import { ACTIVITY_KIND_LABELS, labelOf, MEDIA_LEVEL_LABELS, REQUEST_STATE_LABELS } from '@app/domain';
import { columns, type TabularExport } from '@app/platform';
import type { ActivityExportRow, RequestExportRow } from '@app/reports';
import { IntersectionType } from '@nestjs/swagger';
import { ExportFormatQuery } from '../common/export.util';
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
