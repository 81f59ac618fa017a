import { MaterialFilesQueries, UploadMaterialFileUseCase } from '@app/accreditation';
import { EnvironmentVariables } from '@app/config';
import { DomainError, DomainErrorCode, type Principal, Role } from '@app/domain';
import { Controller, Get, Headers, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Readable } from 'stream';
import { Access, CurrentPrincipal, Roles } from '../common/auth.decorators';
import { contentDisposition, rawRequest, receiveFile } from '../common/multipart.util';
import { expectedVersion, type HeaderSetter } from '../common/version.util';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { MaterialDownloadView, MaterialFileView } from './material-file.view';
import { uuid } from '../common/uuid.pipe';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILE_FIELD = 'file';
const ERRORS = {
  notFound: { status: 404, description: 'NOT_FOUND: no such application you may see (or no such file of it)' },
  forbidden: { status: 403, description: 'FORBIDDEN: a role that may not read or change material files' },
};

/**
 * Material files: uploaded by the applicant's users (multipart, streamed), read by them, the reviewing regulators and
 * the application's active evaluators; every file sent is logged, and the log is the regulators'.
 */
@ApiTags('material files')
@ApiBearerAuth()
@Controller('applications')
export class MaterialFilesController {
  constructor(
    private readonly upload: UploadMaterialFileUseCase,
    private readonly files: MaterialFilesQueries,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  @Post(':id/materials/:materialCode/files')
  @Roles(Role.Applicant)
  @Access('application')
  @ApiOperation({
    summary: 'Upload a new version of one material (draft or revision_requested; the applicant)',
    description:
      "multipart/form-data with the file in the field `file`. The type is decided by the content: PDF, OFD, Word (doc, docx), Excel (xls, xlsx), JPEG or PNG. The SHA-256 is computed while the file streams and is answered. Each upload is the next version of the material and points the application's material entry at it (an UPDATE_MATERIALS on the record). An If-Match header is checked when sent.",
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [FILE_FIELD],
      properties: { [FILE_FIELD]: { type: 'string', format: 'binary' } },
    },
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'the version you last read (optional here)' })
  @ApiCreatedResponse({ type: MaterialFileView })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED: no file in the field `file`, an empty file, a bad code',
  })
  @ApiResponse(ERRORS.forbidden)
  @ApiResponse(ERRORS.notFound)
  @ApiResponse({ status: 409, description: 'EVENT_NOT_ALLOWED: materials are frozen in this state; VERSION_CONFLICT' })
  @ApiResponse({ status: 413, description: 'PAYLOAD_TOO_LARGE: over UPLOAD_MAX_BYTES; `fields` names `file`' })
  @ApiResponse({
    status: 415,
    description: 'UNSUPPORTED_MEDIA_TYPE: not multipart, or content of a refused type (named)',
  })
  async uploadFile(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Param('materialCode') materialCode: string,
    @Req() req: unknown,
    @Headers('if-match') ifMatch?: string,
  ): Promise<MaterialFileView> {
    const version = expectedVersion(undefined, ifMatch);
    await this.upload.precheck(id, p, materialCode);
    const maxBytes = this.config.get('UPLOAD_MAX_BYTES', { infer: true });
    const row = await receiveFile(rawRequest(req), FILE_FIELD, maxBytes, (file) =>
      this.upload.execute(id, p, materialCode, file, maxBytes, version),
    );
    return MaterialFileView.of(row);
  }

  @Get(':id/files')
  @Roles(Role.Applicant, Role.Regulator, Role.Evaluator)
  @Access('application')
  @ApiOperation({ summary: 'Every uploaded version of every material, with its SHA-256; the newest marked current' })
  @ApiOkResponse({ type: [MaterialFileView] })
  @ApiResponse(ERRORS.forbidden)
  @ApiResponse(ERRORS.notFound)
  async list(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<MaterialFileView[]> {
    return (await this.files.list(p, id)).map(MaterialFileView.of);
  }

  @Get(':id/files/downloads')
  @Roles(Role.Regulator)
  @Access('application')
  @ApiOperation({ summary: 'Who downloaded which version of which material, and when (the reviewing regulators)' })
  @ApiOkResponse({ type: [MaterialDownloadView] })
  @ApiResponse(ERRORS.forbidden)
  @ApiResponse(ERRORS.notFound)
  async downloads(@CurrentPrincipal() p: Principal, @Param('id', uuid) id: string): Promise<MaterialDownloadView[]> {
    return (await this.files.downloads(p, id)).map(MaterialDownloadView.of);
  }

  @Get(':id/materials/:materialCode/files/:fileId')
  @Roles(Role.Applicant, Role.Regulator, Role.Evaluator)
  @Access('application')
  @ApiOperation({
    summary: 'Download one version of a material (`current` for the newest); the download is logged',
    description:
      'Content-Type is the sniffed type, Content-Disposition carries the original name (RFC 5987 for non-ASCII names), the ETag is the SHA-256.',
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'the file', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: fileId is neither a UUID nor `current`' })
  @ApiResponse(ERRORS.forbidden)
  @ApiResponse(ERRORS.notFound)
  @ApiErrors(DomainErrorCode.FileUnavailable)
  async download(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Param('materialCode') materialCode: string,
    @Param('fileId') fileId: string,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    if (fileId !== 'current' && !UUID.test(fileId)) {
      throw new DomainError(DomainErrorCode.ValidationFailed, 'fileId must be a UUID or `current`', {
        fields: ['fileId'],
      });
    }
    const { file, stream } = await this.files.download(p, id, materialCode, fileId);
    res.header('Content-Type', file.mediaType);
    res.header('Content-Disposition', contentDisposition(file.fileName));
    res.header('ETag', `"${file.sha256}"`);
    res.header('Content-Length', String(file.sizeBytes));
    res.header('Cache-Control', 'private, no-store');
    return new StreamableFile(stream as Readable);
  }

  @Get(':id/dossier.zip')
  @Roles(Role.Applicant, Role.Regulator, Role.Evaluator)
  @Access('application')
  @ApiOperation({
    summary: 'The dossier: the current version of every material in one ZIP, with manifest.json (names, SHA-256)',
    description: 'Streamed as it is built; each file in it is logged as downloaded (via `dossier`).',
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'the ZIP', schema: { type: 'string', format: 'binary' } })
  @ApiResponse(ERRORS.forbidden)
  @ApiResponse(ERRORS.notFound)
  @ApiErrors(DomainErrorCode.FileUnavailable)
  async dossier(
    @CurrentPrincipal() p: Principal,
    @Param('id', uuid) id: string,
    @Res({ passthrough: true }) res: HeaderSetter,
  ): Promise<StreamableFile> {
    const { reference, zip } = await this.files.dossier(p, id);
    res.header('Content-Type', 'application/zip');
    res.header('Content-Disposition', contentDisposition(`${reference}.zip`));
    res.header('Cache-Control', 'private, no-store');
    return new StreamableFile(zip as Readable);
  }
}
