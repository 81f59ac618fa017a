import { EnvironmentVariables } from '@app/config';
import { RequestMethod } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'crypto';
import { LoggerModule, type Params } from 'nestjs-pino';
import pino from 'pino';
import { REDACTED, REDACTED_LOG_PATHS, redactUrl } from './log-redaction.util';

/**
 * Log lines go to stdout through a buffer written at most every 100 ms (or at 8 KB), not one write(2) per line:
 * under load a system call per request line was a measurable share of the API's time. The buffer is written out
 * synchronously when the process exits (the apps' shutdown hooks end with process.exit() for this, so SIGTERM and
 * SIGINT lose nothing); a process killed with SIGKILL loses at most the last 100 ms of lines.
 */
let shared: pino.DestinationStream | undefined;

function bufferedStdout(level: string): pino.DestinationStream {
  if (level === 'silent') return pino.destination({ dest: 1, sync: true });
  if (shared) return shared;
  const stream = pino.destination({ dest: 1, sync: false, minLength: 8 * 1024 });
  shared = stream;
  const timer = setInterval(() => stream.flush(), 100);
  timer.unref();
  process.once('exit', () => {
    clearInterval(timer);
    try {
      stream.flushSync();
    } catch {
      // stdout already closed
    }
  });
  return stream;
}

/** A request's id: the caller's X-Request-Id when it is a sane token, otherwise a new UUID. */
export function requestIdOf(given: string | string[] | undefined): string {
  return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
}

/**
 * The logger's settings, written to `destination` (stdout through a buffer unless given: a test passes a stream it
 * reads back).
 */
export function loggingParams(
  config: ConfigService<EnvironmentVariables, true>,
  destination: pino.DestinationStream = bufferedStdout(config.get('LOG_LEVEL', { infer: true })),
): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: [
      {
        level: config.get('LOG_LEVEL', { infer: true }),
        // under Fastify the platform has given the request its id already (http-platform.ts) and pino-http keeps it
        genReqId: (req, res) => {
          const id = requestIdOf(req.headers['x-request-id']);
          res.setHeader('X-Request-Id', id);
          return id;
        },
        customProps: (req) => ({
          principal: (req as { principal?: { id: string | null; role: string } }).principal?.id ?? undefined,
        }),
        // credentials never reach the log: headers and bodies by path, tokens and tickets in the URL by redactUrl
        redact: { paths: REDACTED_LOG_PATHS, censor: REDACTED },
        serializers: {
          req: (req: { id: string; method: string; url: string; originalUrl?: string }) => ({
            id: req.id,
            method: req.method,
            url: redactUrl(req.originalUrl ?? req.url),
          }),
        },
        autoLogging: { ignore: (req) => req.url === '/health' },
      },
      destination,
    ],
  };
}

/** Structured JSON logs (pino); each request carries an id, taken from X-Request-Id or made here, and echoed back. */
export const loggingModule = LoggerModule.forRootAsync({
  inject: [ConfigService],
  useFactory: (config: ConfigService<EnvironmentVariables, true>) => loggingParams(config),
});
