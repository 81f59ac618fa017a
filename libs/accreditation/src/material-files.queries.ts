import { actingProblem, canSeeApplication, DomainError, DomainErrorCode, type Principal, Role } from '@app/domain';
import { BlobMissingError, BlobStorage, Clock } from '@app/platform';
import { UserEntity } from '@app/identity';
import { ProgrammeEntity } from '@app/programmes';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ZipFile } from 'yazl';
import { ApplicationEntity } from './application.entity';
import { MaterialDownloadEntity } from './material-download.entity';
import { MaterialFileEntity } from './material-file.entity';
import { WorkflowEngine } from './workflow-engine.service';

/** A file to send: its row and its bytes. */
export interface FileDownload {
  file: MaterialFileEntity;
  stream: NodeJS.ReadableStream;
}

/** One file of the dossier manifest. */
export interface ManifestEntry {
  materialCode: string;
  version: number;
  fileName: string;
  path: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Reading material files: the list of versions, one file, the dossier ZIP and the download log.
 *
 * Who may read the files (the words): the applicant's users, the regulators whose jurisdiction reviews the
 * application (they see it and may act on it: its programme is run inside their jurisdiction), and the evaluators
 * on its panel who are active (assigned and not excused). Nobody else: not finance, not administrators, not the
 * public (the public register and the objection routes never name a file). Every file sent is logged.
 */
@Injectable()
export class MaterialFilesQueries {
  private readonly logger = new Logger(MaterialFilesQueries.name);

  constructor(
    private readonly db: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly storage: BlobStorage,
    private readonly clock: Clock,
  ) {}

  /** Every version of every material, newest first per material; `current` marks the newest. */
  async list(principal: Principal, applicationId: string): Promise<(MaterialFileEntity & { current: boolean })[]> {
    await this.mayRead(principal, applicationId);
    const rows = await this.db.getRepository(MaterialFileEntity).find({
      where: { applicationId },
      order: { materialCode: 'ASC', version: 'DESC' },
    });
    const seen = new Set<string>();
    return rows.map((r) => {
      const current = !seen.has(r.materialCode);
      seen.add(r.materialCode);
      return Object.assign(r, { current });
    });
  }

  /** One file: `fileId` a version's id, or `current` with the material code for its newest version. */
  async download(
    principal: Principal,
    applicationId: string,
    materialCode: string,
    fileId: string | 'current',
  ): Promise<FileDownload> {
    await this.mayRead(principal, applicationId);
    const repo = this.db.getRepository(MaterialFileEntity);
    const file =
      fileId === 'current'
        ? await repo.findOne({ where: { applicationId, materialCode }, order: { version: 'DESC' } })
        : await repo.findOneBy({ id: fileId, applicationId, materialCode });
    if (!file) {
      throw new DomainError(DomainErrorCode.NotFound, `no file ${fileId} of material ${materialCode} here`);
    }
    const stream = await this.storage.get(file.storageKey).catch((e: Error) => {
      throw e instanceof BlobMissingError ? this.unavailable(applicationId, file) : e;
    });
    await this.logDownloads(principal, applicationId, [file], 'file');
    return { file, stream };
  }

  /**
   * The dossier: the current version of every material in one ZIP, under `<code>/<file name>`, with manifest.json
   * (code, version, name, size, SHA-256 of each). Streamed: yazl pulls each file from the store when it gets to it.
   */
  async dossier(
    principal: Principal,
    applicationId: string,
  ): Promise<{ reference: string; zip: NodeJS.ReadableStream }> {
    const application = await this.mayRead(principal, applicationId);
    const current = (await this.list(principal, applicationId)).filter((f) => f.current);
    // a ZIP cannot answer an error once it has started: every file must be there before the first byte goes out
    for (const f of current) if (!(await this.storage.exists(f.storageKey))) throw this.unavailable(applicationId, f);
    const manifest: ManifestEntry[] = current.map((f) => ({
      materialCode: f.materialCode,
      version: f.version,
      fileName: f.fileName,
      path: `${f.materialCode}/${safeName(f.fileName)}`,
      sizeBytes: f.sizeBytes,
      sha256: f.sha256,
    }));
    await this.logDownloads(principal, applicationId, current, 'dossier');
    const zip = new ZipFile();
    const mtime = this.clock.now();
    zip.addBuffer(
      Buffer.from(JSON.stringify({ application: application.reference, files: manifest }, null, 2), 'utf8'),
      'manifest.json',
      { mtime },
    );
    current.forEach((f, i) => {
      zip.addReadStreamLazy(manifest[i].path, { mtime, size: f.sizeBytes }, (cb) => {
        this.storage.get(f.storageKey).then(
          (s) => cb(null, s),
          (e: Error) => cb(e, undefined as never),
        );
      });
    });
    zip.end();
    return { reference: application.reference, zip: zip.outputStream };
  }

