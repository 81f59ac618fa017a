import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import path from 'path';
import { gzipSync } from 'zlib';

/** Paths that stay the API's even for a browser asking for HTML: the OpenAPI page, the queue dashboard, health. */
const SERVER_PAGES = [/^\/docs(\/|-json|-yaml|$)/, /^\/admin\/queues(\/|$)/, /^\/health(\/|$)/];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;
/** Vite names what it builds under assets/ by content hash: a year, never revalidated. */
const HASHED = 'public, max-age=31536000, immutable';
/** index.html and unhashed files: always asked again, so a new release is seen at once. */
const FRESH = 'no-cache';

/** One answer of the console: the bytes (gzip-compressed when the client takes it) and their headers. */
export interface ConsoleAnswer {
  body: Buffer;
  headers: Record<string, string>;
}

interface ConsoleFile {
  body: Buffer;
  gzipped?: Buffer;
  type: string;
  cacheControl: string;
}

/**
 * The built web console (apps/web, `vite build` into WEB_DIST_DIR), served by the API on its own port: the files
 * as they are, and index.html for a browser's page request anywhere else (the console's routes live in the
 * browser), so a reload of /review/… works. API clients do not ask for text/html and keep getting the API; /docs,
 * /admin/queues and /health stay the server's. The files are read once at start (the folder is a build output).
 */
export class WebConsole {
  private constructor(private readonly files: Map<string, ConsoleFile>) {}

  /** The console in `dir`, or null when it has not been built (no index.html). */
  static load(dir: string): WebConsole | null {
    const root = path.resolve(dir);
    if (!existsSync(path.join(root, 'index.html'))) return null;
    const files = new Map<string, ConsoleFile>();
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile() && statSync(full).size < 20 * 1024 * 1024) {
          const url = '/' + path.relative(root, full).split(path.sep).join('/');
          files.set(url, {
            body: readFileSync(full),
            type: TYPES[path.extname(full).toLowerCase()] ?? 'application/octet-stream',
            cacheControl: url.startsWith('/assets/') ? HASHED : FRESH,
          });
        }
      }
    };
    walk(root);
    return new WebConsole(files);
  }

  /** What to answer for this request, or null when it is the API's. */
  answer(method: string, url: string, accept: string | undefined, acceptEncoding: string | undefined) {
    if (method !== 'GET' && method !== 'HEAD') return null;
    let pathname = url.split('?')[0];
    try {
      pathname = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    if (SERVER_PAGES.some((p) => p.test(pathname))) return null;
    let file = pathname === '/' ? undefined : this.files.get(pathname);
    const wantsPage = pathname === '/' || (/\btext\/html\b/.test(accept ?? '') && !/\.[a-z0-9]+$/i.test(pathname));
    if (!file && wantsPage) file = this.files.get('/index.html');
    if (!file) return null;
    return this.encoded(file, /\bgzip\b/.test(acceptEncoding ?? ''));
  }

  private encoded(file: ConsoleFile, gzip: boolean): ConsoleAnswer {
    const headers: Record<string, string> = {
      'content-type': file.type,
      'cache-control': file.cacheControl,
      'x-content-type-options': 'nosniff',
    };
    if (gzip && COMPRESSIBLE.test(file.type) && file.body.length > 1024) {
      file.gzipped ??= gzipSync(file.body);
      headers['content-encoding'] = 'gzip';
      headers['vary'] = 'accept-encoding';
      return { body: file.gzipped, headers };
    }
    return { body: file.body, headers };
  }
}
