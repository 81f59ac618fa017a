import { TEST_STORAGE_S3_URL } from '@app/testing';
import { createHash } from 'crypto';
import { mkdtemp, readdir, rm } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';
import { BlobStorage, BlobTooLargeError } from './blob-storage';
import { LocalDiskStorage } from './local-disk.storage';
import { S3Storage, s3LocationOf } from './s3.storage';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function read(s: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

async function all(keys: AsyncIterable<{ key: string; writtenAt: Date }>): Promise<string[]> {
  const out: string[] = [];
  for await (const k of keys) {
    expect(Math.abs(k.writtenAt.getTime() - Date.now())).toBeLessThan(3600_000);
    out.push(k.key);
  }
  return out;
}

/** What every BlobStorage adapter promises; run against the local disk, and against S3 when TEST_STORAGE_S3_URL is set. */
function contract(name: string, make: () => Promise<{ storage: BlobStorage; done(): Promise<void> }>) {
  describe(`${name} storage`, () => {
    let storage: BlobStorage;
    let done: () => Promise<void>;
    beforeAll(async () => ({ storage, done } = await make()));
    afterAll(() => done());

    it('stores a stream under a random key with its size and SHA-256, and gives it back whole or by range', async () => {
      const bytes = Buffer.from('%PDF-1.4 商业秘密保护 '.repeat(5000));
      const a = await storage.put(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]));
      const b = await storage.put(Readable.from([bytes]));
      expect(a).toMatchObject({ size: bytes.length, sha256: sha(bytes) });
      expect(a.key).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
      expect(b.key).not.toBe(a.key); // the same bytes twice are two blobs
      expect((await read(await storage.get(a.key))).equals(bytes)).toBe(true);
      expect((await read(await storage.get(a.key, { start: 5, end: 17 }))).equals(bytes.subarray(5, 17))).toBe(true);
      expect(await storage.exists(a.key)).toBe(true);
      expect(await all(storage.keys())).toEqual(expect.arrayContaining([a.key, b.key]));
      await storage.delete(a.key);
      await storage.delete(a.key); // twice is fine
      expect(await storage.exists(a.key)).toBe(false);
      await expect(storage.get(a.key).then(read)).rejects.toThrow();
    });

    it('refuses a stream past its limit and keeps nothing of it', async () => {
      const before = await all(storage.keys());
      const big = Readable.from(
        (function* () {
          for (let i = 0; i < 64; i++) yield Buffer.alloc(64 * 1024, i);
        })(),
      );
      await expect(storage.put(big, 1024 * 1024)).rejects.toBeInstanceOf(BlobTooLargeError);
      expect(await all(storage.keys())).toEqual(before);
    });

    it('refuses a key it did not make (no path traversal)', async () => {
      await expect(storage.get('../../etc/passwd')).rejects.toThrow(/not a blob key/);
      await expect(storage.exists('2026/01/x')).rejects.toThrow(/not a blob key/);
    });
  });
}

contract('local disk', async () => {
  const root = await mkdtemp(join(tmpdir(), 'blobs-'));
  const storage = await new LocalDiskStorage(join(root, 'nested', 'files')).init(); // created on start
  return {
    storage,
    done: async () => {
      // a failed write leaves no temp file behind
      const files = await readdir(root, { recursive: true });
      expect(files.filter((f) => String(f).includes('.tmp-'))).toEqual([]);
      await rm(root, { recursive: true, force: true });
    },
  };
});

if (TEST_STORAGE_S3_URL) {
  contract('S3', async () => ({
    storage: new S3Storage(s3LocationOf(TEST_STORAGE_S3_URL)),
    done: async () => undefined,
  }));
} else {
  describe('S3 storage', () => {
    it.skip('runs only with TEST_STORAGE_S3_URL (an S3-compatible endpoint such as MinIO)', () => undefined);
  });
}
