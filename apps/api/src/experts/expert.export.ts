import type { ExpertProfile } from '@app/accreditation';
import { EXPERTISE_FIELDS, labelOf } from '@app/domain';
import { columns, type TabularExport } from '@app/platform';
import { IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportFormatQuery } from '../common/export.util';
import { SearchExpertsQuery } from './expert.dto';

/** The expert pool search's filters, without paging, and the format. */
export class ExpertsExportQuery extends IntersectionType(
  OmitType(SearchExpertsQuery, ['page', 'pageSize'] as const),
  ExportFormatQuery,
) {}

const yesNo = (v: boolean | null | undefined): string => (v === null || v === undefined ? '' : v ? '是' : '否');

/** The expert pool as the regulators and admins who search it see it, as a table (专家库). */
export function expertsExport(rows: AsyncIterable<readonly ExpertProfile[]>): TabularExport<ExpertProfile> {
  return {
    fileName: '专家库',
    columns: [
      columns.text('姓名', (e) => e.displayName, 14),
      columns.text('用户名', (e) => e.username, 20),
      columns.text('辖区代码', (e) => e.jurisdictionCode),
      columns.text('专业领域', (e) => e.fields.map((f) => labelOf(EXPERTISE_FIELDS, f)).join('、'), 30),
      columns.text('工作单位', (e) => e.employerName, 36),
      columns.text('工作单位统一社会信用代码', (e) => e.employerCreditCode?.trim(), 26),
      columns.text('回避单位信用代码', (e) => e.conflictCreditCodes.join('、'), 40),
      columns.text('可抽取', (e) => yesNo(e.available)),
      columns.date('暂停至', (e) => e.unavailableUntil, 12),
      columns.text('今日可抽取', (e) => yesNo(e.availableToday)),
      columns.datetime('资料更新时间', (e) => e.updatedAt, 20),
    ],
    rows,
  };
}
