import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { randomUUID } from 'crypto';
import { assertBlobKey, BlobMissingError, BlobStorage, HashingMeter, newBlobKey, StoredBlob } from './blob-storage';

export interface S3Location {
  bucket: string;
  prefix: string;
  client: S3Client;
}

/**
 * `s3://[KEY:SECRET@]bucket[/prefix]?endpoint=https://host:9000&region=cn-north-1&forcePathStyle=true`: an
 * S3-compatible store (MinIO, Aliyun OSS, Tencent COS, AWS). Without credentials in the URL the AWS SDK's own chain
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, profiles) supplies them.
 */
export function s3LocationOf(url: string): S3Location {
  const u = new URL(url);
  const endpoint = u.searchParams.get('endpoint') ?? undefined;
  const credentials = u.username
    ? { accessKeyId: decodeURIComponent(u.username), secretAccessKey: decodeURIComponent(u.password) }
    : undefined;
  const client = new S3Client({
    region: u.searchParams.get('region') ?? 'us-east-1',
    endpoint,
    forcePathStyle: (u.searchParams.get('forcePathStyle') ?? (endpoint ? 'true' : 'false')) === 'true',
    ...(credentials ? { credentials } : {}),
  });
  return { bucket: u.hostname, prefix: u.pathname.replace(/^\/+|\/+$/g, ''), client };
}

/** The part size of a multipart upload: one part is the most an upload holds in memory. */
const PART_BYTES = 8 * 1024 * 1024;

/**
 * Blobs as objects. A put streams through the SHA-256 meter; a blob under one part is one PutObject, a larger one a
 * multipart upload of 8 MiB parts (at most one part in memory), aborted if the stream fails. An object is visible
 * only once complete, like the local rename.
 */
export class S3Storage extends BlobStorage {
  constructor(private readonly at: S3Location) {
    super();
  }

  async put(source: NodeJS.ReadableStream, maxBytes?: number): Promise<StoredBlob> {
    const key = newBlobKey(new Date(), randomUUID());
    const Key = this.objectKey(key);
    const Bucket = this.at.bucket;
    const meter = new HashingMeter(maxBytes);
    source.on('error', (e: Error) => meter.destroy(e));
    source.pipe(meter);
    let uploadId: string | undefined;
    const parts: { ETag: string; PartNumber: number }[] = [];
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flushPart = async () => {
      uploadId ??= (await this.at.client.send(new CreateMultipartUploadCommand({ Bucket, Key }))).UploadId!;
      const PartNumber = parts.length + 1;
      const Body = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      const out = await this.at.client.send(
        new UploadPartCommand({ Bucket, Key, UploadId: uploadId, PartNumber, Body }),
      );
      parts.push({ ETag: out.ETag!, PartNumber });
    };
    try {
      for await (const chunk of meter as AsyncIterable<Buffer>) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= PART_BYTES) await flushPart();
      }
      if (uploadId === undefined) {
        await this.at.client.send(new PutObjectCommand({ Bucket, Key, Body: Buffer.concat(pending) }));
      } else {
        if (pendingBytes > 0) await flushPart();
        await this.at.client.send(
          new CompleteMultipartUploadCommand({ Bucket, Key, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
        );
      }
    } catch (e) {
      if (uploadId !== undefined) {
        await this.at.client
          .send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId }))
          .catch(() => undefined);
      }
      throw e;
    }
    return { key, size: meter.size, sha256: meter.digest() };
  }

  async get(key: string, range?: { start: number; end: number }): Promise<NodeJS.ReadableStream> {
    const out = await this.at.client
      .send(
        new GetObjectCommand({
          Bucket: this.at.bucket,
          Key: this.objectKey(key),
          ...(range ? { Range: `bytes=${range.start}-${range.end - 1}` } : {}),
        }),
      )
      .catch((e: Error) => {
        throw e.name === 'NoSuchKey' ? new BlobMissingError(key) : e;
      });
    return out.Body as NodeJS.ReadableStream;
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.at.client.send(new HeadObjectCommand({ Bucket: this.at.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (e) {
      if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await this.at.client.send(new DeleteObjectCommand({ Bucket: this.at.bucket, Key: this.objectKey(key) }));
  }

  async *keys(): AsyncIterable<{ key: string; writtenAt: Date }> {
    let token: string | undefined;
    const prefix = this.at.prefix ? `${this.at.prefix}/` : '';
    do {
      const page = await this.at.client.send(
        new ListObjectsV2Command({ Bucket: this.at.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? [])
        if (o.Key) yield { key: o.Key.slice(prefix.length), writtenAt: o.LastModified ?? new Date(0) };
      token = page.NextContinuationToken;
    } while (token);
  }

  private objectKey(key: string): string {
    assertBlobKey(key);
    return this.at.prefix ? `${this.at.prefix}/${key}` : key;
  }
}
