import type { IncomingFile } from '@app/accreditation';
import { DomainError, DomainErrorCode } from '@app/domain';
import busboy from 'busboy';
import type { IncomingMessage } from 'http';

/** The raw request on either platform (Fastify wraps it as `raw`; Express's request is it). */
export function rawRequest(req: unknown): IncomingMessage {
  return ((req as { raw?: IncomingMessage }).raw ?? req) as IncomingMessage;
}

/** `attachment` with the original name: an ASCII fallback and the UTF-8 name in RFC 5987 form (Chinese names). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Reads one file from a multipart/form-data request as a stream (busboy; nothing held whole) and hands it to
 * `handle`, which must consume it. The file's field is `field`; other fields and files are skipped. Busboy cuts the
 * file at `maxBytes` and marks it truncated (the handler answers 413 naming the field), while reading and dropping
 * the rest of the request so the answer can be sent on a healthy connection.
 */
export function receiveFile<T>(
  req: IncomingMessage,
  field: string,
  maxBytes: number,
  handle: (file: IncomingFile) => Promise<T>,
): Promise<T> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^multipart\/form-data\b/i.test(type)) {
    return Promise.reject(
      new DomainError(
        DomainErrorCode.UnsupportedMediaType,
        `send the file as multipart/form-data in the field "${field}"`,
        {
          fields: [field],
        },
      ),
    );
  }
  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { fileSize: maxBytes, files: 5, fields: 20, parts: 25, fieldSize: 64 * 1024 },
      });
    } catch (e) {
      return reject(new DomainError(DomainErrorCode.ValidationFailed, `the multipart body: ${(e as Error).message}`));
    }
    let handled: Promise<T> | undefined;
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      req.resume(); // read and drop what the client still sends
      reject(e);
    };
    parser.on('file', (name, stream, info) => {
      if (name !== field || handled) {
        stream.resume();
        return;
      }
      const file: IncomingFile = {
        stream,
        fileName: info.filename || 'file',
        field,
        truncated: () => (stream as unknown as { truncated: boolean }).truncated === true,
      };
      handled = handle(file);
      handled.catch((e) => {
        stream.resume();
        fail(e);
      });
    });
    parser.on('error', (e: Error) =>
      fail(
        new DomainError(DomainErrorCode.ValidationFailed, `the multipart body does not parse: ${e.message}`, {
          fields: [field],
        }),
      ),
    );
    parser.on('close', () => {
      if (!handled) {
        return fail(
          new DomainError(DomainErrorCode.ValidationFailed, `${field}: a file is required in the field "${field}"`, {
            fields: [field],
          }),
        );
      }
      handled.then(
        (v) => {
          if (!settled) {
            settled = true;
            resolve(v);
          }
        },
        () => undefined, // reported by the catch above
      );
    });
    req.on('error', (e) => fail(e));
    req.pipe(parser);
  });
}
