import { type MaterialFilesQueries } from '@app/accreditation';
import { ApiProperty } from '@nestjs/swagger';

type MaterialFile = Awaited<ReturnType<MaterialFilesQueries['list']>>[number];
type Download = Awaited<ReturnType<MaterialFilesQueries['downloads']>>[number];

/** One uploaded version of a material. */
export class MaterialFileView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ description: "the material's key in the programme's checklist", example: 'protection_system' })
  materialCode: string;
  @ApiProperty({ type: 'integer', description: '1 for the first upload of this material, then 2, 3, ...' })
  version: number;
  @ApiProperty({ description: 'true for the newest version of the material' }) current: boolean;
  @ApiProperty({ description: 'the name it was uploaded with' }) fileName: string;
  @ApiProperty({
    enum: ['pdf', 'ofd', 'doc', 'xls', 'docx', 'xlsx', 'jpg', 'png'],
    description: 'decided by the content',
  })
  kind: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ description: 'SHA-256 of the content, lower-case hex (also the ETag of its download)' })
  sha256: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt: Date;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "carried up with a recommendation: the lower application's file it came from (the same stored bytes)",
  })
  carriedFromId: string | null;

  static of(f: MaterialFile | (Omit<MaterialFile, 'current'> & { current?: boolean })): MaterialFileView {
    return {
      id: f.id,
      applicationId: f.applicationId,
      materialCode: f.materialCode,
      version: f.version,
      current: f.current ?? true,
      fileName: f.fileName,
      kind: f.kind,
      mediaType: f.mediaType,
      sizeBytes: f.sizeBytes,
      sha256: f.sha256,
      uploadedBy: f.uploadedBy,
      organisationId: f.organisationId,
      uploadedAt: f.uploadedAt,
      carriedFromId: f.carriedFromId ?? null,
    };
  }
}

/** One download of a file: who, in which role, when, which version, alone or in the dossier ZIP. */
export class MaterialDownloadView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) fileId: string;
  @ApiProperty() materialCode: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ type: String, nullable: true, example: 'qd-evaluator-1' }) username: string | null;
  @ApiProperty({ type: String, nullable: true, example: '评审专家 王' }) displayName: string | null;
  @ApiProperty({ enum: ['applicant', 'regulator', 'evaluator'] }) role: string;
  @ApiProperty({ enum: ['file', 'dossier'] }) via: 'file' | 'dossier';
  @ApiProperty({ format: 'date-time' }) downloadedAt: Date;

  static of(d: Download): MaterialDownloadView {
    return {
      id: d.id,
      fileId: d.fileId,
      materialCode: d.file.materialCode,
      version: d.file.version,
      userId: d.userId,
      username: d.user?.username ?? null,
      displayName: d.user?.displayName ?? null,
      role: d.role,
      via: d.via,
      downloadedAt: d.downloadedAt,
    };
  }
}
