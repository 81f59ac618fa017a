import { DomainErrorCode } from '@app/domain';
import { QueryFailedError } from 'typeorm';
import { dependencyUnavailable, unavailableDependency } from './dependency-error.util';

function withCode(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

describe('unavailableDependency', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a connect timeout', withCode('connect ETIMEDOUT', 'ETIMEDOUT')],
    ['an administrator shutdown (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['a server starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['a connection exception class 08', withCode('connection failure', '08006')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['the pool giving no connection in time', new Error('timeout exceeded when trying to connect')],
    [
      'a failed statement on a lost connection',
      new QueryFailedError('SELECT 1', [], withCode('Connection terminated unexpectedly')),
    ],
  ])('counts %s against postgres', (_what, e) => expect(unavailableDependency(e)).toBe('postgres'));

  it.each([
    ['a closed connection', new Error('Connection is closed.')],
    ['a command refused offline', new Error("Stream isn't writeable and enableOfflineQueue options is false")],
    ['a command timeout', new Error('Command timed out')],
  ])('counts %s against redis', (_what, e) => expect(unavailableDependency(e)).toBe('redis'));

  it('names the dependency of its own 503', () => {
    const e = dependencyUnavailable('redis');
    expect(e.code).toBe(DomainErrorCode.ServiceUnavailable);
    expect(e.details).toMatchObject({ dependency: 'redis', retryAfterSeconds: 5 });
    expect(unavailableDependency(e)).toBe('redis');
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], withCode('duplicate key', '23505'))],
    ['a syntax error', new QueryFailedError('SELEC', [], withCode('syntax error', '42601'))],
    ['a plain bug', new TypeError('x is undefined')],
    ['a string', 'boom'],
  ])('leaves %s alone', (_what, e) => expect(unavailableDependency(e)).toBeNull());
});
