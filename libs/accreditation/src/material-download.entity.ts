import { UserEntity } from '@app/identity';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MaterialFileEntity } from './material-file.entity';

/** One download of one material file version: who, in which role, when, alone or in the dossier ZIP. */
@Entity({ name: 'material_downloads' })
@Index('IDX_material_downloads_application', ['applicationId', 'downloadedAt'])
export class MaterialDownloadEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ForeignKey(() => MaterialFileEntity)
  @Column({ name: 'file_id', type: 'uuid' })
  fileId: string;

  @ForeignKey(() => UserEntity)
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  role: string;

  /** `file` (one file) or `dossier` (the ZIP of every current file) */
  @Column({ type: 'varchar', length: 8 })
  via: 'file' | 'dossier';

  @Column({ name: 'downloaded_at', type: 'timestamptz' })
  downloadedAt: Date;
}
