import { hashSync } from '@node-rs/bcrypt';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Http, PASSWORD, useApi } from './support/apps';

describe('signing in', () => {
  let http: Http;
  let db: DataSource;
  useApi((started) => {
    http = started.http;
    db = started.api.get(DataSource);
  });

  const storedHash = async (username: string): Promise<string> =>
    (await db.query(`SELECT password_hash FROM users WHERE username = $1`, [username]))[0].password_hash;

  it('stores passwords as Argon2id hashes', async () => {
    expect(await storedHash('qd-regulator')).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('still accepts a password hashed with bcrypt before, and replaces the hash with Argon2id on that sign-in', async () => {
    await db.query(`UPDATE users SET password_hash = $2 WHERE username = $1`, ['qd-finance', hashSync(PASSWORD, 4)]);
    await request(http.server).post('/auth/login').send({ username: 'qd-finance', password: 'not-it' }).expect(401);
    expect(await storedHash('qd-finance')).toMatch(/^\$2[aby]\$/); // a wrong password changes nothing

    await request(http.server).post('/auth/login').send({ username: 'qd-finance', password: PASSWORD }).expect(200);
    expect(await storedHash('qd-finance')).toMatch(/^\$argon2id\$/);
    await request(http.server).post('/auth/login').send({ username: 'qd-finance', password: PASSWORD }).expect(200);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const unknown = await request(http.server)
      .post('/auth/login')
      .send({ username: 'nobody-here', password: PASSWORD });
    const wrong = await request(http.server)
      .post('/auth/login')
      .send({ username: 'qd-regulator', password: 'wrong-password' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  describe('lock-out after failed sign-ins', () => {
    const attempt = (username: string, password: string) =>
      request(http.server).post('/auth/login').send({ username, password });
    const lockState = async (username: string): Promise<{ failed: number; lockedFor: number | null }> =>
      (
        await db.query(
          `SELECT failed_sign_ins AS failed, extract(epoch FROM locked_until - now())::int AS "lockedFor"
             FROM users WHERE username = $1`,
          [username],
        )
      )[0];
    const unlock = (username: string) =>
      db.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE username = $1`, [username]);

    it('locks an account after 5 failures in a row, for 1 minute, then doubles at each further failure', async () => {
      for (let i = 0; i < 4; i++) expect((await attempt('qd-regulator', `wrong-${i}`)).status).toBe(401);
      expect(await lockState('qd-regulator')).toEqual({ failed: 4, lockedFor: null });
      await attempt('qd-regulator', 'wrong-4');
      const first = await lockState('qd-regulator');
      expect(first.failed).toBe(5);
      expect(first.lockedFor).toBeGreaterThan(55);
      expect(first.lockedFor).toBeLessThanOrEqual(60);

      // while locked even the right password is refused, and the attempts are not counted
      expect((await attempt('qd-regulator', PASSWORD)).status).toBe(401);
      await attempt('qd-regulator', 'wrong-again');
      expect((await lockState('qd-regulator')).failed).toBe(5);

      await unlock('qd-regulator');
      await attempt('qd-regulator', 'wrong-5');
      const second = await lockState('qd-regulator');
      expect(second.failed).toBe(6);
      expect(second.lockedFor).toBeGreaterThan(115);
      expect(second.lockedFor).toBeLessThanOrEqual(120);

      // once the lock has passed, the right password signs in and the count starts again
      await unlock('qd-regulator');
      expect((await attempt('qd-regulator', PASSWORD)).status).toBe(200);
      expect(await lockState('qd-regulator')).toEqual({ failed: 0, lockedFor: null });
    });

    it('gives an unknown, a wrong, a disabled and a locked account the same answer', async () => {
      for (let i = 0; i < 5; i++) await attempt('qd-finance', 'wrong');
      await db.query(`UPDATE users SET active = false WHERE username = 'cs-finance'`);
      const answers = [
        await attempt('nobody-here', PASSWORD),
        await attempt('qd-regulator', 'wrong-password'),
        await attempt('cs-finance', PASSWORD),
        await attempt('qd-finance', PASSWORD), // locked, right password
      ];
      for (const a of answers) {
        expect(a.status).toBe(401);
        expect(a.body).toEqual(answers[0].body);
        expect(a.headers['retry-after']).toBeUndefined();
      }
      expect(answers[0].body).toEqual({
        statusCode: 401,
        error: 'UNAUTHENTICATED',
        message: 'unknown username or wrong password',
      });
    });

    it('counts concurrent failures one by one', async () => {
      await Promise.all(Array.from({ length: 4 }, (_, i) => attempt('qd-evaluator-1', `wrong-${i}`)));
      expect((await lockState('qd-evaluator-1')).failed).toBe(4);
    });
  });
});
