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
});
