import {
  AccreditationEventType as E,
  AccreditationState as S,
  ACCEPTED_MATERIAL_KINDS,
  actingProblem,
  canSeeApplication,
  containerOf,
  DomainError,
  DomainErrorCode,
  materialType,
  type Principal,
  Role,
} from '@app/domain';
import { BlobStorage, Clock } from '@app/platform';
import { ProgrammeEntity } from '@app/programmes';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { PassThrough, Transform, type TransformCallback } from 'stream';
import { DataSource, EntityManager } from 'typeorm';
import { fromRandomAccessReader, RandomAccessReader } from 'yauzl';
import { ApplicationEntity } from './application.entity';
import { MaterialFileEntity } from './material-file.entity';
import { WorkflowEngine } from './workflow-engine.service';

/** A file as it arrives: its bytes as a stream, the name the client gave, and whether the parser cut it at the limit. */
export interface IncomingFile {
  stream: NodeJS.ReadableStream;
  fileName: string;
  /** the multipart field it came in (named in a 413) */
  field: string;
  /** true once the stream has ended when the file was longer than the limit */
  truncated(): boolean;
}

/** Material codes are the programme checklist's keys: snake_case. */
export const MATERIAL_CODE = /^[a-z][a-z0-9_]{0,63}$/;

const EDITABLE = [S.Draft, S.RevisionRequested];
const HEAD_BYTES = 16;

/**
 * An applicant's user uploads a version of one material (draft or revision_requested only). The bytes go to the
 * BlobStorage first, measured and hashed while they stream (nothing is held whole); the type is decided by the
 * content (material-type.util; a ZIP's entries read back from the store with yauzl); then, in one transaction, the
 * file's row (the next version of that material), the application's material entry pointing at it and the
 * UPDATE_MATERIALS history row with its outbox rows, through the workflow engine.
 *
 * A blob whose transaction fails (a refusal after the write, a crash) is an orphan: no `material_files` row names
 * its key. The one that fails here is deleted at once; one left by a crash is deleted by
 * `MaterialFilesQueries.sweepOrphans` (the CLI's `files:sweep`), once older than an hour.
 */
@Injectable()
export class UploadMaterialFileUseCase {
  private readonly logger = new Logger(UploadMaterialFileUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly storage: BlobStorage,
    private readonly clock: Clock,
  ) {}

  /** Refuses before any byte is stored: not the applicant's, not in the applicant's hands, a bad code. */
  async precheck(applicationId: string, principal: Principal, materialCode: string): Promise<void> {
    if (!MATERIAL_CODE.test(materialCode)) {
      throw new DomainError(
        DomainErrorCode.ValidationFailed,
        'materialCode must be snake_case, e.g. protection_system',
        {
          fields: ['materialCode'],
        },
      );
    }
    const application = await this.db.getRepository(ApplicationEntity).findOneBy({ id: applicationId });
    if (!application) throw notFound(applicationId);
    const programme = await this.db.getRepository(ProgrammeEntity).findOneByOrFail({ id: application.programmeId });
    const scope = await this.engine.scopeOf(this.db.manager, application, programme);
    if (!canSeeApplication(principal, scope)) throw notFound(applicationId);
    const problem = actingProblem(principal, scope);
    if (problem) throw new DomainError(DomainErrorCode.Forbidden, problem);
    if (principal.role !== Role.Applicant) {
      throw new DomainError(DomainErrorCode.Forbidden, "only the applicant's users upload materials");
    }
    if (!EDITABLE.includes(application.state)) {
      throw new DomainError(
        DomainErrorCode.EventNotAllowed,
        `materials may change only in draft or revision_requested; the application is in ${application.state}`,
        { state: application.state },
      );
    }
  }

