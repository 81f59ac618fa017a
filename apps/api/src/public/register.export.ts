import type { RegisterExportRow } from '@app/accreditation';
import { labelOf, LEVEL_LABELS, STATE_LABELS, UNIT_KIND_LABELS } from '@app/domain';
import { columns, type TabularExport } from '@app/platform';
import { IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportFormatQuery } from '../common/export.util';
import { RegisterQuery } from './register.query';

/** The register's filter, without paging, and the format. */
export class RegisterExportQuery extends IntersectionType(
  OmitType(RegisterQuery, ['page', 'pageSize'] as const),
  ExportFormatQuery,
) {}

/** The public register as a table (示范单位公示与认定名录): the list's fields, no personal data. */
export function registerExport(rows: AsyncIterable<readonly RegisterExportRow[]>): TabularExport<RegisterExportRow> {
  return {
    fileName: '示范单位公示与认定名录',
    sheetName: '公示与认定名录',
    columns: [
      columns.text('申请编号', (r) => r.reference, 26),
      columns.text('名称', (r) => r.title, 36),
      columns.text('单位类型', (r) => labelOf(UNIT_KIND_LABELS, r.unit_kind)),
      columns.text('级别', (r) => labelOf(LEVEL_LABELS, r.level)),
      columns.text('辖区代码', (r) => r.jurisdiction_code),
      columns.text('辖区', (r) => r.jurisdiction_name, 20),
      columns.text('状态', (r) => labelOf(STATE_LABELS, r.state)),
      columns.datetime('公示截止', (r) => r.notice_ends_at, 20),
      columns.datetime('认定时间', (r) => r.designated_at, 20),
      columns.date('有效期至', (r) => r.valid_until, 12),
    ],
    rows,
  };
}
