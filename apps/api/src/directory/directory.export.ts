import { labelOf, RISK_TIER_LABELS } from '@app/domain';
import { columns, type TabularExport } from '@app/platform';
import type { DirectoryExportRow } from '@app/reports';
import { IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportFormatQuery } from '../common/export.util';
import { DirectoryQuery } from './directory.dto';

/** The directory list's filters, without paging, and the format. */
export class DirectoryExportQuery extends IntersectionType(
  OmitType(DirectoryQuery, ['page', 'pageSize'] as const),
  ExportFormatQuery,
) {}

/** The enterprise directory of the caller's jurisdiction, as a table (企业名录库), by city then name as the list. */
export function directoryExport(rows: AsyncIterable<readonly DirectoryExportRow[]>): TabularExport<DirectoryExportRow> {
  return {
    fileName: '企业名录库',
    columns: [
      columns.text('地市代码', (r) => r.jurisdiction_code),
      columns.text('地市', (r) => r.jurisdiction_name, 20),
      columns.text('企业名称', (r) => r.name, 36),
      columns.text('统一社会信用代码', (r) => r.credit_code, 22),
      columns.text('行业', (r) => r.industry, 16),
      columns.text('保护需求', (r) => r.needs, 40),
      columns.text('风险等级', (r) => labelOf(RISK_TIER_LABELS, r.risk_tier)),
      columns.date('评估日期', (r) => r.assessed_on, 12),
      columns.text('评估依据', (r) => r.assessment_basis, 40),
      columns.text('联系人', (r) => r.contact_name),
      columns.text('联系电话', (r) => r.contact_phone, 16),
      columns.datetime('更新时间', (r) => r.updated_at, 20),
    ],
    rows,
  };
}
