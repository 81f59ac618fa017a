import {
  DISBURSEMENT_STATE_LABELS,
  EVENT_NAMES,
  labelOf,
  STATE_LABELS,
  SUBJECT_KIND_LABELS,
  TODO_STEP_LABELS,
} from '@app/domain';
import { columns, type TabularExport } from '@app/platform';
import type { DoneItem, TodoItem } from '@app/worklist';

const stateOf = (kind: string, state: string | null) =>
  labelOf(kind === 'disbursement' ? DISBURSEMENT_STATE_LABELS : STATE_LABELS, state);

/** The to-do list as a table (待办), overdue first as on the page. */
export function todoExport(rows: AsyncIterable<readonly TodoItem[]>): TabularExport<TodoItem> {
  return {
    fileName: '待办事项',
    columns: [
      columns.text('事项', (r) => labelOf(SUBJECT_KIND_LABELS, r.subjectKind)),
      columns.text('编号', (r) => r.reference, 26),
      columns.text('名称', (r) => r.title, 36),
      columns.text('办理环节', (r) => labelOf(TODO_STEP_LABELS, r.step), 14),
      columns.text('状态', (r) => stateOf(r.subjectKind, r.state)),
      columns.datetime('到达时间', (r) => r.enteredAt, 20),
      columns.datetime('办理期限', (r) => r.dueAt, 20),
      columns.text('是否逾期', (r) => (r.overdue ? '逾期' : '')),
      columns.integer('剩余工作日', (r) => r.workingDaysLeft, 12),
    ],
    rows,
  };
}

/** The done list as a table (已办), newest first as on the page. */
export function doneExport(rows: AsyncIterable<readonly DoneItem[]>): TabularExport<DoneItem> {
  return {
    fileName: '已办事项',
    columns: [
      columns.text('事项', (r) => labelOf(SUBJECT_KIND_LABELS, r.subjectKind)),
      columns.text('编号', (r) => r.reference, 26),
      columns.text('名称', (r) => r.title, 36),
      columns.text('操作', (r) => labelOf(EVENT_NAMES, r.event), 18),
      columns.text('原状态', (r) => stateOf(r.subjectKind, r.fromState)),
      columns.text('新状态', (r) => stateOf(r.subjectKind, r.toState)),
      columns.datetime('办理时间', (r) => r.at, 20),
    ],
    rows,
  };
}
