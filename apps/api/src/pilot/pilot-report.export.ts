import type { PilotReportRecord } from '@app/accreditation';
import { labelOf, PILOT_REPORT_STATUS_LABELS } from '@app/domain';
import { columns, type TabularExport } from '@app/platform';

/** 2027-H1 → 2027年上半年 */
const halfYearLabel = (half: string): string => {
  const [year, h] = half.split('-H');
  return `${year}年${h === '1' ? '上' : '下'}半年`;
};

/** The semi-annual progress reports the caller sees (a region's own, a regulator's subtree), as a table. */
export function pilotReportsExport(
  rows: AsyncIterable<readonly PilotReportRecord[]>,
): TabularExport<PilotReportRecord> {
  return {
    fileName: '试点进展报告',
    columns: [
      columns.text('申请编号', (r) => r.reference, 26),
      columns.text('试点地区', (r) => r.regionName, 30),
      columns.text('省份代码', (r) => r.provinceCode),
      columns.text('报告期', (r) => halfYearLabel(r.halfYear), 16),
      columns.date('报送期限', (r) => r.dueOn, 12),
      columns.text('状态', (r) => labelOf(PILOT_REPORT_STATUS_LABELS, r.status), 16),
      columns.datetime('报送时间', (r) => r.submittedAt, 20),
      columns.text('进展摘要', (r) => r.summary, 60),
      columns.datetime('提醒时间', (r) => r.remindedAt, 20),
      columns.datetime('逾期标记时间', (r) => r.overdueFlaggedAt, 20),
    ],
    rows,
  };
}
