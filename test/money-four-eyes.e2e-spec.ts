import { AccreditationState, Role } from '@app/domain';
import { UserEntity } from '@app/identity';
import { demoPasswordHash, Factories } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Http, useApi } from './support/apps';
import { disbursement, disbursementIdsOf } from './support/subsidy';

/**
 * Four eyes on money (经办 → 审批), through HTTP: two distinct finance officers of the paying bureau verify and
 * approve each disbursement, a second one approves each policy before it applies, and every money-changing request
 * names the version it saw.
 */
describe('four eyes on money', () => {
  let api: INestApplication;
  let http: Http;
  let factories: Factories;

  useApi((s) => {
    ({ api, http } = s);
    factories = new Factories(api);
  });

  /** a designated application of a new Qingdao applicant; its disbursement's id */
  async function entitlement(n: number, programme?: string): Promise<string> {
    const applicant = (await factories.applicant('qd', n)).username;
    const app = await factories.application(AccreditationState.Designated, { applicant, programme });
    const ids = await disbursementIdsOf(api, app.id);
    return ids[0];
  }

  const post = async (username: string, path: string, body: object) => (await http.as(username)).post(path, body);

  it('the same officer cannot verify and approve, whichever of them verifies; the other one can', async () => {
    const first = await entitlement(1);
    const second = await entitlement(2);

    await post('qd-finance', `/finance/disbursements/${first}/verify`, { version: 1 }).then((r) =>
      expect(r.status).toBe(200),
    );
    const own = await post('qd-finance', `/finance/disbursements/${first}/approve`, { version: 2 });
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject({ error: 'FOUR_EYES', message: expect.stringMatching(/you verified/) });

    await post('qd-finance-2', `/finance/disbursements/${second}/verify`, { version: 1 }).then((r) =>
      expect(r.status).toBe(200),
    );
    const ownToo = await post('qd-finance-2', `/finance/disbursements/${second}/approve`, { version: 2 });
    expect(ownToo.status).toBe(403);
    expect(ownToo.body.error).toBe('FOUR_EYES');
    for (const id of [first, second])
      expect(await disbursement(http, id)).toMatchObject({ state: 'verified', version: 2 });

    const ok = await post('qd-finance-2', `/finance/disbursements/${first}/approve`, { version: 2 });
    expect(ok.status).toBe(200);
    expect(ok.body.disbursement).toMatchObject({
      state: 'approved',
      verifiedBy: await http.userId('qd-finance'),
      approvedBy: await http.userId('qd-finance-2'),
    });
    expect((await post('qd-finance', `/finance/disbursements/${second}/approve`, { version: 2 })).status).toBe(200);
    // the detail names the two officers, and every step's actor
    const detail = (await (await http.as('qd-finance')).get(`/finance/disbursements/${first}`).expect(200)).body;
    expect(detail).toMatchObject({ verifiedByName: '青岛自贸片区 财务', approvedByName: '青岛自贸片区 财务复核' });
    expect(detail.history.map((h: { event: string; actorName: string | null }) => [h.event, h.actorName])).toEqual([
      ['ENTITLE', '青岛自贸片区市场监管部门 审核员'],
      ['VERIFY', '青岛自贸片区 财务'],
      ['APPROVE', '青岛自贸片区 财务复核'],
    ]);

    // approval comes after verification, never instead of it
    const third = await entitlement(3);
    const early = await post('qd-finance', `/finance/disbursements/${third}/approve`, { version: 1 });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: 'EVENT_NOT_ALLOWED', allowedEvents: ['VERIFY', 'CANCEL'] });
  }, 60_000);

  it('another bureau is refused: Changsha does not see Qingdao money, the city above sees it but does not decide', async () => {
    const id = await entitlement(4);
    expect((await post('cs-finance', `/finance/disbursements/${id}/verify`, { version: 1 })).status).toBe(404);

    await api
      .get(DataSource)
      .getRepository(UserEntity)
      .insert({
        username: 'qdc-finance',
        displayName: '青岛市 财务',
        role: Role.Finance,
        passwordHash: await demoPasswordHash(),
        jurisdictionCode: '370200',
        organisationId: null,
      });
    expect((await (await http.as('qdc-finance')).get(`/finance/disbursements/${id}`)).status).toBe(200);
    const city = await post('qdc-finance', `/finance/disbursements/${id}/verify`, { version: 1 });
    expect(city.status).toBe(403);
    expect(city.body.message).toMatch(/paying bureau/);
    await post('qd-finance', `/finance/disbursements/${id}/verify`, { version: 1 });
    expect((await post('qdc-finance', `/finance/disbursements/${id}/approve`, { version: 2 })).status).toBe(403);
    expect(await disbursement(http, id)).toMatchObject({ state: 'verified', version: 2 });
  }, 60_000);

  it('bulk approval keeps the rule per item: a mix of approved, own verification, unverified and stale', async () => {
    const [a, b, c, d] = [await entitlement(5), await entitlement(6), await entitlement(7), await entitlement(8)];
    const verified = await post('qd-finance', '/finance/disbursements/verify', {
      items: [
        { id: a, version: 1 },
        { id: d, version: 1 },
      ],
    });
    expect(verified.body).toMatchObject({ verified: 2, refused: 0 });
    await post('qd-finance-2', `/finance/disbursements/${b}/verify`, { version: 1 });

    const bulk = await post('qd-finance-2', '/finance/disbursements/approve', {
      items: [
        { id: a, version: 2 },
        { id: b, version: 2 },
        { id: c, version: 1 },
        { id: d, version: 1 },
      ],
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body).toMatchObject({ approved: 1, refused: 3 });
    expect(bulk.body.results.map((r: { ok: boolean; error?: string }) => r.error ?? 'ok')).toEqual([
      'ok',
      'FOUR_EYES',
      'EVENT_NOT_ALLOWED',
      'VERSION_CONFLICT',
    ]);
    expect((await disbursement(http, a)).state).toBe('approved');
    for (const id of [b, d]) expect((await disbursement(http, id)).state).toBe('verified');
    expect((await disbursement(http, c)).state).toBe('pending_approval');
  }, 60_000);

  it('every money-changing request needs the version it saw: 428 without, 409 with a stale one', async () => {
    const id = await entitlement(9);
    const without = [
      await post('qd-finance', `/finance/disbursements/${id}/verify`, {}),
      await post('qd-finance', `/finance/disbursements/${id}/approve`, {}),
      await post('qd-finance', `/finance/disbursements/${id}/cancel`, { reason: '单位已注销' }),
      await post('qd-finance', `/finance/disbursements/${id}/retry`, { reason: 'x' }),
      await post('qd-finance', '/finance/disbursements/verify', { ids: [id] }),
      await post('qd-finance', '/finance/disbursements/approve', { ids: [id] }),
      await post('qd-finance', '/finance/disbursements/approve', { items: [{ id }] }),
    ];
    for (const res of without) {
      expect(res.status).toBe(428);
      expect(res.body).toMatchObject({ error: 'VERSION_REQUIRED', message: expect.stringMatching(/version/) });
    }
    expect(await disbursement(http, id)).toMatchObject({ state: 'pending_approval', version: 1 });
    const stale = await post('qd-finance', `/finance/disbursements/${id}/cancel`, { reason: 'x', version: 9 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'VERSION_CONFLICT', currentVersion: 1 });

    const [policy] = (await (await http.as('qd-finance')).get('/finance/policies').expect(200)).body;
    for (const [path, body] of [
      [`/finance/policies/${policy.policyId}/proposals`, { amountFen: 1 }],
      [`/finance/policies/${policy.policyId}/approve`, {}],
      [`/finance/policies/${policy.policyId}/reject`, { reason: 'x' }],
    ] as const)
      expect((await post('qd-finance', path, body)).status).toBe(428);
  }, 60_000);

  it('a policy proposed by one officer does not apply until a second approves it; a change waits the same way', async () => {
    const programme = await factories.programme('QD-4EYES');
    const proposed = await post('qd-finance', '/finance/policies', {
      programmeId: programme.id,
      name: '示范点一次性奖补',
      amountFen: 3_000_000,
      budgetFen: 30_000_000,
      purpose: '培训',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body.policy).toMatchObject({
      status: 'pending',
      version: 1,
      proposedBy: await http.userId('qd-finance'),
    });
    const policyId = proposed.body.policy.id;

    // not yet applying: a designation now creates no entitlement under it
    const before = await factories.application(AccreditationState.Designated, {
      applicant: (await factories.applicant('qd', 10)).username,
      programme: 'QD-4EYES',
    });
    expect(await disbursementIdsOf(api, before.id)).toEqual([]);

    const own = await post('qd-finance', `/finance/policies/${policyId}/approve`, { version: 1 });
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject({ error: 'FOUR_EYES', message: expect.stringMatching(/you proposed/) });
    expect((await post('cs-finance', `/finance/policies/${policyId}/approve`, { version: 1 })).status).toBe(404);
    const approved = await post('qd-finance-2', `/finance/policies/${policyId}/approve`, { version: 1 });
    expect(approved.status).toBe(200);
    expect(approved.body.policy).toMatchObject({ status: 'active', version: 2, pendingTerms: null });
    // the detail names who approved (no proposal waits now), and each step's actor
    const named = (await (await http.as('qd-finance-2')).get(`/finance/policies/${policyId}`).expect(200)).body;
    expect(named).toMatchObject({ proposedByName: null, approvedByName: '青岛自贸片区 财务复核' });
    expect(named.history.map((h: { event: string; actorName: string }) => [h.event, h.actorName])).toEqual([
      ['PROPOSE', '青岛自贸片区 财务'],
      ['APPROVE', '青岛自贸片区 财务复核'],
    ]);

    const after = await factories.application(AccreditationState.Designated, {
      applicant: (await factories.applicant('qd', 11)).username,
      programme: 'QD-4EYES',
    });
    const [paid] = await disbursementIdsOf(api, after.id);
    expect(await disbursement(http, paid)).toMatchObject({ amountFen: 3_000_000 });

    // a change (90 trillion yuan per designation, say) is pending; the approved terms keep applying meanwhile
    const change = await post('qd-finance-2', `/finance/policies/${policyId}/proposals`, {
      version: 2,
      amountFen: 9_000_000_000_000_000,
    });
    expect(change.status).toBe(200);
    expect(change.body.policy).toMatchObject({
      status: 'active',
      amountFen: 3_000_000,
      pendingTerms: { amountFen: 9_000_000_000_000_000, budgetFen: 30_000_000 },
    });
    const during = await factories.application(AccreditationState.Designated, {
      applicant: (await factories.applicant('qd', 12)).username,
      programme: 'QD-4EYES',
    });
    expect(await disbursement(http, (await disbursementIdsOf(api, during.id))[0])).toMatchObject({
      amountFen: 3_000_000,
    });
    expect((await post('qd-finance-2', `/finance/policies/${policyId}/approve`, { version: 3 })).status).toBe(403);
    const rejected = await post('qd-finance', `/finance/policies/${policyId}/reject`, {
      version: 3,
      reason: '金额明显错误',
    });
    expect(rejected.body.policy).toMatchObject({
      status: 'active',
      amountFen: 3_000_000,
      pendingTerms: null,
      version: 4,
    });

    const detail = await (await http.as('qd-finance')).get(`/finance/policies/${policyId}`).expect(200);
    expect(
      detail.body.history.map((h: { event: string; toState: string; actorId: string; reason: string | null }) => [
        h.event,
        h.toState,
        h.actorId,
        h.reason,
      ]),
    ).toEqual([
      ['PROPOSE', 'pending', await http.userId('qd-finance'), null],
      ['APPROVE', 'active', await http.userId('qd-finance-2'), null],
      ['PROPOSE', 'active', await http.userId('qd-finance-2'), null],
      ['REJECT', 'active', await http.userId('qd-finance'), '金额明显错误'],
    ]);
    expect(detail.body.history[0].payload.terms).toMatchObject({ amountFen: 3_000_000 });
  }, 60_000);
});
