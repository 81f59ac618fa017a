import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One thing somebody has to do: a step of a subject (an application, a disbursement; other kinds such as an
 * expert's invitation plug in with their own `subjectKind`) with who may act, when it entered the step and when it
 * is due. Open while `doneAt` is null. Written only by WorkItemsWriter, in the transaction of the change that opens
 * or closes it. Who may act is one of: a role within a jurisdiction (`audienceRole` + `audiencePath`, a subtree,
 * or only that bureau when `audienceExact`, minus `excludedUserIds`), an organisation, or a user.
 */
@Entity({ name: 'work_items' })
// partial indexes with an operator class, written by hand in the migration (WorkItems)
@Index('ix_work_items_scope', { synchronize: false })
@Index('ix_work_items_organisation', { synchronize: false })
@Index('ix_work_items_user', { synchronize: false })
@Index('ix_work_items_subject', { synchronize: false })
@Index('ix_work_items_due', { synchronize: false })
export class WorkItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'subject_kind', type: 'varchar', length: 32 })
  subjectKind: string;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  /** the subject's reference and title, copied so a page of the list reads no other table */
  @Column({ name: 'subject_reference', type: 'varchar', length: 64 })
  subjectReference: string;

  @Column({ name: 'subject_title', type: 'varchar', length: 200 })
  subjectTitle: string;

  /** the subject's state when the item was opened */
  @Column({ name: 'subject_state', type: 'varchar', length: 32 })
  subjectState: string;

  /** e.g. preliminary_review, acceptance.score, disbursement.approve */
  @Column({ type: 'varchar', length: 48 })
  step: string;

  @Column({ name: 'next_steps', type: 'varchar', array: true, default: () => "'{}'" })
  nextSteps: string[];

  @Column({ name: 'audience_role', type: 'varchar', length: 16, nullable: true })
  audienceRole: string | null;

  @Column({ name: 'audience_path', type: 'text', nullable: true })
  audiencePath: string | null;

  @Column({ name: 'audience_exact', type: 'boolean', default: false })
  audienceExact: boolean;

  @Column({ name: 'excluded_user_ids', type: 'uuid', array: true, default: () => "'{}'" })
  excludedUserIds: string[];

  @Column({ name: 'audience_organisation_id', type: 'uuid', nullable: true })
  audienceOrganisationId: string | null;

  @Column({ name: 'audience_user_id', type: 'uuid', nullable: true })
  audienceUserId: string | null;

  @Column({ name: 'entered_at', type: 'timestamptz' })
  enteredAt: Date;

  /** null: the step has no time limit */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** working days of the limit, as the programme set it when the item opened */
  @Column({ name: 'limit_working_days', type: 'int', nullable: true })
  limitWorkingDays: number | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @Column({ name: 'done_by', type: 'uuid', nullable: true })
  doneBy: string | null;

  @Column({ name: 'done_event', type: 'varchar', length: 32, nullable: true })
  doneEvent: string | null;

  /** for reminders and escalation (notifications): when the last reminder went out, when it was escalated */
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;
}
