import { createHash, type Hash } from 'crypto';
import { Transform, type TransformCallback } from 'stream';

/** What a stored blob is: its key (never derived from a user's file name), its size and its SHA-256 (hex). */
export interface StoredBlob {
  key: string;
  size: number;
  sha256: string;
}

/** `get` of a key the store does not hold (deleted, lost, or never written there). */
export class BlobMissingError extends Error {
  constructor(readonly key: string) {
    super(`no blob ${key} in the store`);
  }
}

/** Refuses a blob over its limit while it streams: the upload stops, nothing past the limit is held. */
export class BlobTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the file is larger than ${limit} bytes`);
  }
}

/**
 * The port behind which material files live: local disk by default, an S3-compatible store in production
 * (STORAGE_URL). `put` streams; nothing is buffered whole. Keys are random (`yyyy/mm/<uuid>`), so two uploads of the
 * same bytes are two blobs and deleting one never touches another's.
 */
export abstract class BlobStorage {
  /** streams `source` into a new blob; refuses (BlobTooLargeError) past `maxBytes`, leaving nothing behind */
  abstract put(source: NodeJS.ReadableStream, maxBytes?: number): Promise<StoredBlob>;
  /** the blob's bytes, or a byte range of them (inclusive start, exclusive end); BlobMissingError if it is not there */
  abstract get(key: string, range?: { start: number; end: number }): Promise<NodeJS.ReadableStream>;
  abstract exists(key: string): Promise<boolean>;
  /** deleting a blob that is not there is not an error */
  abstract delete(key: string): Promise<void>;
  /** every blob with when it was written, for the orphan sweep (blobs written whose metadata transaction failed) */
  abstract keys(): AsyncIterable<{ key: string; writtenAt: Date }>;
}

/** Counts and hashes what passes through; fails the stream past `maxBytes`. */
export class HashingMeter extends Transform {
  size = 0;
  private readonly hash: Hash = createHash('sha256');

  constructor(private readonly maxBytes = Number.POSITIVE_INFINITY) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(new BlobTooLargeError(this.maxBytes));
    this.hash.update(chunk);
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** A new random key: a month folder and a UUID (the user's file name never reaches the store). */
export function newBlobKey(now: Date, uuid: string): string {
  return `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${uuid}`;
}

const KEY = /^\d{4}\/\d{2}\/[0-9a-f-]{36}$/;

/** A key this store made (a path traversal or a name from elsewhere is refused before it reaches a disk or bucket). */
export function assertBlobKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`not a blob key: ${JSON.stringify(key)}`);
}
