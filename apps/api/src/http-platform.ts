import { EnvironmentVariables } from '@app/config';
import { requestIdOf } from '@app/platform';
import { INestApplication } from '@nestjs/common';
import { AbstractHttpAdapter } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'http';
import { PassThrough, Readable, Transform } from 'stream';
import type { WebConsole } from './common/web-console';
import { createBrotliDecompress, createGunzip, createInflate } from 'zlib';

export type HttpPlatform = EnvironmentVariables['HTTP_PLATFORM'];

/** A client error raised before a handler runs; the exception filter answers it in the API's vocabulary. */
export class RequestBodyError extends Error {
  constructor(
    readonly statusCode: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * The request-body rules both platforms keep alike: JSON in UTF-8 only (another charset is a 415), the body may
 * come gzip-, deflate- or brotli-compressed (an unknown encoding is a 415, a body that does not inflate a 400),
 * and the limit applies to the inflated body.
 */
export function bodyCharsetProblem(contentType: string | undefined): string | undefined {
  if (!/^\s*application\/(?:[\w.-]+\+)?json\b/i.test(contentType ?? '')) return undefined; // CSV may come in GBK
  const charset = charsetOf(contentType);
  return charset && charset !== 'utf-8' && charset !== 'utf8'
    ? `unsupported charset "${charset}": send JSON in UTF-8`
    : undefined;
}

function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
}

/**
 * A CSV body as text in the charset it declares (UTF-8 unless told; Chinese banks' exports are often GBK or
 * GB18030): 415 for a charset we cannot decode, 400 for bytes that are not valid in it.
 */
export function decodeCsv(body: Buffer, contentType: string | undefined): string {
  const charset = charsetOf(contentType) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new RequestBodyError(415, `unsupported charset "${charset}" for a CSV body: use UTF-8, GBK or GB18030`);
  }
  try {
    return decoder.decode(body);
  } catch {
    throw new RequestBodyError(400, `the CSV body is not valid ${charset}`);
  }
}

function inflated(req: FastifyRequest, payload: Readable): Readable {
  const encoding = String(req.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding === 'identity' || encoding === '') return payload;
  const decoder = DECODERS[encoding];
  if (!decoder)
    throw new RequestBodyError(415, `unsupported content encoding "${encoding}": use gzip, deflate, br or none`);
  const out = new PassThrough() as PassThrough & { receivedEncodedLength: number };
  out.receivedEncodedLength = 0;
  const inflate = decoder();
  payload.on('data', (chunk: Buffer) => (out.receivedEncodedLength += chunk.length));
  inflate.on('error', (e: Error) =>
    out.destroy(new RequestBodyError(400, `the request body does not inflate as ${encoding}: ${e.message}`)),
  );
  payload.on('error', (e) => out.destroy(e));
  // A body nobody reads (refused for its media type first, say) still inflates, and its error would be emitted on a
  // stream without a listener: an uncaught exception that ends the process. Whoever reads the body listens too.
  out.on('error', () => undefined);
  return payload.pipe(inflate).pipe(out);
}

/** The largest bank statement, as the CSV file itself (`Content-Type: text/csv`): 5 MiB. */
export const CSV_BODY_LIMIT = 5 * 1024 * 1024;
/** The same statement inside JSON (`{ "csv": "..." }`): room for the escaped quotes and line breaks. */
export const CSV_IN_JSON_BODY_LIMIT = 6 * 1024 * 1024;
const CSV_TYPES = ['text/csv', 'application/csv'];

/**
 * The routes that take more than BODY_LIMIT_BYTES, with their own limits per body type; the one place both platforms
 * read them from. A CSV file may be sent as the raw body only to these routes (elsewhere it is a 415): it reaches the
 * handler as `{ csv: <text> }`, the same shape as the JSON form, and is validated by the same DTO.
 */
const LARGE_BODY_ROUTES: { method: string; path: string; json: number; csv: number }[] = [
  { method: 'POST', path: '/finance/statements', json: CSV_IN_JSON_BODY_LIMIT, csv: CSV_BODY_LIMIT },
];

