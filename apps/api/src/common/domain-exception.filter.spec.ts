import { DomainError, DomainErrorCode } from '@app/domain';
import { ArgumentsHost, BadRequestException } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DomainExceptionFilter, statusOf } from './domain-exception.filter';

function run(e: unknown) {
  const out: { status?: number; body?: Record<string, unknown>; headers?: Record<string, string> } = {};
  const res = {};
  const httpAdapter = {
    setHeader: (r: unknown, name: string, value: string) =>
      r === res && Object.assign(out, { headers: { ...out.headers, [name]: value } }),
    reply: (r: unknown, body: Record<string, unknown>, status: number) =>
      r === res && Object.assign(out, { status, body }),
  };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({}) }) } as unknown as ArgumentsHost;
  new DomainExceptionFilter({ httpAdapter } as unknown as HttpAdapterHost).catch(e, host);
  return out;
}

describe('DomainExceptionFilter', () => {
  it('maps every domain code to a 4xx but the two that are the server’s: a dependency or a stored file unavailable', () => {
    const server = [DomainErrorCode.ServiceUnavailable, DomainErrorCode.FileUnavailable];
    for (const code of server) expect(statusOf(code)).toBe(503);
    for (const code of Object.values(DomainErrorCode).filter((c) => !server.includes(c))) {
      const s = statusOf(code);
      expect(s).toBeGreaterThanOrEqual(400);
      expect(s).toBeLessThan(500);
    }
  });

  it('keeps the code, message and details of a domain error', () => {
    const out = run(
      new DomainError(DomainErrorCode.EventNotAllowed, 'DESIGNATE is not allowed', { allowedEvents: ['SUBMIT'] }),
    );
    expect(out).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        error: 'EVENT_NOT_ALLOWED',
        message: 'DESIGNATE is not allowed',
        allowedEvents: ['SUBMIT'],
      },
    });
  });

  it('passes Nest HTTP errors through with their status code', () => {
    const out = run(new BadRequestException({ error: 'VALIDATION_FAILED', message: 'title should not be empty' }));
    expect(out.status).toBe(400);
    expect(out.body).toMatchObject({
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      message: 'title should not be empty',
    });
  });

  it('answers an unreachable Postgres with 503, Retry-After and the dependency, not a 500', () => {
    const lost = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const out = run(lost);
    expect(out.status).toBe(503);
    expect(out.headers).toEqual({ 'Retry-After': '5' });
    expect(out.body).toMatchObject({ statusCode: 503, error: 'SERVICE_UNAVAILABLE', dependency: 'postgres' });
    expect(JSON.stringify(out.body)).not.toContain('ECONNREFUSED');
  });

  // database refusals (a unique violation is 409) are mapped by databaseErrorAnswer: libs/platform/src/database-error.util.spec.ts
  it('hides anything unknown behind an error id', () => {
    const boom = run(new Error('secret stack'));
    expect(boom.status).toBe(500);
    expect(JSON.stringify(boom.body)).not.toContain('secret stack');
    expect(boom.body?.errorId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
