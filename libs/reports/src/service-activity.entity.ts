import { type ActivityKind, type MediaLevel } from '@app/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** One service activity a regulator recorded (活动台账): what, when, where, and whom it reached. */
@Entity({ name: 'service_activities' })
@Index('ix_service_activities_edition_province', ['editionId', 'provinceCode', 'heldOn'])
export class ServiceActivityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'edition_id', type: 'uuid' })
  editionId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: ActivityKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** the day it was held (YYYY-MM-DD), inside the edition's period */
  @Column({ name: 'held_on', type: 'date' })
  heldOn: string;

  @Column({ name: 'jurisdiction_code', type: 'varchar', length: 16 })
  jurisdictionCode: string;

  @Column({ name: 'jurisdiction_path', type: 'text' })
  jurisdictionPath: string;

  /** the province whose table it counts into (the filing that locks it) */
  @Column({ name: 'province_code', type: 'varchar', length: 16 })
  provinceCode: string;

  /** enterprises reached (家) */
  @Column({ type: 'integer', default: 0 })
  enterprises: number;

  /** people reached (人次) */
  @Column({ type: 'integer', default: 0 })
  participants: number;

  /** materials or questionnaires handed out (份) */
  @Column({ type: 'integer', default: 0 })
  materials: number;

  /** items produced: suggestions (条), cases (件), reports (篇) */
  @Column({ type: 'integer', default: 0 })
  quantity: number;

  @Column({ name: 'media_level', type: 'varchar', length: 16, nullable: true })
  mediaLevel: MediaLevel | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