function largeBodyRoute(method: string | undefined, url: string | undefined) {
  const path = (url ?? '').split('?')[0].replace(/\/+$/, '');
  return LARGE_BODY_ROUTES.find((r) => r.method === method && r.path === path);
}

/** "5 MiB", "100 KiB", "512 bytes": how a limit reads in an answer. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** The answer's message when a body is over its limit. */
export function tooLargeMessage(limit: number | undefined): string {
  return limit
    ? `request body is too large: at most ${formatBytes(limit)} for this request`
    : 'request body is too large';
}

function csvNotTaken(contentType: string | undefined): RequestBodyError {
  return new RequestBodyError(
    415,
    `unsupported content type "${contentType ?? ''}" here: send JSON (a CSV file is taken by POST /finance/statements)`,
  );
}

/** The one route that takes multipart/form-data (a material file upload); its body is read by the handler, streaming. */
const UPLOAD_ROUTE = /^\/applications\/[^/]+\/materials\/[^/]+\/files\/?$/;

export function isUploadRoute(method: string | undefined, url: string | undefined): boolean {
  return method === 'POST' && UPLOAD_ROUTE.test((url ?? '').split('?')[0]);
}

function multipartNotTaken(contentType: string | undefined): RequestBodyError {
  return new RequestBodyError(
    415,
    `unsupported content type "${contentType ?? ''}" here: multipart/form-data is taken by POST /applications/:id/materials/:materialCode/files`,
  );
}

