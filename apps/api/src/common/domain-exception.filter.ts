import { DomainError, DomainErrorCode } from '@app/domain';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { Response } from 'express';
import { QueryFailedError } from 'typeorm';

export function statusOf(code: DomainErrorCode): number {
  switch (code) {
    case DomainErrorCode.ValidationFailed:
      return HttpStatus.BAD_REQUEST;
    case DomainErrorCode.Unauthenticated:
      return HttpStatus.UNAUTHORIZED;
    case DomainErrorCode.Forbidden:
    case DomainErrorCode.FourEyes:
      return HttpStatus.FORBIDDEN;
    case DomainErrorCode.NotFound:
      return HttpStatus.NOT_FOUND;
    case DomainErrorCode.EventNotAllowed:
    case DomainErrorCode.VersionConflict:
    case DomainErrorCode.AlreadyExists:
      return HttpStatus.CONFLICT;
    case DomainErrorCode.GuardFailed:
    case DomainErrorCode.BudgetExceeded:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case DomainErrorCode.VersionRequired:
      return HttpStatus.PRECONDITION_REQUIRED;
  }
}

/**
 * One mapping from failures to HTTP answers. Domain errors keep their code and details; Nest's own HTTP errors
 * pass through; database constraint errors become 4xx; anything else is a 500 with an error id in the log and
 * no stack in the body.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toResponse(exception);
    res.status(status).json({ ...body, statusCode: status });
  }

  private toResponse(e: unknown): { status: number; body: Record<string, unknown> } {
    if (e instanceof DomainError) {
      return { status: statusOf(e.code), body: { error: e.code, message: e.message, ...e.details } };
    }
    if (e instanceof HttpException) {
      const r = e.getResponse();
      const body = typeof r === 'string' ? { message: r } : (r as Record<string, unknown>);
      // body-parser's JSON errors reach us as a bare 400 from Nest's router
      if (e.getStatus() === 400 && typeof body.message === 'string' && / JSON /.test(body.message) && body.error === 'Bad Request') {
        return { status: 400, body: { error: DomainErrorCode.ValidationFailed, message: `malformed JSON body: ${body.message}` } };
      }
      // other bare 400s Nest raises itself (e.g. a path with broken percent-encoding): answered in our vocabulary too
      const error = body.error === 'Bad Request' ? DomainErrorCode.ValidationFailed : (body.error ?? e.name);
      return { status: e.getStatus(), body: { ...body, error, statusCode: undefined } };
    }
    const parse = e as { type?: string; status?: number; message?: string; expose?: boolean };
    if (parse?.type === 'entity.parse.failed') {
      return { status: 400, body: { error: DomainErrorCode.ValidationFailed, message: `malformed JSON body: ${parse.message}` } };
    }
    if (parse?.type === 'entity.too.large') {
      return { status: 413, body: { error: 'PAYLOAD_TOO_LARGE', message: 'request body is too large' } };
    }
    // the body parser's other refusals (unsupported charset or content encoding, a body that does not inflate) are the client's
    if (typeof parse?.status === 'number' && parse.status >= 400 && parse.status < 500 && parse.expose === true) {
      const error = parse.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : DomainErrorCode.ValidationFailed;
      return { status: parse.status, body: { error, message: parse.message ?? 'the request body cannot be read' } };
    }
    if (e instanceof QueryFailedError) {
      const code = (e.driverError as { code?: string; detail?: string })?.code;
      const detail = (e.driverError as { detail?: string })?.detail;
      if (code === '23505') return { status: 409, body: { error: DomainErrorCode.AlreadyExists, message: detail ?? 'already exists' } };
      if (code === '23503') return { status: 422, body: { error: DomainErrorCode.ValidationFailed, message: detail ?? 'refers to a record that does not exist' } };
      if (code === '22P02' || code === '22007' || code === '22008') {
        return { status: 400, body: { error: DomainErrorCode.ValidationFailed, message: 'a value has the wrong format' } };
      }
      // 22021 / 22P05: text with a character Postgres cannot store (NUL, \u0000 in JSON)
      if (code === '22021' || code === '22P05') {
        return { status: 400, body: { error: DomainErrorCode.ValidationFailed, message: 'a text value contains a character that cannot be stored (e.g. NUL)' } };
      }
    }
    const errorId = randomUUID();
    this.logger.error({ errorId, err: e }, 'unhandled error');
    return { status: 500, body: { error: 'INTERNAL', message: 'internal error; quote this id when reporting it', errorId } };
  }
}
