import { AccreditationEventType as E, AccreditationState as S, Role, UnitKind } from '@app/domain';
import { UserEntity } from '@app/identity';
import { asOwner, demoPasswordHash, Factories } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Http, TestClock, useApi } from './support/apps';

/**
 * Quotas per area inside one programme (Hunan: 1–2 per FTZ area) enforced at DESIGNATE under concurrency, the
 * supervising bureau's override, the usage view; targets over years per jurisdiction and unit kind with progress
 * counted from the designations.
 */
describe('quotas per area and targets over years', () => {
  let api: INestApplication;
  let http: Http;

  useApi((s) => ({ api, http } = s));

  /** A province-wide Hunan programme (430000) of demonstration enterprises, no programme-wide quota. */
  async function hunanProgramme(code: string): Promise<string> {
    const factories = new Factories(api);
    const p = await factories.programme(code, 'hn-regulator', {
      unitKind: UnitKind.Enterprise,
      quota: null,
    });
    return p.id;
  }

  /** A national regulator: the supervising bureau of the Hunan provincial bureau's programmes. */
  async function nationalRegulator(): Promise<string> {
    await api
      .get(DataSource)
      .getRepository(UserEntity)
      .save({
        username: 'cn-regulator-t',
        passwordHash: await demoPasswordHash(),
        displayName: '国家市场监管总局 审核员',
        role: Role.Regulator,
        jurisdictionCode: 'CN',
        organisationId: null,
      });
    return 'cn-regulator-t';
  }

  async function designate(applicationId: string, version: number) {
    return request(api.getHttpServer())
      .post(`/applications/${applicationId}/events`)
      .set(await http.auth('hn-regulator'))
      .send({ type: 'DESIGNATE', version });
  }

  it('lets exactly max of 20 concurrent designations in one area through, then one more after an override', async () => {
    const programmeId = await hunanProgramme('HNQ-2026');
    const hn = await http.as('hn-regulator');
    const set = await hn.put(`/programmes/${programmeId}/quotas`, {
      areas: [
        { jurisdictionCode: '430100-FTZ', min: 1, max: 2 },
        { jurisdictionCode: '430600-FTZ', min: 1, max: 2 },
      ],
    });
    expect(set.status).toBe(200);
    expect(set.body.areas.map((a: { jurisdictionCode: string }) => a.jurisdictionCode)).toEqual([
      '430100-FTZ',
      '430600-FTZ',
    ]);

    const factories = new Factories(api);
    const applications = [];
    for (let n = 1; n <= 20; n++) {
      const { username } = await factories.applicant('cs', n);
      applications.push(
        await factories.application(S.NoticeClosed, {
          programme: 'HNQ-2026',
          applicant: username,
          regulator: 'hn-regulator',
          rechecker: 'hn-regulator-2',
          evaluators: ['cs-evaluator'],
        }),
      );
    }
    await http.token('hn-regulator');
    const results = await Promise.all(applications.map((a) => designate(a.id, a.version)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(18);
    for (const refused of results.filter((r) => r.status === 409)) {
      expect(refused.body).toMatchObject({
        error: 'QUOTA_EXHAUSTED',
        area: '430100-FTZ',
        areaName: '中国（湖南）自由贸易试验区长沙片区',
        max: 2,
        designated: 2,
      });
      expect(refused.body.message).toContain('430100-FTZ');
      expect(refused.body.message).toContain('at most 2');
    }
    const db = api.get(DataSource);
    const designatedCount = async () =>
      (
        await db.query(`SELECT count(*)::int AS n FROM applications WHERE programme_id = $1 AND state = 'designated'`, [
          programmeId,
        ])
      )[0].n;
    expect(await designatedCount()).toBe(2);

    // the programme's own bureau may not override; nor may a bureau below it
    const supervisor = await nationalRegulator();
    const body = { jurisdictionCode: '430100-FTZ', extraPlaces: 1, reason: '长沙片区申报质量突出，经研究增加1个名额' };
    expect((await hn.post(`/programmes/${programmeId}/quota-overrides`, body)).status).toBe(403);
    const cs = await http.as('cs-regulator');
    expect((await cs.post(`/programmes/${programmeId}/quota-overrides`, body)).status).toBe(403);
    const cn = await http.as(supervisor);
    const noQuota = await cn.post(`/programmes/${programmeId}/quota-overrides`, {
      ...body,
      jurisdictionCode: '431000-FTZ',
    });
    expect(noQuota.status).toBe(400);
    expect(noQuota.body.fields).toEqual(['jurisdictionCode']);
    const override = await cn.post(`/programmes/${programmeId}/quota-overrides`, body);
    expect(override.status).toBe(201);
    expect(override.body).toMatchObject({
      jurisdictionCode: '430100-FTZ',
      extraPlaces: 1,
      reason: body.reason,
      createdByName: '国家市场监管总局 审核员',
    });
    // append-only: the application's role may not change it, and the database refuses even its owner
    await expect(db.query(`UPDATE quota_overrides SET extra_places = 5`)).rejects.toThrow(/permission denied/);
    await expect(asOwner((o) => o.query(`DELETE FROM quota_overrides`))).rejects.toThrow(/append-only/);

    const refused = applications.filter((_a, i) => results[i].status === 409);
    const first = await designate(refused[0].id, refused[0].version);
    expect(first.status).toBe(200);
    expect(first.body.history.payload.quotaOverrides).toEqual([
      expect.objectContaining({ id: override.body.id, extraPlaces: 1, reason: body.reason }),
    ]);
    const history = await hn.get(`/applications/${refused[0].id}/history`);
    const designation = history.body.find((h: { event: string }) => h.event === 'DESIGNATE');
    expect(designation.payload.quotaOverrides[0].id).toBe(override.body.id);
    const second = await designate(refused[1].id, refused[1].version);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: 'QUOTA_EXHAUSTED', area: '430100-FTZ', max: 3, designated: 3 });
    expect(await designatedCount()).toBe(3);

    const usage = await hn.get(`/programmes/${programmeId}/quota-usage`);
    expect(usage.status).toBe(200);
    expect(usage.body.programme).toBeNull();
    expect(usage.body.areas).toEqual([
      expect.objectContaining({
        jurisdictionCode: '430100-FTZ',
        min: 1,
        max: 2,
        extraPlaces: 1,
        allowed: 3,
        designated: 3,
        remaining: 0,
        shortfall: 0,
        awaitingDesignation: 17,
        belowMinimum: false,
      }),
      // nobody applied in Yueyang: below its minimum with no notice left open
      expect.objectContaining({
        jurisdictionCode: '430600-FTZ',
        designated: 0,
        remaining: 2,
        shortfall: 1,
        beforeNoticeEnd: 0,
        belowMinimum: true,
      }),
    ]);
    const overrides = await cn.get(`/programmes/${programmeId}/quota-overrides`);
    expect(overrides.body).toHaveLength(1);
  }, 240_000);

  it('adds places to the programme-wide quota by an override naming the programme itself', async () => {
    const factories = new Factories(api);
    const programme = await factories.programme('HNQW-2026', 'hn-regulator', {
      unitKind: UnitKind.Enterprise,
      quota: 1,
    });
    const drive = async (n: number) => {
      const { username } = await factories.applicant('cs', n);
      return factories.application(S.NoticeClosed, {
        programme: 'HNQW-2026',
        applicant: username,
        regulator: 'hn-regulator',
        rechecker: 'hn-regulator-2',
        evaluators: ['cs-evaluator'],
      });
    };
    const [a, b] = [await drive(31), await drive(32)];
    expect((await designate(a.id, a.version)).status).toBe(200);
    const refused = await designate(b.id, b.version);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'QUOTA_EXHAUSTED', max: 1 });
    const cn = await http.as(await nationalRegulator());
    const override = await cn.post(`/programmes/${programme.id}/quota-overrides`, {
      jurisdictionCode: '430000',
      extraPlaces: 1,
      reason: '全省增加1个名额',
    });
    expect(override.status).toBe(201);
    const ok = await designate(b.id, b.version);
    expect(ok.status).toBe(200);
    expect(ok.body.history.payload).toMatchObject({ quotaRemaining: 1, quotaOverrides: [{ id: override.body.id }] });
  }, 120_000);

  it('refuses bad quotas naming the field, and quotas set by anyone but the programme bureau', async () => {
    const programmeId = await hunanProgramme('HNQB-2026');
    const hn = await http.as('hn-regulator');
    const put = (areas: object[]) => hn.put(`/programmes/${programmeId}/quotas`, { areas });
    const minAboveMax = await put([{ jurisdictionCode: '430100-FTZ', min: 3, max: 2 }]);
    expect(minAboveMax.status).toBe(400);
    expect(minAboveMax.body).toMatchObject({ error: 'VALIDATION_FAILED', fields: ['areas.0.min'] });
    const outside = await put([
      { jurisdictionCode: '430100-FTZ', min: 1, max: 2 },
      { jurisdictionCode: '370211-FTZ', min: 0, max: 1 },
    ]);
    expect(outside.status).toBe(400);
    expect(outside.body.fields).toEqual(['areas.1.jurisdictionCode']);
    expect(outside.body.message).toContain("not an area inside the programme's jurisdiction");
    const unknown = await put([{ jurisdictionCode: '999999', min: 0, max: 1 }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual(['areas.0.jurisdictionCode']);
    const negative = await put([{ jurisdictionCode: '430100-FTZ', min: -1, max: 0 }]);
    expect(negative.status).toBe(400);
    expect(negative.body.error).toBe('VALIDATION_FAILED');
    expect(negative.body.message).toMatch(/min/);
    expect(negative.body.message).toMatch(/max/);
    const missing = await hn.put(`/programmes/${programmeId}/quotas`, {});
    expect(missing.status).toBe(400);
    // nothing was written by the refusals
    expect((await hn.get(`/programmes/${programmeId}/quotas`)).body.areas).toEqual([]);

    // a bureau below runs no programme of the province's, a supervising one overrides instead of setting
    const cs = await http.as('cs-regulator');
    expect((await cs.put(`/programmes/${programmeId}/quotas`, { areas: [] })).status).toBe(403);
    const cn = await http.as(await nationalRegulator());
    expect((await cn.put(`/programmes/${programmeId}/quotas`, { areas: [] })).status).toBe(403);
    // a regulator of another province does not see it
    expect((await (await http.as('qd-regulator')).get(`/programmes/${programmeId}/quotas`)).status).toBe(403);
  });

  it('counts target progress from the still-valid designations of the kind in the subtree, once per unit', async () => {
    const hn = await http.as('hn-regulator');
    const created = await hn.post('/jurisdictions/430000/targets', { unitKind: 'enterprise', year: 2026, target: 4 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ jurisdictionCode: '430000', dueOn: '2026-12-31', target: 4, version: 1 });
    const again = await hn.post('/jurisdictions/430000/targets', { unitKind: 'enterprise', year: 2026, target: 5 });
    expect(again.status).toBe(409);
    const set = await hn.put('/jurisdictions/430000/targets', {
      targets: [
        { unitKind: 'enterprise', year: 2025, target: 1 },
        { unitKind: 'enterprise', year: 2026, target: 2 },
        { unitKind: 'liaison_point', year: 2026, target: 100 },
      ],
    });
    expect(set.status).toBe(200);
    expect(set.body).toHaveLength(3);
    expect(
      set.body.find((t: { year: number; unitKind: string }) => t.year === 2026 && t.unitKind === 'enterprise'),
    ).toMatchObject({ target: 2, version: 2 });

    // bad input names the field; only the bureau of the jurisdiction sets its targets
    const negative = await hn.post('/jurisdictions/430000/targets', { unitKind: 'point', year: 2026, target: -5 });
    expect(negative.status).toBe(400);
    expect(negative.body.message).toMatch(/target/);
    const kind = await hn.post('/jurisdictions/430000/targets', { unitKind: 'museum', year: 2026, target: 5 });
    expect(kind.status).toBe(400);
    expect(kind.body.message).toMatch(/unitKind/);
    const twice = await hn.put('/jurisdictions/430000/targets', {
      targets: [
        { unitKind: 'point', year: 2026, target: 1 },
        { unitKind: 'point', year: 2026, target: 2 },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.fields).toEqual(['targets.1.year']);
    expect(
      (await hn.post('/jurisdictions/430100-FTZ/targets', { unitKind: 'point', year: 2026, target: 1 })).status,
    ).toBe(403);
    const cs = await http.as('cs-regulator');
    expect((await cs.get('/jurisdictions/430000/targets')).status).toBe(403);
    expect((await hn.get('/jurisdictions/999999/targets')).status).toBe(404);

    const factories = new Factories(api);
    const drive = (applicant: string, state: S, programme = 'HNFTZ-CS-2026') =>
      factories.application(state, { applicant, programme, evaluators: ['cs-evaluator'] });
    // counted: cs-applicant's title, and another Changsha enterprise's
    await drive('cs-applicant', S.Designated);
    const second = await factories.applicant('cs', 41);
    await drive(second.username, S.Designated);
    // not counted: a revoked title, one not yet designated, a station, one in Qingdao
    const revoked = await factories.applicant('cs', 42);
    const r = await drive(revoked.username, S.Designated, 'HNFTZ-2026');
    await factories.send(r.id, 'hn-regulator', { type: E.Revoke, reason: '行政处罚' });
    const pending = await factories.applicant('cs', 43);
    await drive(pending.username, S.NoticeClosed, 'HNFTZ-2026');
    await factories.application(S.Designated, { applicant: 'qd-applicant' });
    // the same unit twice (a second title of the kind): counted once
    await drive('cs-applicant', S.Designated, 'HNFTZ-2026');

    const progress = await hn.get('/jurisdictions/430000/target-progress');
    expect(progress.status).toBe(200);
    const of = (kind: string, year: number) =>
      progress.body.find((t: { unitKind: string; year: number }) => t.unitKind === kind && t.year === year);
    expect(of('enterprise', 2025)).toMatchObject({ atDueDate: 0, now: 2, percent: 0, status: 'missed' });
    expect(of('enterprise', 2026)).toMatchObject({ atDueDate: null, now: 2, percent: 100, status: 'met' });
    expect(of('liaison_point', 2026)).toMatchObject({ now: 0, percent: 0, status: 'open' });

    // after the end of 2026, judged on 31 December 2026: both titles were in force then
    TestClock.shift(40 * 86_400_000);
    const later = await hn.get('/jurisdictions/430000/target-progress');
    expect(
      later.body.find((t: { unitKind: string; year: number }) => t.unitKind === 'enterprise' && t.year === 2026),
    ).toMatchObject({ atDueDate: 2, status: 'met' });
    expect(
      later.body.find((t: { unitKind: string; year: number }) => t.unitKind === 'liaison_point' && t.year === 2026),
    ).toMatchObject({ atDueDate: 0, status: 'missed' });
  }, 120_000);

  it('seeds Hunan per-area quotas and Jiaxing targets', async () => {
    const hnProgramme = await http.programmeId('HNFTZ-2026');
    const quotas = await (await http.as('hn-regulator')).get(`/programmes/${hnProgramme}/quotas`);
    expect(
      quotas.body.areas.map((a: { jurisdictionCode: string; min: number; max: number }) => [
        a.jurisdictionCode,
        a.min,
        a.max,
      ]),
    ).toEqual([
      ['430100-FTZ', 1, 2],
      ['430600-FTZ', 1, 2],
      ['431000-FTZ', 1, 2],
    ]);
    const targets = await (await http.as('jx-regulator')).get('/jurisdictions/330400/targets');
    expect(
      targets.body.map((t: { unitKind: string; year: number; target: number }) => [t.unitKind, t.year, t.target]),
    ).toEqual([
      ['liaison_point', 2015, 100],
      ['liaison_point', 2016, 200],
      ['liaison_point', 2017, 300],
      ['point', 2015, 5],
      ['point', 2016, 10],
      ['point', 2017, 20],
    ]);
  });
});
