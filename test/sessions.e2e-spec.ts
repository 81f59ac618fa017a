import { ChangeUserAccessUseCase } from '@app/identity';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Http, PASSWORD, useApi } from './support/apps';

interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  refreshExpiresAt: string;
}

/**
 * Sessions that can end: short access tokens bound to a session, refresh-token rotation with reuse detection,
 * sign-out, and revocation at the next request when a user is disabled, deleted or given another role or
 * jurisdiction (by the CLI's use case or by plain SQL). The tests run with SESSION_CHECK_CACHE_MS=0.
 */
describe('sessions', () => {
  let http: Http;
  let db: DataSource;
  let jwt: JwtService;
  let access: ChangeUserAccessUseCase;
  useApi((started) => {
    http = started.http;
    db = started.api.get(DataSource);
    jwt = started.api.get(JwtService);
    access = started.api.get(ChangeUserAccessUseCase);
  });

  const login = async (username: string): Promise<Tokens> =>
    (await request(http.server).post('/auth/login').send({ username, password: PASSWORD }).expect(200)).body;
  const refresh = (refreshToken: string) => request(http.server).post('/auth/refresh').send({ refreshToken });
  const get = (url: string, token: string) => request(http.server).get(url).set('Authorization', `Bearer ${token}`);
  const sessionRows = async (username: string) =>
    db.query(
      `SELECT s.id, s.family_id, s.rotated_at, s.revoked_at, s.revoked_reason, s.client_ip, s.user_agent
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = $1 ORDER BY s.created_at, s.id`,
      [username],
    );

  it('signs in with an access token of at most 15 minutes bound to a session, and a refresh token', async () => {
    const before = Math.floor(Date.now() / 1000);
    const t = await login('qd-regulator');
    const claims = jwt.decode(t.accessToken) as { exp: number; iat: number; sid: string; aud: string };
    expect(t.expiresIn).toBe(900);
    expect(claims.exp - claims.iat).toBe(900);
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.aud).toBe('api');
    expect(t.refreshToken).toMatch(/^[\w-]{43}$/);
    expect(new Date(t.refreshExpiresAt).getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);
    const [row] = await sessionRows('qd-regulator');
    expect(row).toMatchObject({ id: claims.sid, revoked_at: null, rotated_at: null, client_ip: expect.any(String) });
    // only a hash of the refresh token is stored
    expect(JSON.stringify(await db.query(`SELECT * FROM sessions`))).not.toContain(t.refreshToken);
    await get('/applications', t.accessToken).expect(200);
  });

  it('rotates the refresh token: each works once, and the new access token works', async () => {
    const first = await login('qd-regulator');
    const second: Tokens = (await refresh(first.refreshToken).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.refreshExpiresAt).toBe(first.refreshExpiresAt); // the session's end does not move
    await get('/applications', second.accessToken).expect(200);
    await get('/applications', first.accessToken).expect(200); // until it expires: the session goes on
    const third: Tokens = (await refresh(second.refreshToken).expect(200)).body;
    await get('/applications', third.accessToken).expect(200);
    const rows = await sessionRows('qd-regulator');
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r: { family_id: string }) => r.family_id)).size).toBe(1);
    expect(rows.map((r: { rotated_at: Date | null }) => r.rotated_at !== null)).toEqual([true, true, false]);
  });

  it('ends the whole session when a spent refresh token comes back (a stolen copy), for thief and owner alike', async () => {
    const stolen = await login('qd-finance');
    const owner: Tokens = (await refresh(stolen.refreshToken).expect(200)).body;
    const replay = await refresh(stolen.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ error: 'UNAUTHENTICATED', message: expect.stringMatching(/sign in again/) });
    expect((await refresh(owner.refreshToken)).status).toBe(401);
    expect((await get('/finance/disbursements', owner.accessToken)).status).toBe(401);
    expect((await get('/finance/disbursements', stolen.accessToken)).status).toBe(401);
    const rows = await sessionRows('qd-finance');
    expect(rows.every((r: { revoked_reason: string }) => r.revoked_reason === 'refresh_token_reused')).toBe(true);
    // another session of the same user is not touched, and signing in again works
    await get('/finance/disbursements', (await login('qd-finance')).accessToken).expect(200);
  });

  it('signs out: the session’s access and refresh tokens stop working at once, other sessions go on', async () => {
    const laptop = await login('qd-regulator');
    const phone = await login('qd-regulator');
    const refreshed: Tokens = (await refresh(laptop.refreshToken).expect(200)).body;
    await request(http.server).post('/auth/logout').set('Authorization', `Bearer ${laptop.accessToken}`).expect(204);
    for (const token of [laptop.accessToken, refreshed.accessToken]) {
      const res = await get('/applications', token);
      expect(res.status).toBe(401);
      expect(res.body.message).toMatch(/session has ended/);
    }
    expect((await refresh(refreshed.refreshToken)).status).toBe(401);
    await get('/applications', phone.accessToken).expect(200);
    expect((await sessionRows('qd-regulator')).map((r: { revoked_reason: string | null }) => r.revoked_reason)).toEqual(
      ['signed_out', null, 'signed_out'] /* laptop, phone, laptop's next */,
    );
    // signing out needs a live session; the public has none
    expect((await request(http.server).post('/auth/logout')).status).toBe(401);
  });

  it('refuses a disabled finance officer at the next request: no approving, no refreshing, no signing in', async () => {
    const t = await login('qd-finance');
    await get('/finance/disbursements', t.accessToken).expect(200);
    expect(await access.execute('qd-finance', { active: false })).toMatchObject({ sessionsEnded: 1 });
    const refused = await request(http.server)
      .post(`/finance/disbursements/${randomUUID()}/approve`)
      .set('Authorization', `Bearer ${t.accessToken}`)
      .send({ version: 1 });
    expect(refused.status).toBe(401);
    expect((await get('/finance/disbursements', t.accessToken)).status).toBe(401);
    expect((await refresh(t.refreshToken)).status).toBe(401);
    expect(
      (await request(http.server).post('/auth/login').send({ username: 'qd-finance', password: PASSWORD })).status,
    ).toBe(401);
    expect((await sessionRows('qd-finance'))[0].revoked_reason).toBe('user_disabled');
    await access.execute('qd-finance', { active: true });
    await get('/finance/disbursements', (await login('qd-finance')).accessToken).expect(200);
  });

  it('refuses a demoted user at the next request; a new sign-in carries the new role', async () => {
    const t = await login('qd-regulator');
    await access.execute('qd-regulator', { role: 'evaluator' as never, jurisdictionCode: '370200' });
    expect((await get('/applications', t.accessToken)).status).toBe(401);
    const again = await login('qd-regulator');
    expect((jwt.decode(again.accessToken) as { role: string }).role).toBe('evaluator');
    await expect(access.execute('qd-regulator', { role: 'emperor' as never })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('sees a change made by plain SQL at the next request: jurisdiction, role, disabling, deletion', async () => {
    const changes: [string, string][] = [
      ['qd-regulator', `UPDATE users SET jurisdiction_code = '370200' WHERE username = 'qd-regulator'`],
      ['cs-regulator', `UPDATE users SET role = 'evaluator' WHERE username = 'cs-regulator'`],
      ['qd-evaluator-4', `UPDATE users SET active = false WHERE username = 'qd-evaluator-4'`],
      ['cs-finance', `DELETE FROM users WHERE username = 'cs-finance'`],
    ];
    for (const [username, sql] of changes) {
      const t = await login(username);
      await get('/programmes', t.accessToken).expect(200);
      await db.query(sql);
      const res = await get('/programmes', t.accessToken);
      expect({ username, status: res.status }).toEqual({ username, status: 401 });
      expect((await refresh(t.refreshToken)).status).toBe(401);
    }
    // a change that touches no access (a display name) ends nothing
    const t = await login('qd-applicant');
    await db.query(`UPDATE users SET display_name = 'x' WHERE username = 'qd-applicant'`);
    await get('/programmes', t.accessToken).expect(200);
  });

  it('refuses a session past its end, a token for no session, and the dashboard cookie used as a bearer token', async () => {
    const t = await login('qd-regulator');
    await db.query(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    expect((await get('/applications', t.accessToken)).status).toBe(401);
    expect((await refresh(t.refreshToken)).status).toBe(401);

    const claims = jwt.decode(t.accessToken) as Record<string, unknown>;
    const { iat: _iat, exp: _exp, aud: _aud, ...rest } = claims;
    const noSession = await jwt.signAsync({ ...rest, sid: randomUUID() }, { audience: 'api', expiresIn: 60 });
    expect((await get('/applications', noSession)).status).toBe(401);
    const otherAudience = await jwt.signAsync({ ...rest }, { audience: 'queue-dashboard', expiresIn: 60 });
    expect((await get('/applications', otherAudience)).status).toBe(401);
    expect((await refresh('not-a-token')).status).toBe(401);
    expect((await request(http.server).post('/auth/refresh').send({})).status).toBe(400);
  });
});
