import { Factories, TestClock } from '@app/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Http, PASSWORD, useApi } from './support/apps';

const NEW_PASSWORD = '黄岛-海风-灯塔-2026';

describe('accounts: staff administration, one-time passwords, invitations', () => {
  let http: Http;
  let db: DataSource;
  let factories: Factories;
  useApi((started) => {
    http = started.http;
    db = started.api.get(DataSource);
    factories = new Factories(started.api);
  });

  const login = (username: string, password: string) =>
    request(http.server).post('/auth/login').send({ username, password });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const history = async (userId: string) =>
    db.query(`SELECT event, actor_id, actor_role, change FROM user_history WHERE user_id = $1 ORDER BY at, event`, [
      userId,
    ]);

  /** A bureau administrator for Qingdao only (the demo admin is national). */
  async function qingdaoAdmin(): Promise<string> {
    await factories.bureauAdmin('qd-admin', '370200');
    return 'qd-admin';
  }

  describe('a new staff account', () => {
    it('gets a one-time password: sign-in says mustChangePassword, every route but POST /auth/password refuses', async () => {
      const admin = await http.as('admin');
      const created = await admin
        .post('/staff', {
          username: 'qd-regulator-9',
          displayName: '审核员 孙',
          role: 'regulator',
          jurisdictionCode: '370211-FTZ',
        })
        .expect(201);
      expect(created.body.user).toMatchObject({ role: 'regulator', active: true, mustChangePassword: true });
      const otp: string = created.body.oneTimePassword;

      const first = await login('qd-regulator-9', otp).expect(200);
      expect(first.body.mustChangePassword).toBe(true);
      expect(first.body.user.mustChangePassword).toBe(true);
      const refused = await request(http.server).get('/applications').set(bearer(first.body.accessToken)).expect(403);
      expect(refused.body.error).toBe('PASSWORD_CHANGE_REQUIRED');
      // a refreshed token is just as limited
      const refreshed = await request(http.server)
        .post('/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);
      expect(refreshed.body.mustChangePassword).toBe(true);
      await request(http.server).get('/applications').set(bearer(refreshed.body.accessToken)).expect(403);

      const weak = await request(http.server)
        .post('/auth/password')
        .set(bearer(refreshed.body.accessToken))
        .send({ currentPassword: otp, newPassword: 'qd-regulator-9!!' })
        .expect(400);
      expect(JSON.stringify(weak.body)).toContain('newPassword');
      const wrong = await request(http.server)
        .post('/auth/password')
        .set(bearer(refreshed.body.accessToken))
        .send({ currentPassword: 'not-the-otp', newPassword: NEW_PASSWORD })
        .expect(400);
      expect(JSON.stringify(wrong.body)).toContain('currentPassword');

      const changed = await request(http.server)
        .post('/auth/password')
        .set(bearer(refreshed.body.accessToken))
        .send({ currentPassword: otp, newPassword: NEW_PASSWORD })
        .expect(200);
      expect(changed.body.mustChangePassword).toBe(false);
      await request(http.server).get('/applications').set(bearer(changed.body.accessToken)).expect(200);
      // the session with the one-time password ended
      await request(http.server).get('/applications').set(bearer(refreshed.body.accessToken)).expect(401);
      await login('qd-regulator-9', otp).expect(401);
      expect((await login('qd-regulator-9', NEW_PASSWORD).expect(200)).body.mustChangePassword).toBe(false);

      const adminId = await http.userId('admin');
      expect(await history(created.body.user.id)).toEqual([
        {
          event: 'CREATE',
          actor_id: adminId,
          actor_role: 'admin',
          change: { role: 'regulator', jurisdictionCode: '370211-FTZ' },
        },
        {
          event: 'CHANGE_PASSWORD',
          actor_id: created.body.user.id,
          actor_role: 'regulator',
          change: { mustChangePassword: false },
        },
      ]);
    });

    it("refuses a role that is not staff, a jurisdiction outside the admin's subtree, a taken username; writes nothing", async () => {
      const qd = await http.as(await qingdaoAdmin());
      const before = (await db.query(`SELECT count(*)::int AS n FROM users`))[0].n;
      const base = { username: 'new-staff', displayName: 'x', role: 'finance', jurisdictionCode: '370211-FTZ' };
      expect(JSON.stringify((await qd.post('/staff', { ...base, role: 'admin' }).expect(400)).body)).toContain('role');
      await qd.post('/staff', { ...base, role: 'applicant' }).expect(400);
      await qd.post('/staff', { ...base, jurisdictionCode: '430100-FTZ' }).expect(403);
      await qd.post('/staff', { ...base, jurisdictionCode: 'nowhere' }).expect(400);
      expect((await qd.post('/staff', { ...base, username: 'qd-finance' }).expect(409)).body.fields).toEqual([
        'username',
      ]);
      expect((await db.query(`SELECT count(*)::int AS n FROM users`))[0].n).toBe(before);
      await (await http.as('qd-regulator')).post('/staff', base).expect(403);
      await request(http.server).post('/staff').send(base).expect(401);
    });
  });

  describe('managing staff of the subtree', () => {
    it('lists only the staff of its subtree', async () => {
      const qd = await http.as(await qingdaoAdmin());
      const names = (await qd.get('/staff').expect(200)).body.map((u: { username: string }) => u.username);
      expect(names).toEqual(expect.arrayContaining(['qd-regulator', 'qd-finance', 'qd-evaluator-1', 'qd-evaluator-4']));
      expect(names.some((n: string) => n.startsWith('cs-') || n.startsWith('hn-') || n.includes('applicant'))).toBe(
        false,
      );
      const evaluators = (await qd.get('/staff?role=evaluator').expect(200)).body;
      expect(evaluators.every((u: { role: string }) => u.role === 'evaluator')).toBe(true);
    });

    it('disables a user (their session ends at once), changes a role, and records both', async () => {
      const qd = await http.as(await qingdaoAdmin());
      const regulatorId = await http.userId('qd-regulator');
      const token = (await login('qd-regulator', PASSWORD).expect(200)).body.accessToken;
      await request(http.server).get('/applications').set(bearer(token)).expect(200);

      const disabled = await qd.post(`/staff/${regulatorId}/access`, { active: false }).expect(200);
      expect(disabled.body.active).toBe(false);
      await request(http.server).get('/applications').set(bearer(token)).expect(401);
      await login('qd-regulator', PASSWORD).expect(401);

      await qd.post(`/staff/${regulatorId}/access`, { active: true, role: 'finance' }).expect(200);
      const again = await login('qd-regulator', PASSWORD).expect(200);
      expect(again.body.user.role).toBe('finance');
      await qd.post(`/staff/${regulatorId}/access`, { role: 'finance' }).expect(400); // nothing differs
      await qd.post(`/staff/${regulatorId}/access`, { role: 'admin' }).expect(400);
      await qd.post(`/staff/${regulatorId}/access`, { jurisdictionCode: '430100-FTZ' }).expect(403);

      const qdAdminId = await http.userId('qd-admin');
      expect(await history(regulatorId)).toEqual([
        {
          event: 'CHANGE_ACCESS',
          actor_id: qdAdminId,
          actor_role: 'admin',
          change: { activeFrom: true, active: false },
        },
        {
          event: 'CHANGE_ACCESS',
          actor_id: qdAdminId,
          actor_role: 'admin',
          change: { activeFrom: false, active: true, roleFrom: 'regulator', role: 'finance' },
        },
      ]);
    });

    it('answers 404 for staff outside the subtree, an applicant, or itself an admin', async () => {
      const qd = await http.as(await qingdaoAdmin());
      for (const username of ['cs-regulator', 'qd-applicant', 'admin']) {
        const id = await http.userId(username);
        await qd.post(`/staff/${id}/access`, { active: false }).expect(404);
        await qd.post(`/staff/${id}/password-reset`).expect(404);
      }
      await qd.post('/staff/not-a-uuid/access', { active: false }).expect(404);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM users WHERE NOT active`);
      expect(n).toBe(0);
    });

    it('resets a password to a one-time one: sessions end, the old password stops working, a change is required', async () => {
      const qd = await http.as(await qingdaoAdmin());
      const id = await http.userId('qd-finance');
      const token = (await login('qd-finance', PASSWORD).expect(200)).body.accessToken;
      const reset = await qd.post(`/staff/${id}/password-reset`).expect(200);
      expect(reset.body.user.mustChangePassword).toBe(true);
      await request(http.server).get('/applications').set(bearer(token)).expect(401);
      await login('qd-finance', PASSWORD).expect(401);
      const first = await login('qd-finance', reset.body.oneTimePassword).expect(200);
      expect(first.body.mustChangePassword).toBe(true);
      expect(
        (await request(http.server).get('/finance/disbursements').set(bearer(first.body.accessToken))).status,
      ).toBe(403);
      // sign-out still works
      await request(http.server).post('/auth/logout').set(bearer(first.body.accessToken)).expect(204);
      expect((await history(id)).map((r: { event: string }) => r.event)).toEqual(['RESET_PASSWORD']);
    });
  });

  describe('invitations', () => {
    it("lets an organisation's user invite a colleague, who accepts once with their own password", async () => {
      const invited = await (
        await http.as('qd-applicant')
      )
        .post('/organisations/me/invitations', { displayName: '李雷' })
        .expect(201);
      const accept = (body: object) => request(http.server).post('/organisations/invitations/accept').send(body);
      const weak = await accept({ token: invited.body.token, username: 'qdhw-lilei', password: 'short' }).expect(400);
      expect(JSON.stringify(weak.body)).toContain('password');

      const accepted = await accept({
        token: invited.body.token,
        username: 'qdhw-lilei',
        password: NEW_PASSWORD,
      }).expect(201);
      const colleague = await login('qdhw-lilei', NEW_PASSWORD).expect(200);
      const me = await request(http.server)
        .get('/organisations/me')
        .set(bearer(colleague.body.accessToken))
        .expect(200);
      expect(me.body.name).toBe('青岛海湾精密机械有限公司');
      expect(colleague.body.user).toMatchObject({ displayName: '李雷', role: 'applicant', mustChangePassword: false });
      const inviterId = await http.userId('qd-applicant');
      expect(await history(accepted.body.userId)).toEqual([
        expect.objectContaining({
          event: 'ACCEPT_INVITATION',
          change: expect.objectContaining({ invitedBy: inviterId, organisationId: me.body.id }),
        }),
      ]);
      // single use
      await accept({ token: invited.body.token, username: 'qdhw-lilei-2', password: NEW_PASSWORD }).expect(404);
      await accept({ token: 'made-up', username: 'qdhw-lilei-3', password: NEW_PASSWORD }).expect(404);
    });

    it('expires', async () => {
      const invited = await (
        await http.as('qd-applicant')
      )
        .post('/organisations/me/invitations', { displayName: '韩梅梅' })
        .expect(201);
      TestClock.shift(73 * 3600_000);
      const late = await request(http.server)
        .post('/organisations/invitations/accept')
        .send({ token: invited.body.token, username: 'qdhw-hanmeimei', password: NEW_PASSWORD })
        .expect(404);
      expect(late.body.message).toMatch(/expired/);
      expect(await db.query(`SELECT 1 FROM users WHERE username = 'qdhw-hanmeimei'`)).toEqual([]);
    });

    it('is for applicants only', async () => {
      await (await http.as('qd-regulator')).post('/organisations/me/invitations', { displayName: 'x' }).expect(403);
      await request(http.server).post('/organisations/me/invitations').send({ displayName: 'x' }).expect(401);
    });
  });
});
