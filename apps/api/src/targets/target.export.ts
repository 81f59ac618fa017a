import { labelOf, UNIT_KIND_LABELS } from '@app/domain';
import { columns, type TabularExport } from '@app/platform';
import { inOneBatch } from '../common/export.util';
import type { DesignationTargetProgressView } from './target.view';

const STATUS = { met: '已完成', missed: '未完成', open: '进行中' } as const;

/** A jurisdiction's targets with their progress as a table (目标进度), in the progress view's order. */
export function targetProgressExport(
  jurisdictionCode: string,
  rows: DesignationTargetProgressView[],
): TabularExport<DesignationTargetProgressView> {
  return {
    fileName: `目标进度-${jurisdictionCode}`,
    sheetName: '目标进度',
    columns: [
      columns.text('单位类型', (t) => labelOf(UNIT_KIND_LABELS, t.unitKind), 14),
      columns.integer('年度', (t) => t.year),
      columns.date('截止日期', (t) => t.dueOn, 12),
      columns.integer('目标数', (t) => t.target),
      columns.integer('截止日在有效期内', (t) => t.atDueDate, 16),
      columns.integer('目前在有效期内', (t) => t.now, 16),
      columns.integer('完成比例（%）', (t) => t.percent, 14),
      columns.text('状态', (t) => STATUS[t.status]),
      columns.text('依据', (t) => t.note, 30),
    ],
    rows: inOneBatch(rows),
  };
}
