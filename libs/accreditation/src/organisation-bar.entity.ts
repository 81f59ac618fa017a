import { OrganisationEntity } from '@app/identity';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ApplicationEntity } from './application.entity';

/**
 * An organisation whose title was revoked may not open new applications until `barredUntil` (inclusive, China
 * date): the programme's `revocationBarMonths` from the revocation. One bar per revoked application.
 */
@Entity({ name: 'organisation_bars' })
@Unique('uq_organisation_bars_application', ['applicationId'])
@Index('ix_organisation_bars_organisation', ['organisationId', 'barredUntil'])
export class OrganisationBarEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_organisation_bars' })
  id: string;

  @ForeignKey(() => OrganisationEntity, { name: 'FK_organisation_bars_organisation' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ForeignKey(() => ApplicationEntity, { name: 'FK_organisation_bars_application' })
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'barred_from', type: 'timestamptz' })
  barredFrom: Date;

  /** the last day of the bar (China date) */
  @Column({ name: 'barred_until', type: 'date' })
  barredUntil: string;

  @Column({ type: 'text' })
  reason: string;

  /** 行政处罚决定书文号 */
  @Column({ name: 'penalty_reference', type: 'varchar', length: 100, nullable: true })
  penaltyReference: string | null;

  /** the penalty's publication in the credit system (record number or URL) */
  @Column({ name: 'credit_publication', type: 'varchar', length: 500, nullable: true })
  creditPublication: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;
}
