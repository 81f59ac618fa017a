import { randomUUID } from 'crypto';
import { createReadStream, createWriteStream } from 'fs';
import { access, mkdir, opendir, rename, rm, stat } from 'fs/promises';
import { dirname, join, relative } from 'path';
import { pipeline } from 'stream/promises';
import { assertBlobKey, BlobMissingError, BlobStorage, HashingMeter, newBlobKey, StoredBlob } from './blob-storage';

/**
 * Blobs as files under one directory (created on start). A write goes to `<key>.tmp-<uuid>` and is renamed into
 * place when complete, so a reader never sees half a file and a failed write leaves only a temp file, which the
 * orphan sweep (keys() skips temp files; `sweepTemp` deletes them) removes.
 */
export class LocalDiskStorage extends BlobStorage {
  constructor(readonly root: string) {
    super();
  }

  async init(): Promise<this> {
    await mkdir(this.root, { recursive: true });
    return this;
  }

  async put(source: NodeJS.ReadableStream, maxBytes?: number): Promise<StoredBlob> {
    const key = newBlobKey(new Date(), randomUUID());
    const path = this.pathOf(key);
    const temp = `${path}.tmp-${randomUUID()}`;
    await mkdir(dirname(path), { recursive: true });
    const meter = new HashingMeter(maxBytes);
    try {
      await pipeline(source, meter, createWriteStream(temp, { flags: 'wx' }));
      await rename(temp, path);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    return { key, size: meter.size, sha256: meter.digest() };
  }

  async get(key: string, range?: { start: number; end: number }): Promise<NodeJS.ReadableStream> {
    const path = this.pathOf(key);
    await access(path).catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'ENOENT' ? new BlobMissingError(key) : e;
    });
    // fs ranges are inclusive at the end; ours is exclusive
    return range ? createReadStream(path, { start: range.start, end: range.end - 1 }) : createReadStream(path);
  }

  async exists(key: string): Promise<boolean> {
    return access(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *keys(): AsyncIterable<{ key: string; writtenAt: Date }> {
    yield* this.walk(this.root);
  }

  private async *walk(dir: string): AsyncIterable<{ key: string; writtenAt: Date }> {
    let entries;
    try {
      entries = await opendir(dir);
    } catch {
      return;
    }
    for await (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) yield* this.walk(path);
      else if (!entry.name.includes('.tmp-'))
        yield { key: relative(this.root, path).split('\\').join('/'), writtenAt: (await stat(path)).mtime };
    }
  }

  private pathOf(key: string): string {
    assertBlobKey(key);
    return join(this.root, key);
  }
}
