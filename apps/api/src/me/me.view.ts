import type { DoneItem, ListPage, TodoItem } from '@app/worklist';
import { ApiProperty } from '@nestjs/swagger';
import { PageParam, PageSizeParam } from '../common/paging.dto';

export class TodoQuery {
  @PageParam() page?: number;
  @PageSizeParam(100, 20) pageSize?: number;
}

/** One item of the to-do list (待办). */
export class TodoItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    example: 'application',
    description: "what the item is about: application, disbursement, invitation (an evaluator's, to a panel)",
  })
  subjectKind: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'QDFTZ-2026-000042' }) reference: string;
  @ApiProperty({ description: "the application's title (for a disbursement or an invitation, its application's)" })
  title: string;
  @ApiProperty({ example: 'preliminary_review', description: "the subject's state" }) state: string;
  @ApiProperty({
    example: 'preliminary_review',
    description:
      'the step awaited: a state, acceptance.score (an evaluator), invitation (an evaluator answers by its deadline), disbursement.verify / .approve / .failed',
  })
  step: string;
  @ApiProperty({ type: [String], example: ['PASS_PRELIMINARY', 'REQUEST_REVISION', 'REJECT'] }) nextSteps: string[];
  @ApiProperty({ format: 'date-time', description: 'when the item entered this step' }) enteredAt: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'null: no time limit' })
  dueAt: Date | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'working days left (0 on the last day, negative when overdue); null without a time limit',
  })
  workingDaysLeft: number | null;
}

export class TodoPageView {
  @ApiProperty({ type: [TodoItemView], description: 'overdue first, then by due date; no time limit last' })
  items: TodoItemView[];
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ type: 'integer' }) total: number;

  static of(p: ListPage<TodoItem>): TodoPageView {
    return { ...p, items: p.items.map((i) => ({ ...i })) };
  }
}

export class TodoSummaryView {
  @ApiProperty({ type: 'integer', description: 'open items' }) total: number;
  @ApiProperty({ type: 'integer', description: 'past their due date' }) overdue: number;
  @ApiProperty({ type: 'integer', description: 'not overdue, due within 2 working days' }) dueSoon: number;
}

/** One thing the caller did (已办). */
export class DoneItemView {
  @ApiProperty({ example: 'application' }) subjectKind: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'PASS_PRELIMINARY' }) event: string;
  @ApiProperty({ nullable: true, type: String }) fromState: string | null;
  @ApiProperty() toState: string;
  @ApiProperty({ format: 'date-time' }) at: Date;
}

export class DonePageView {
  @ApiProperty({ type: [DoneItemView], description: 'newest first' }) items: DoneItemView[];
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ type: 'integer' }) total: number;

  static of(p: ListPage<DoneItem>): DonePageView {
    return { ...p, items: p.items.map((i) => ({ ...i })) };
  }
}
