import { usccCheckCharacter } from '@app/domain';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Http, MATERIALS, useApi } from './support/apps';

/** A valid credit code for the n-th test organisation of a district. */
const creditCode = (district: string, n: number) => {
  const first17 = `91${district}MA9R${String(n).padStart(4, '0')}X`;
  return first17 + usccCheckCharacter(first17);
};

const registration = (n: number, overrides: Record<string, unknown> = {}) => ({
  name: `青岛注册测试${n}有限公司`,
  creditCode: creditCode('370211', n),
  kind: 'enterprise',
  jurisdictionCode: '370211-FTZ',
  contact: { name: '王芳', phone: '0532-86881234', email: 'wangfang@example.cn' },
  user: { username: `reg-user-${n}`, displayName: '王芳', password: '海湾-灯塔-蓝色-37' },
  ...overrides,
});

describe('organisations register and are verified (实名认证)', () => {
  let http: Http;
  let db: DataSource;
  useApi((started) => {
    http = started.http;
    db = started.api.get(DataSource);
  });

  const register = (body: object) => request(http.server).post('/organisations/registrations').send(body);
  const signIn = async (username: string, password = '海湾-灯塔-蓝色-37') =>
    (await request(http.server).post('/auth/login').send({ username, password }).expect(200)).body
      .accessToken as string;
  const counts = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*)::int FROM organisations) AS orgs, (SELECT count(*)::int FROM users) AS users,
                (SELECT count(*)::int FROM organisation_history) AS history`,
      )
    )[0];

  it('registers an organisation with its first user, pending, with the registration on its history', async () => {
    const res = await register(registration(1)).expect(201);
    expect(res.body).toMatchObject({ verificationStatus: 'pending' });

    const token = await signIn('reg-user-1');
    const me = await request(http.server)
      .get('/organisations/me')
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    expect(me.body).toMatchObject({
      id: res.body.organisationId,
      creditCode: creditCode('370211', 1),
      verificationStatus: 'pending',
      jurisdictionCode: '370211-FTZ',
    });
    const [row] = await db.query(
      `SELECT event, from_status, to_status, actor_id, actor_role FROM organisation_history WHERE organisation_id = $1`,
      [res.body.organisationId],
    );
    expect(row).toEqual({
      event: 'REGISTER',
      from_status: null,
      to_status: 'pending',
      actor_id: res.body.userId,
      actor_role: 'applicant',
    });
  });

  it('refuses a bad credit code, a weak password, an unknown jurisdiction, naming the field, and writes nothing', async () => {
    const before = await counts();
    const code = creditCode('370211', 2);
    const wrongCheck = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const cases: [object, string][] = [
      [registration(2, { creditCode: wrongCheck }), 'creditCode'],
      [registration(2, { user: { username: 'reg-user-2', displayName: 'x', password: 'short' } }), 'user.password'],
      [
        registration(2, { user: { username: 'reg-user-2', displayName: 'x', password: 'reg-user-2-secret' } }),
        'user.password',
      ],
      [
        registration(2, { user: { username: 'reg-user-2', displayName: 'x', password: 'password2026' } }),
        'user.password',
      ],
      [registration(2, { jurisdictionCode: '999999' }), 'jurisdictionCode'],
      [registration(2, { kind: 'bank' }), 'kind'],
      [registration(2, { contact: { name: '王芳' } }), 'contact.phone'],
    ];
    for (const [body, field] of cases) {
      const res = await register(body).expect(400);
      expect(JSON.stringify(res.body)).toContain(field);
    }
    expect(await counts()).toEqual(before);
  });

  it('answers 409 naming the field for a credit code or username already registered', async () => {
    await register(registration(3)).expect(201);
    const sameCode = await register(registration(4, { creditCode: creditCode('370211', 3) })).expect(409);
    expect(sameCode.body.fields).toEqual(['creditCode']);
    const sameUser = await register(
      registration(4, { user: { username: 'reg-user-3', displayName: 'x', password: '海湾-灯塔-蓝色-37' } }),
    ).expect(409);
    expect(sameUser.body.fields).toEqual(['user.username']);
    const seeded = await register(
      registration(4, { user: { username: 'qd-regulator', displayName: 'x', password: '海湾-灯塔-蓝色-37' } }),
    ).expect(409);
    expect(seeded.body.fields).toEqual(['user.username']);
  });

  it('limits registrations per client address', async () => {
    const statuses: number[] = [];
    for (let n = 10; n < 22; n++) statuses.push((await register(registration(n))).status);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('keeps a pending or refused organisation from applying; a verified one may', async () => {
    const { body: reg } = await register(registration(5)).expect(201);
    const auth = { Authorization: `Bearer ${await signIn('reg-user-5')}` };
    const draft = async () =>
      request(http.server)
        .post('/applications')
        .set(auth)
        .send({ programmeId: await http.programmeId('QDFTZ-2026'), title: '申报', materials: MATERIALS });
    const pending = await draft();
    expect(pending.status).toBe(403);
    expect(pending.body).toMatchObject({ error: 'ORGANISATION_NOT_VERIFIED', verificationStatus: 'pending' });

    const regulator = await http.as('qd-regulator');
    await regulator
      .post(`/organisations/registrations/${reg.organisationId}/verification`, { decision: 'verified' })
      .expect(200);
    expect((await draft()).status).toBe(201);
  });

  it("lists the pending organisations of the regulator's subtree, oldest first, and not another province's", async () => {
    const first = (await register(registration(6)).expect(201)).body.organisationId;
    const second = (await register(registration(7)).expect(201)).body.organisationId;
    const hunan = (
      await register(registration(8, { creditCode: creditCode('430100', 8), jurisdictionCode: '430100-FTZ' })).expect(
        201,
      )
    ).body.organisationId;

    const qd = await (await http.as('qd-regulator')).get('/organisations/registrations').expect(200);
    expect(qd.body.map((o: { id: string }) => o.id)).toEqual([first, second]);
    expect(qd.body[0]).toMatchObject({
      contactName: '王芳',
      contactPhone: '0532-86881234',
      users: [{ username: 'reg-user-6' }],
      history: [{ event: 'REGISTER', toStatus: 'pending' }],
    });
    const cs = await (await http.as('cs-regulator')).get('/organisations/registrations').expect(200);
    expect(cs.body.map((o: { id: string }) => o.id)).toEqual([hunan]);
    const all = await (await http.as('admin')).get('/organisations/registrations').expect(200);
    expect(all.body.map((o: { id: string }) => o.id).sort()).toEqual([first, second, hunan].sort());
    const verified = await (
      await http.as('qd-regulator')
    )
      .get('/organisations/registrations?status=verified')
      .expect(200);
    expect(verified.body.map((o: { name: string }) => o.name).sort()).toEqual(
      ['青岛前湾智能装备股份有限公司', '青岛海湾精密机械有限公司'].sort(),
    );
    await (await http.as('qd-regulator')).get('/organisations/registrations?status=maybe').expect(400);
    await (await http.as('qd-applicant')).get('/organisations/registrations').expect(403);
    await request(http.server).get('/organisations/registrations').expect(401);
  });

  it('refuses with a reason, recorded with who and why; a decided organisation cannot be decided again', async () => {
    const { body: reg } = await register(registration(9)).expect(201);
    const regulator = await http.as('qd-regulator');
    const path = `/organisations/registrations/${reg.organisationId}/verification`;
    const noReason = await regulator.post(path, { decision: 'refused' }).expect(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');

    const refused = await regulator.post(path, { decision: 'refused', reason: '营业执照与信用代码不符' }).expect(200);
    expect(refused.body.verificationStatus).toBe('refused');
    expect(refused.body.history).toEqual([
      expect.objectContaining({ event: 'REGISTER', fromStatus: null, toStatus: 'pending' }),
      expect.objectContaining({
        event: 'REFUSE',
        fromStatus: 'pending',
        toStatus: 'refused',
        actorId: await http.userId('qd-regulator'),
        actorRole: 'regulator',
        reason: '营业执照与信用代码不符',
      }),
    ]);
    const again = await regulator.post(path, { decision: 'verified' }).expect(409);
    expect(again.body.message).toMatch(/refused, not pending/);
    await expect(
      db.query(`DELETE FROM organisation_history WHERE organisation_id = $1`, [reg.organisationId]),
    ).rejects.toThrow(/append-only|permission denied/);
  });

  it("answers 404 for an organisation outside the regulator's subtree, and to other roles 403", async () => {
    const { body: reg } = await register(registration(11)).expect(201);
    const path = `/organisations/registrations/${reg.organisationId}/verification`;
    await (await http.as('cs-regulator')).post(path, { decision: 'verified' }).expect(404);
    await (await http.as('cs-regulator')).get(`/organisations/registrations/${reg.organisationId}`).expect(404);
    await (await http.as('qd-regulator')).get('/organisations/registrations/not-a-uuid').expect(404);
    await (await http.as('qd-applicant')).post(path, { decision: 'verified' }).expect(403);
    await (await http.as('qd-finance')).post(path, { decision: 'verified' }).expect(403);
    const [{ verification_status }] = await db.query(`SELECT verification_status FROM organisations WHERE id = $1`, [
      reg.organisationId,
    ]);
    expect(verification_status).toBe('pending');
    await (await http.as('hn-regulator')).get(`/organisations/registrations/${reg.organisationId}`).expect(404);
    const provincial = await (await http.as('admin')).post(path, { decision: 'verified' }).expect(200);
    expect(provincial.body.history[1]).toMatchObject({ actorRole: 'admin', event: 'VERIFY' });
  });
});