  /** Who downloaded which version when, newest first: for the regulators of the application. */
  async downloads(principal: Principal, applicationId: string) {
    await this.mayRead(principal, applicationId);
    if (principal.role !== Role.Regulator) {
      throw new DomainError(DomainErrorCode.Forbidden, 'the download log is for the reviewing regulators');
    }
    const rows = await this.db.getRepository(MaterialDownloadEntity).find({
      where: { applicationId },
      order: { downloadedAt: 'DESC' },
      take: 1000,
    });
    const files = await this.db
      .getRepository(MaterialFileEntity)
      .findBy({ id: In([...new Set(rows.map((r) => r.fileId))]) });
    const byId = new Map(files.map((f) => [f.id, f]));
    // who downloaded, by name: the log is read by people, not by user ids
    const users = await this.db.getRepository(UserEntity).find({
      where: { id: In([...new Set(rows.map((r) => r.userId))]) },
      select: { id: true, username: true, displayName: true },
    });
    const userById = new Map(users.map((u) => [u.id, u]));
    return rows.map((r) => ({ ...r, file: byId.get(r.fileId)!, user: userById.get(r.userId) ?? null }));
  }

  /**
   * Deletes blobs that no `material_files` row names (written, then their transaction failed or the process died),
   * older than `graceMs` so an upload in flight is left alone. Answers the keys deleted.
   */
  async sweepOrphans(graceMs = 3600_000): Promise<string[]> {
    const cutoff = Date.now() - graceMs; // the store's times are real ones, not the (demo) clock's
    const deleted: string[] = [];
    for await (const { key, writtenAt } of this.storage.keys()) {
      if (writtenAt.getTime() > cutoff) continue; // an upload may still be on its way to its row
      const named = await this.db.getRepository(MaterialFileEntity).existsBy({ storageKey: key });
      if (!named) {
        await this.storage.delete(key);
        deleted.push(key);
      }
    }
    if (deleted.length) this.logger.warn({ count: deleted.length }, 'deleted orphan material blobs');
    return deleted;
  }

  /** A file the records name that the store does not have: told to the operators, answered 503 FILE_UNAVAILABLE. */
  private unavailable(applicationId: string, file: MaterialFileEntity): DomainError {
    this.logger.error(
      { applicationId, fileId: file.id, storageKey: file.storageKey },
      'a material file named by its row is missing from storage',
    );
    return new DomainError(
      DomainErrorCode.FileUnavailable,
      `version ${file.version} of material ${file.materialCode} (${file.fileName}) cannot be read from storage now; the operators have been told`,
      { materialCode: file.materialCode, fileId: file.id },
    );
  }

  private async mayRead(principal: Principal, applicationId: string): Promise<ApplicationEntity> {
    const application = await this.db.getRepository(ApplicationEntity).findOneBy({ id: applicationId });
    if (!application) throw notFound(applicationId);
    const programme = await this.db.getRepository(ProgrammeEntity).findOneByOrFail({ id: application.programmeId });
    const scope = await this.engine.scopeOf(this.db.manager, application, programme);
    if (!canSeeApplication(principal, scope)) throw notFound(applicationId);
    const reads =
      principal.role === Role.Applicant ||
      principal.role === Role.Evaluator || // canSeeApplication: on the panel and active
      (principal.role === Role.Regulator && actingProblem(principal, scope) === null);
    if (!reads) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        "material files are for the applicant's users, the reviewing regulators and the application's evaluators",
      );
    }
    return application;
  }

  private async logDownloads(
    principal: Principal,
    applicationId: string,
    files: MaterialFileEntity[],
    via: 'file' | 'dossier',
  ): Promise<void> {
    if (!files.length) return;
    const at = this.clock.now();
    await this.db.getRepository(MaterialDownloadEntity).insert(
      files.map((f) => ({
        applicationId,
        fileId: f.id,
        userId: principal.id!,
        role: principal.role,
        via,
        downloadedAt: at,
      })),
    );
  }
}

function notFound(id: string): DomainError {
  return new DomainError(DomainErrorCode.NotFound, `application ${id} not found`);
}

/** A file name fit for a ZIP entry: no directories, no control characters. */
export function safeName(name: string): string {
  const base = name
    .split(/[\\/]/)
    .pop()!
    .split('')
    .filter((c) => c.charCodeAt(0) >= 0x20)
    .join('')
    .trim();
  return base && base !== '.' && base !== '..' ? base : 'file';
}
