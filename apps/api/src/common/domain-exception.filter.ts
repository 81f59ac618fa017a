import { DomainError, DomainErrorCode } from '@app/domain';
import { databaseErrorAnswer, dependencyUnavailable, RETRY_AFTER_SECONDS, unavailableDependency } from '@app/platform';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { randomUUID } from 'crypto';
import { RequestBodyError, tooLargeMessage } from '../http-platform';

export function statusOf(code: DomainErrorCode): number {
  switch (code) {
    case DomainErrorCode.ValidationFailed:
      return HttpStatus.BAD_REQUEST;
    case DomainErrorCode.Unauthenticated:
      return HttpStatus.UNAUTHORIZED;
    case DomainErrorCode.Forbidden:
    case DomainErrorCode.FourEyes:
    case DomainErrorCode.PasswordChangeRequired:
    case DomainErrorCode.OrganisationNotVerified:
    case DomainErrorCode.SameReviewer:
    case DomainErrorCode.OrganisationBarred:
    case DomainErrorCode.RecommendationOnly:
      return HttpStatus.FORBIDDEN;
    case DomainErrorCode.NotFound:
      return HttpStatus.NOT_FOUND;
    case DomainErrorCode.EventNotAllowed:
    case DomainErrorCode.VersionConflict:
    case DomainErrorCode.AlreadyExists:
    case DomainErrorCode.PaymentInFlight:
    case DomainErrorCode.QuotaExhausted:
    case DomainErrorCode.CallNotOpen:
    case DomainErrorCode.CallClosed:
    case DomainErrorCode.PilotNotRanked:
    case DomainErrorCode.PilotListRequired:
      return HttpStatus.CONFLICT;
    case DomainErrorCode.GuardFailed:
    case DomainErrorCode.BudgetExceeded:
    case DomainErrorCode.NotEligible:
    case DomainErrorCode.CandidateLimit:
    case DomainErrorCode.StationNotValid:
    case DomainErrorCode.PilotListSize:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case DomainErrorCode.VersionRequired:
      return HttpStatus.PRECONDITION_REQUIRED;
    case DomainErrorCode.ServiceUnavailable:
    case DomainErrorCode.FileUnavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case DomainErrorCode.RateLimited:
      return HttpStatus.TOO_MANY_REQUESTS;
    case DomainErrorCode.PayloadTooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case DomainErrorCode.UnsupportedMediaType:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
  }
}

/** Codes for the HTTP errors the framework raises before a handler runs. */
const BARE_HTTP_ERRORS: Record<number, string> = {
  400: DomainErrorCode.ValidationFailed,
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * One mapping from failures to HTTP answers. Domain errors keep their code and details; Nest's own HTTP errors
 * pass through; database constraint errors become 4xx; anything else is a 500 with an error id in the log and
 * no stack in the body.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<{ routeOptions?: { bodyLimit?: number } }>();
    const { status, body } = this.toResponse(exception, request?.routeOptions?.bodyLimit);
    const response = host.switchToHttp().getResponse();
    if (status === HttpStatus.SERVICE_UNAVAILABLE) {
      this.adapterHost.httpAdapter.setHeader(response, 'Retry-After', String(RETRY_AFTER_SECONDS));
    }
    this.adapterHost.httpAdapter.reply(response, { ...body, statusCode: status }, status);
  }

  /** `bodyLimit`: the limit of the route under Fastify, to say it when a body is over it. */
  private toResponse(e: unknown, bodyLimit?: number): { status: number; body: Record<string, unknown> } {
    // Postgres or Redis unreachable (refused, lost, no pooled connection in time): 503 naming it, never a 500
    const down = unavailableDependency(e);
    if (down) {
      const answer = e instanceof DomainError ? e : dependencyUnavailable(down);
      this.logger.warn({ dependency: down, err: e }, 'dependency unavailable; answered 503');
      return {
        status: statusOf(answer.code),
        body: { error: answer.code, message: answer.message, ...answer.details },
      };
    }
    if (e instanceof DomainError) {
      return { status: statusOf(e.code), body: { error: e.code, message: e.message, ...e.details } };
    }
    if (e instanceof HttpException) {
      const r = e.getResponse();
      const body = typeof r === 'string' ? { message: r } : (r as Record<string, unknown>);
      // body-parser's JSON errors reach us as a bare 400 from Nest's router
      if (
        e.getStatus() === 400 &&
        typeof body.message === 'string' &&
        / JSON /.test(body.message) &&
        body.error === 'Bad Request'
      ) {
        return {
          status: 400,
          body: { error: DomainErrorCode.ValidationFailed, message: `malformed JSON body: ${body.message}` },
        };
      }
      // other bare errors Nest or the body parser raise (a broken percent-encoding, a body that does not inflate,
      // an unsupported charset, a body too large): answered in our vocabulary too
      const bare = body.error === undefined || body.error === 'Bad Request' || body.error === e.name;
      const error = bare ? (BARE_HTTP_ERRORS[e.getStatus()] ?? e.name) : body.error;
      // "Request body is too large" (Fastify's, or body-parser's under Express with the limit on its cause),
      // answered with the limit of the route
      const limit = (e.cause as { limit?: number } | undefined)?.limit ?? bodyLimit;
      const message = e.getStatus() === 413 ? tooLargeMessage(limit) : body.message;
      return { status: e.getStatus(), body: { ...body, error, message, statusCode: undefined } };
    }
    // Fastify's body parser and our request hooks (http-platform.ts): a 4xx with a statusCode and a message
    const early = e as { statusCode?: unknown; code?: unknown; message?: string };
    if (
      typeof early?.statusCode === 'number' &&
      early.statusCode >= 400 &&
      early.statusCode < 500 &&
      (e instanceof RequestBodyError || String(early.code).startsWith('FST_'))
    ) {
      const error = BARE_HTTP_ERRORS[early.statusCode] ?? DomainErrorCode.ValidationFailed;
      const json =
        early.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (early.statusCode === 400 && e instanceof SyntaxError);
      const message =
        early.statusCode === 413
          ? e instanceof RequestBodyError
            ? e.message
            : tooLargeMessage(bodyLimit)
          : json
            ? `malformed JSON body: ${early.message}`
            : (early.message ?? 'the request body cannot be read');
      return { status: early.statusCode, body: { error, message } };
    }
    const parse = e as { type?: string; status?: number; message?: string; expose?: boolean };
    if (parse?.type === 'entity.parse.failed') {
      return {
        status: 400,
        body: { error: DomainErrorCode.ValidationFailed, message: `malformed JSON body: ${parse.message}` },
      };
    }
    if (parse?.type === 'entity.too.large') {
      const limit = (e as { limit?: number }).limit;
      return { status: 413, body: { error: 'PAYLOAD_TOO_LARGE', message: tooLargeMessage(limit) } };
    }
    // the body parser's other refusals (unsupported charset or content encoding, a body that does not inflate) are the client's
    if (typeof parse?.status === 'number' && parse.status >= 400 && parse.status < 500 && parse.expose === true) {
      const error = parse.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : DomainErrorCode.ValidationFailed;
      return { status: parse.status, body: { error, message: parse.message ?? 'the request body cannot be read' } };
    }
    const refused = databaseErrorAnswer(e);
    if (refused) {
      const { status, error, message, fields } = refused;
      return { status, body: { error, message, ...(fields ? { fields } : {}) } };
    }
    const errorId = randomUUID();
    this.logger.error({ errorId, err: e }, 'unhandled error');
    return {
      status: 500,
      body: { error: 'INTERNAL', message: 'internal error; quote this id when reporting it', errorId },
    };
  }
}
