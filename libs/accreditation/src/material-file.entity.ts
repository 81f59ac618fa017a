import { UserEntity } from '@app/identity';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ApplicationEntity } from './application.entity';

/**
 * One uploaded version of one material of an application. The bytes live in the BlobStorage under `storageKey`
 * (random, never the user's file name); the newest version of a material is its current file. A file carried up
 * with a recommendation (`carriedFromId`) names the same blob as the row it came from: a key is unique among
 * uploaded rows only, and a blob is deleted only when no row names it.
 */
@Entity({ name: 'material_files' })
@Index('IDX_material_files_version', ['applicationId', 'materialCode', 'version'], { unique: true })
@Index('uq_material_files_uploaded_key', ['storageKey'], { unique: true, where: 'carried_from_id IS NULL' })
export class MaterialFileEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey(() => ApplicationEntity)
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ name: 'material_code', type: 'varchar', length: 64 })
  materialCode: string;

  @Column({ type: 'int' })
  version: number;

  @Index('IDX_material_files_storage_key')
  @Column({ name: 'storage_key', type: 'varchar', length: 200 })
  storageKey: string;

  /** the name the uploader gave (shown and used for downloads; never a path on any disk) */
  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  /** the sniffed kind (pdf, ofd, docx, ...) and its media type */
  @Column({ type: 'varchar', length: 8 })
  kind: string;

  @Column({ name: 'media_type', type: 'varchar', length: 100 })
  mediaType: string;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @ForeignKey(() => UserEntity)
  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;

  /** the lower application's file this row was carried from by a recommendation upward; null when uploaded here */
  @ForeignKey(() => MaterialFileEntity, { name: 'FK_material_files_carried_from' })
  @Column({ name: 'carried_from_id', type: 'uuid', nullable: true })
  carriedFromId: string | null;
}