  async execute(
    applicationId: string,
    principal: Principal,
    materialCode: string,
    file: IncomingFile,
    maxBytes: number,
    expectedVersion: number | null,
  ): Promise<MaterialFileEntity> {
    const head = new HeadCapture(HEAD_BYTES);
    file.stream.on('error', (e: Error) => head.destroy(e));
    const blob = await this.storage.put(file.stream.pipe(head), maxBytes);
    try {
      if (file.truncated() || blob.size > maxBytes) {
        throw new DomainError(
          DomainErrorCode.PayloadTooLarge,
          `${file.field}: the file is larger than the limit of ${maxBytes} bytes`,
          { fields: [file.field], limit: maxBytes },
        );
      }
      if (blob.size === 0) {
        throw new DomainError(DomainErrorCode.ValidationFailed, `${file.field}: the file is empty`, {
          fields: [file.field],
        });
      }
      const container = containerOf(head.bytes());
      const entries = container === 'zip' ? await zipEntries(this.storage, blob.key, blob.size) : [];
      const type = materialType(container, file.fileName, entries);
      if (!type.ok) {
        throw new DomainError(
          DomainErrorCode.UnsupportedMediaType,
          `${file.fileName}: the content is ${type.detected}, not one of ${ACCEPTED_MATERIAL_KINDS.join(', ')}`,
          { fields: [file.field], fileName: file.fileName, detected: type.detected },
        );
      }
      return await this.db.transaction(async (tx) => {
        const row = await this.record(tx, applicationId, principal, materialCode, file.fileName, blob, type);
        await this.engine.fireIn(
          tx,
          applicationId,
          principal,
          { type: E.UpdateMaterials, materials: await this.materialsWith(tx, applicationId, materialCode, row) },
          expectedVersion,
          { file: { id: row.id, materialCode, version: row.version, sha256: row.sha256 } },
        );
        return row;
      });
    } catch (e) {
      // the blob is nobody's: delete it now (the sweep would find it otherwise)
      await this.storage.delete(blob.key).catch((err: Error) => this.logger.warn({ key: blob.key }, err.message));
      throw e;
    }
  }

  private async record(
    tx: EntityManager,
    applicationId: string,
    principal: Principal,
    materialCode: string,
    fileName: string,
    blob: { key: string; size: number; sha256: string },
    type: { kind: string; mediaType: string },
  ): Promise<MaterialFileEntity> {
    // the application row is locked first so two uploads of one material number their versions one after the other
    await tx.query('SELECT 1 FROM applications WHERE id = $1 FOR UPDATE', [applicationId]);
    const [{ last }] = await tx.query<{ last: number | null }[]>(
      'SELECT max(version) AS last FROM material_files WHERE application_id = $1 AND material_code = $2',
      [applicationId, materialCode],
    );
    const row = Object.assign(new MaterialFileEntity(), {
      id: randomUUID(),
      applicationId,
      materialCode,
      version: (last ?? 0) + 1,
      storageKey: blob.key,
      fileName: fileName.slice(0, 255),
      kind: type.kind,
      mediaType: type.mediaType,
      sizeBytes: blob.size,
      sha256: blob.sha256,
      uploadedBy: principal.id!,
      organisationId: principal.organisationId!,
      uploadedAt: this.clock.now(),
    });
    await tx.insert(MaterialFileEntity, row);
    return row;
  }

  /** The application's material list with this material pointing at the new file. */
  private async materialsWith(tx: EntityManager, applicationId: string, code: string, row: MaterialFileEntity) {
    const { materials } = await tx.getRepository(ApplicationEntity).findOneByOrFail({ id: applicationId });
    const entry = {
      key: code,
      title: materials.find((m) => m.key === code)?.title ?? code,
      reference: `file:${row.id}`,
    };
    return materials.some((m) => m.key === code)
      ? materials.map((m) => (m.key === code ? entry : m))
      : [...materials, entry];
  }
}

function notFound(id: string): DomainError {
  return new DomainError(DomainErrorCode.NotFound, `application ${id} not found`);
}

/** Passes bytes on, keeping the first `n`. */
class HeadCapture extends Transform {
  private readonly chunks: Buffer[] = [];
  private kept = 0;

  constructor(private readonly n: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.kept < this.n) {
      this.chunks.push(chunk.subarray(0, this.n - this.kept));
      this.kept += Math.min(chunk.length, this.n - this.kept);
    }
    done(null, chunk);
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** Reads a stored blob by ranges, as yauzl asks (the central directory at the end first): never the whole file. */
class BlobRangeReader extends RandomAccessReader {
  constructor(
    private readonly storage: BlobStorage,
    private readonly key: string,
  ) {
    super();
  }

  override _readStreamForRange(start: number, end: number) {
    const out = new PassThrough();
    this.storage.get(this.key, { start, end }).then(
      (s) => {
        s.on('error', (e: Error) => out.destroy(e));
        s.pipe(out);
      },
      (e: Error) => out.destroy(e),
    );
    return out;
  }
}

/** The names of a stored ZIP's entries (none when it does not open as a ZIP). */
export async function zipEntries(storage: BlobStorage, key: string, size: number, max = 10_000): Promise<string[]> {
  return new Promise((resolve) => {
    fromRandomAccessReader(
      new BlobRangeReader(storage, key),
      size,
      { lazyEntries: true, autoClose: true },
      (err, zip) => {
        if (err || !zip) return resolve([]);
        const names: string[] = [];
        zip.on('entry', (entry: { fileName: string }) => {
          names.push(entry.fileName);
          if (names.length >= max) {
            zip.close();
            resolve(names);
          } else zip.readEntry();
        });
        zip.on('end', () => resolve(names));
        zip.on('error', () => resolve(names));
        zip.readEntry();
      },
    );
  });
}
