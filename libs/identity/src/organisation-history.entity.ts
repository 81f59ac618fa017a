import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/** What happened to an organisation's verification status. */
export enum OrganisationEvent {
  Register = 'REGISTER',
  Verify = 'VERIFY',
  Refuse = 'REFUSE',
}

/**
 * Append-only (a trigger refuses UPDATE and DELETE): one row per change of an organisation's verification status —
 * its registration, a regulator's verification or refusal — with who did it, in which role, when and why.
 */
@Entity({ name: 'organisation_history' })
@Index('ix_organisation_history_organisation', ['organisationId', 'at'])
export class OrganisationHistoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => OrganisationEntity)
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'varchar', length: 24 })
  event: OrganisationEvent;

  /** null for the registration */
  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus: string;

  /** the registering user for REGISTER, the regulator for VERIFY and REFUSE */
  @ForeignKey(() => UserEntity)
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