function configureFastify(fastify: FastifyInstance): void {
  // the request id: given by the caller or made here, echoed back, and the one the request log line carries
  fastify.addHook('onRequest', async (req, reply) => {
    (req.raw as { id?: string }).id = req.id;
    reply.header('X-Request-Id', req.id);
  });
  // the large-body routes get their limit on the route (it wins over the parsers' own)
  fastify.addHook('onRoute', (route) => {
    const methods = ([] as string[]).concat(route.method);
    const large = LARGE_BODY_ROUTES.find((r) => methods.includes(r.method) && r.path === route.url);
    if (large) route.bodyLimit = Math.max(large.json, large.csv);
  });
  fastify.addContentTypeParser(CSV_TYPES, { parseAs: 'buffer' }, (req, body, done) => {
    try {
      const large = largeBodyRoute(req.method, req.url);
      if (!large) throw csvNotTaken(req.headers['content-type']);
      if ((body as Buffer).length > large.csv) throw new RequestBodyError(413, tooLargeMessage(large.csv));
      done(null, { csv: decodeCsv(body as Buffer, req.headers['content-type']) });
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  // a material upload: the parser leaves the stream alone, the handler streams it through busboy
  fastify.addContentTypeParser('multipart/form-data', (req, _payload, done) => {
    if (!isUploadRoute(req.method, req.url)) return done(multipartNotTaken(req.headers['content-type']), undefined);
    done(null, undefined);
  });
  fastify.addHook('onRequest', async (req) => {
    const problem =
      req.headers['content-length'] !== undefined || req.headers['transfer-encoding']
        ? bodyCharsetProblem(req.headers['content-type'])
        : undefined;
    if (problem) throw new RequestBodyError(415, problem);
  });
  fastify.addHook('preParsing', async (req, _reply, payload) => {
    const encoding = String(req.headers['content-encoding'] ?? 'identity')
      .trim()
      .toLowerCase();
    if (isUploadRoute(req.method, req.url) && encoding !== 'identity' && encoding !== '') {
      throw new RequestBodyError(415, 'send a file upload without Content-Encoding (files are not inflated)');
    }
    return inflated(req, payload);
  });
}

/** The HTTP adapter for the configured platform (Fastify by default; Express for comparison). */
export function createHttpAdapter(platform: HttpPlatform, bodyLimit: number, trustProxy = ''): AbstractHttpAdapter {
  const proxies = trustProxy
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (platform === 'express') {
    const express = new ExpressAdapter();
    // the client's address (request.ip, which rate limits count by) from X-Forwarded-For sent by these proxies
    express.set('trust proxy', proxies.length ? proxies : false);
    return express;
  }
  const adapter = new FastifyAdapter({
    bodyLimit,
    trustProxy: proxies.length ? proxies : false,
    // the request log comes from nestjs-pino, as on Express (Fastify's own logger, and so its request log, is off)
    logger: false,
    // a JSON body with __proto__ or constructor.prototype keys is refused (400), not silently stripped
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { maxParamLength: 200 },
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => requestIdOf(req.headers['x-request-id']),
  });
  configureFastify(adapter.getInstance() as unknown as FastifyInstance);
  return adapter;
}

interface ExpressRequest {
  method: string;
  url: string;
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
  is(types: string[]): string | false | null;
}

function hasBody(req: ExpressRequest): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined ||
    (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0')
  );
}

/** Express needs its JSON limit and the CSV body set on the app; Fastify took them in the adapter. */
export function applyBodyParsers(app: INestApplication, platform: HttpPlatform, bodyLimit: number): void {
  if (platform !== 'express') return;
  const express = app as NestExpressApplication;
  const large = (req: ExpressRequest) => largeBodyRoute(req.method, req.url);
  const isJson = (req: ExpressRequest) => Boolean(req.is(['application/json', '+json']));
  const isCsv = (req: ExpressRequest) => Boolean(req.is(CSV_TYPES));
  // one parser per limit, each taking only its requests (body-parser's `type` may be a function)
  for (const route of LARGE_BODY_ROUTES) {
    const here = (req: ExpressRequest) => large(req) === route;
    express.useBodyParser('json', { limit: route.json, type: (req: ExpressRequest) => here(req) && isJson(req) });
    express.useBodyParser('text', { limit: route.csv, type: (req: ExpressRequest) => here(req) && isCsv(req) });
  }
  express.useBodyParser('json', { limit: bodyLimit, type: (req: ExpressRequest) => !large(req) && isJson(req) });
  express.use((req: ExpressRequest, _res: unknown, next: (e?: unknown) => void) => {
    // a body of a type nothing parsed is refused, as Fastify does, instead of reaching the handler as {}
    const multipart = Boolean(req.is(['multipart/form-data']));
    if (hasBody(req) && multipart)
      return next(
        isUploadRoute(req.method, req.url) ? undefined : multipartNotTaken(req.headers['content-type'] as string),
      );
    if (hasBody(req) && !req.is(['application/json', '+json', ...CSV_TYPES])) {
      return next(
        new RequestBodyError(
          415,
          `unsupported content type "${req.headers['content-type'] ?? ''}": send JSON, or CSV where a file is expected`,
        ),
      );
    }
    if (hasBody(req) && isCsv(req) && !large(req)) return next(csvNotTaken(req.headers['content-type'] as string));
    if (typeof req.body === 'string' && req.is(CSV_TYPES)) req.body = { csv: req.body };
    next();
  });
}

/** Ready to serve requests without listening (tests hand the server to supertest). */
export async function whenReady(app: INestApplication): Promise<void> {
  const instance = app.getHttpAdapter().getInstance() as { ready?: () => Promise<unknown> };
  if (typeof instance.ready === 'function') await instance.ready();
}

/**
 * The built console at `/` on either platform, before the API's routes: its files, and index.html for a browser's
 * page request (WebConsole decides; everything else goes on to the API).
 */
export function serveWebConsole(app: INestApplication, platform: HttpPlatform, web: WebConsole): void {
  if (platform === 'express') {
    (app as NestExpressApplication).use((req: ExpressRequest, res: ServerResponse, next: () => void) => {
      const answer = web.answer(
        req.method,
        req.url,
        header(req.headers.accept),
        header(req.headers['accept-encoding']),
      );
      if (!answer) return next();
      res.writeHead(200, { ...answer.headers, 'content-length': String(answer.body.length) });
      res.end(req.method === 'HEAD' ? undefined : answer.body);
    });
    return;
  }
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onRequest', async (req, reply) => {
    const answer = web.answer(req.method, req.url, req.headers.accept, header(req.headers['accept-encoding']));
    if (!answer) return;
    return reply.code(200).headers(answer.headers).send(answer.body);
  });
}

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(',') : value;
