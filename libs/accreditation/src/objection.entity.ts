import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ApplicationEntity } from './application.entity';

@Entity({ name: 'objections' })
@Index('ix_objections_application', ['applicationId', 'createdAt'])
@Index('ix_objections_contact', ['applicationId', 'noticeRound', 'contactKey'])
@Index('ix_objections_text', ['applicationId', 'noticeRound', 'textKey'])
@Check('ck_objections_filer', 'filer_name IS NOT NULL OR filer_organisation IS NOT NULL')
export class ObjectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => ApplicationEntity)
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'notice_round', type: 'int' })
  noticeRound: number;

  /** null when filed by the public without an account */
  @Column({ name: 'filed_by', type: 'uuid', nullable: true })
  filedBy: string | null;

  /** who objects: a name, an organisation, or both */
  @Column({ name: 'filer_name', type: 'varchar', length: 100, nullable: true })
  filerName: string | null;

  @Column({ name: 'filer_organisation', type: 'varchar', length: 200, nullable: true })
  filerOrganisation: string | null;

  /** a phone number or an e-mail address, as filed */
  @Column({ name: 'filer_contact', type: 'varchar', length: 100 })
  filerContact: string;

  /** the contact as compared for duplicates (normalisedContact); null on objections filed before it was kept */
  @Column({ name: 'contact_key', type: 'varchar', length: 100, nullable: true })
  contactKey: string | null;

  /** sha256 of the normalised text (normalisedObjectionText), compared for duplicates */
  @Column({ name: 'text_key', type: 'char', length: 64, nullable: true })
  textKey: string | null;

  /**
   * The first objection of the same notice round with the same contact or the same text: this one is recorded and
   * answered like any other, and the regulator can rule on the group at once (POST …/objections/rulings).
   */
  @ForeignKey(() => ObjectionEntity)
  @Column({ name: 'duplicate_of', type: 'uuid', nullable: true })
  duplicateOf: string | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: 'open' | 'upheld' | 'dismissed';

  @Column({ name: 'ruled_by', type: 'uuid', nullable: true })
  ruledBy: string | null;

  @Column({ name: 'ruling_reason', type: 'text', nullable: true })
  rulingReason: string | null;

  @Column({ name: 'ruled_at', type: 'timestamptz', nullable: true })
  ruledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
