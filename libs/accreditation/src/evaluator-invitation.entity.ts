import { UserEntity } from '@app/identity';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ApplicationEntity } from './application.entity';
import { ExpertDrawEntity } from './expert-draw.entity';

export type InvitationStatus = 'invited' | 'accepted' | 'declined' | 'expired';

/**
 * An evaluator invited to an application's panel (drawn or picked): they accept (declaring no conflict) before they
 * see the dossier, or decline (for a conflict, or another reason), or let the deadline pass. Accepting assigns them
 * through the workflow engine (ASSIGN_EVALUATOR). One invitation per evaluator and application.
 */
@Entity({ name: 'evaluator_invitations' })
@Index('uq_evaluator_invitations', ['applicationId', 'evaluatorId'], { unique: true })
@Index('ix_evaluator_invitations_evaluator', ['evaluatorId', 'status'])
@Index('ix_evaluator_invitations_due', ['respondBy'], { where: `status = 'invited'` })
export class EvaluatorInvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => ApplicationEntity)
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ForeignKey(() => UserEntity)
  @Column({ name: 'evaluator_id', type: 'uuid' })
  evaluatorId: string;

  /** the draw that chose them; null when picked by hand */
  @ForeignKey(() => ExpertDrawEntity)
  @Column({ name: 'draw_id', type: 'uuid', nullable: true })
  drawId: string | null;

  /** the seat's field of expertise, if the seat had one */
  @Column({ type: 'varchar', length: 32, nullable: true })
  field: string | null;

  /** the declined or expired invitation this one replaces */
  @Column({ name: 'replaces_id', type: 'uuid', nullable: true })
  replacesId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'invited' })
  status: InvitationStatus;

  @ForeignKey(() => UserEntity)
  @Column({ name: 'invited_by', type: 'uuid' })
  invitedBy: string;

  @Column({ name: 'invited_at', type: 'timestamptz' })
  invitedAt: Date;

  /** the answer is due before this instant (working days from the invitation, China time) */
  @Column({ name: 'respond_by', type: 'timestamptz' })
  respondBy: Date;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  /** declined for a conflict of interest (then avoided for this applicant from now on) */
  @Column({ type: 'boolean', default: false })
  conflict: boolean;

  /** the reason of a decline */
  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
