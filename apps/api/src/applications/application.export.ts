import type { ApplicationExportRow } from '@app/accreditation';
import { labelOf, LEVEL_LABELS, type Principal, Role, STATE_LABELS, UNIT_KIND_LABELS } from '@app/domain';
import { columns, type ExportColumn, type TabularExport } from '@app/platform';
import { IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportFormatQuery } from '../common/export.util';
import { ListApplicationsQuery } from './application.dto';

/** The applications list's filters, without paging, and the format. */
export class ApplicationsExportQuery extends IntersectionType(
  OmitType(ListApplicationsQuery, ['page', 'pageSize'] as const),
  ExportFormatQuery,
) {}

/**
 * The applications list as a table (申请列表). Evaluators score blind, so their file does not name the applicant
 * organisation (nor does the list: it gives only its id).
 */
export function applicationsExport(
  p: Principal,
  rows: AsyncIterable<readonly ApplicationExportRow[]>,
): TabularExport<ApplicationExportRow> {
  const organisation: ExportColumn<ApplicationExportRow>[] =
    p.role === Role.Evaluator
      ? []
      : [
          columns.text('申报单位', (r) => r.organisation_name, 36),
          columns.text('统一社会信用代码', (r) => r.credit_code, 22),
        ];
  return {
    fileName: '申请列表',
    columns: [
      columns.text('申请编号', (r) => r.reference, 26),
      columns.text('申请名称', (r) => r.title, 36),
      ...organisation,
      columns.text('项目', (r) => r.programme_name, 30),
      columns.text('辖区代码', (r) => r.jurisdiction_code),
      columns.text('辖区', (r) => r.jurisdiction_name, 20),
      columns.text('单位类型', (r) => labelOf(UNIT_KIND_LABELS, r.unit_kind)),
      columns.text('级别', (r) => labelOf(LEVEL_LABELS, r.level)),
      columns.text('状态', (r) => labelOf(STATE_LABELS, r.state)),
      columns.datetime('提交时间', (r) => r.submitted_at, 20),
      columns.datetime('认定时间', (r) => r.designated_at, 20),
      columns.date('有效期至', (r) => r.valid_until, 12),
    ],
    rows,
  };
}
