import { AccreditationEventType as E, AccreditationState as S, Role, usccCheckCharacter } from '@app/domain';
import { UserEntity } from '@app/identity';
import { ReminderSweepUseCase } from '@app/notifications';
import { demoPasswordHash, Factories } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Http, TestClock, useApi } from './support/apps';

/** The clock at an instant given in China time, e.g. '2026-11-02T10:00'. */
const setClock = (chinaTime: string) => TestClock.shift(new Date(`${chinaTime}:00+08:00`).getTime() - Date.now());

/** A small deterministic generator, so a failing sequence of transitions can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const ENTRY = {
  name: '长沙湘江新材料科技有限公司',
  industry: '新材料',
  needs: '核心配方与工艺参数；研发人员离职竞业',
  riskTier: 'high',
  assessedOn: '2026-11-20',
  assessmentBasis: '现场走访与问卷评估：核心技术人员流动频繁',
  contactName: '王经理',
  contactPhone: '0731-88888888',
};

/**
 * The directory (名录库) and the dashboards through HTTP: a city keeps its part, the province sees the sum of its
 * cities, each enterprise's demonstration history; the cities' reports upward on time, late or overdue, with their
 * reminders; the dashboard's counts equal to a GROUP BY over the applications after random transitions; the time
 * spent in each step on known histories; bad input answered 4xx naming the field.
 */
describe('the enterprise directory and the dashboards', () => {
  let api: INestApplication;
  let http: Http;
  let factories: Factories;
  let db: DataSource;

  useApi((s) => {
    ({ api, http } = s);
    factories = new Factories(api);
    db = api.get(DataSource);
  });

  /** A regulator of each Hunan city (the demo data has none: its regulators sit in the FTZ areas and the province). */
  async function cityRegulators() {
    const passwordHash = await demoPasswordHash();
    for (const [username, code] of [
      ['cs-city', '430100'],
      ['yy-city', '430600'],
      ['cz-city', '431000'],
    ]) {
      await db.getRepository(UserEntity).insert({
        username,
        displayName: `${code} 名录库管理员`,
        role: Role.Regulator,
        passwordHash,
        jurisdictionCode: code,
        organisationId: null,
      });
    }
  }

  const creditCodeOf = async (organisationId: string): Promise<string> =>
    (await db.query(`SELECT credit_code FROM organisations WHERE id = $1`, [organisationId]))[0].credit_code;

  it('a city keeps its part, the province sees the sum of its cities and an enterprise’s history', async () => {
    await cityRegulators();
    const cs = await factories.applicant('cs', 1);
    const designated = await factories.application(S.Designated, {
      applicant: cs.username,
      programme: 'HNFTZ-CS-2026',
    });
    const csCode = cs.organisation.creditCode;
    const other = await factories.applicant('cs', 2);

    const asCs = await http.as('cs-city');
    const first = await asCs.post('/directory/entries', { ...ENTRY, creditCode: csCode });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ jurisdictionCode: '430100', organisationId: cs.organisation.id, version: 1 });
    expect(
      (
        await asCs.post('/directory/entries', {
          ...ENTRY,
          name: other.organisation.name,
          creditCode: other.organisation.creditCode,
          industry: '装备制造',
          riskTier: 'medium',
        })
      ).status,
    ).toBe(201);
    const yy = await (
      await http.as('yy-city')
    ).post('/directory/entries', {
      ...ENTRY,
      name: '岳阳测试化工有限公司',
      creditCode: '91430600MA4L00001' + usccCheckCharacter('91430600MA4L00001'),
      industry: '石油化工',
      riskTier: 'low',
    });
    expect(yy.status).toBe(201);

    // the city sees its own part only
    const csSummary = (await asCs.get('/directory/summary')).body;
    expect(csSummary).toMatchObject({ total: 2, byTier: { high: 1, medium: 1, low: 0 } });
    expect((await asCs.get(`/directory/entries/${yy.body.id}`)).status).toBe(404);
    expect((await asCs.get('/directory/summary?jurisdictionCode=430600')).status).toBe(400);

    // the province: the sum of its cities, by tier, industry and city
    const asHn = await http.as('hn-regulator');
    const summary = (await asHn.get('/directory/summary')).body;
    expect(summary).toMatchObject({
      jurisdiction: { code: '430000' },
      total: 3,
      byTier: { high: 1, medium: 1, low: 1 },
      byCity: [
        { jurisdictionCode: '430100', total: 2, byTier: { high: 1, medium: 1, low: 0 } },
        { jurisdictionCode: '430600', total: 1, byTier: { high: 0, medium: 0, low: 1 } },
      ],
    });
    expect(summary.byIndustry.map((i: { industry: string }) => i.industry).sort()).toEqual(
      ['新材料', '石油化工', '装备制造'].sort(),
    );
    const list = (await asHn.get('/directory/entries?pageSize=10')).body;
    expect(list.total).toBe(3);
    expect((await asHn.get('/directory/entries?riskTier=low')).body.items.map((e: { id: string }) => e.id)).toEqual([
      yy.body.id,
    ]);
    expect((await asHn.get('/directory/entries?jurisdictionCode=430100')).body.total).toBe(2);
    // Qingdao's regulator sees none of Hunan's
    expect((await (await http.as('qd-regulator')).get('/directory/summary')).body.total).toBe(0);

    // the enterprise's demonstration history: its designated title in the Changsha FTZ programme
    const history = (await asHn.get(`/directory/entries/${first.body.id}/history`)).body;
    expect(history.entry.creditCode).toBe(csCode);
    expect(history.applications).toEqual([
      expect.objectContaining({ id: designated.id, state: 'designated', programmeCode: 'HNFTZ-CS-2026' }),
    ]);
    expect(await creditCodeOf(cs.organisation.id)).toBe(csCode);

    // the city changes the tier at the version it read; a stale version is refused
    const changed = await asCs.put(`/directory/entries/${first.body.id}`, {
      ...ENTRY,
      creditCode: csCode,
      riskTier: 'medium',
      version: 1,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ riskTier: 'medium', version: 2 });
    const stale = await asCs.put(`/directory/entries/${first.body.id}`, { ...ENTRY, creditCode: csCode, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('VERSION_CONFLICT');
    const none = await asCs.put(`/directory/entries/${first.body.id}`, { ...ENTRY, creditCode: csCode });
    expect(none.status).toBe(428);
    expect(
      (
        await (
          await http.as('yy-city')
        ).put(`/directory/entries/${first.body.id}`, { ...ENTRY, creditCode: csCode, version: 2 })
      ).status,
    ).toBe(404);
  }, 120_000);

  it('bad input is a 4xx naming the field, and only a city writes', async () => {
    await cityRegulators();
    const asCs = await http.as('cs-city');
    const code = (await factories.applicant('cs', 3)).organisation.creditCode;
    const refused = async (body: object, field: string, status = 400) => {
      const res = await asCs.post('/directory/entries', body);
      expect({ status: res.status, fields: res.body.fields }).toEqual({ status, fields: [field] });
    };
    const { name: _name, ...withoutName } = ENTRY;
    await refused({ ...withoutName, creditCode: code }, 'name');
    await refused({ ...ENTRY, creditCode: code.slice(0, 17) + (code[17] === '0' ? '1' : '0') }, 'creditCode');
    await refused({ ...ENTRY, creditCode: 'abc' }, 'creditCode');
    await refused({ ...ENTRY, creditCode: code, riskTier: 'extreme' }, 'riskTier');
    await refused({ ...ENTRY, creditCode: code, assessedOn: '2026-02-30x' }, 'assessedOn');
    await refused({ ...ENTRY, creditCode: code, assessedOn: '2999-01-01' }, 'assessedOn');
    await refused({ ...ENTRY, creditCode: code, contactPhone: '12345' }, 'contactPhone');
    await refused({ ...ENTRY, creditCode: code, needs: 'x'.repeat(2001) }, 'needs');
    expect((await asCs.post('/directory/entries', { ...ENTRY, creditCode: code })).status).toBe(201);
    // once per credit code, whichever city
    const twice = await (await http.as('yy-city')).post('/directory/entries', { ...ENTRY, creditCode: code });
    expect(twice.status).toBe(409);
    expect(twice.body.fields).toEqual(['creditCode']);
    // the province and the FTZ areas keep no directory of their own
    for (const user of ['hn-regulator', 'cs-regulator']) {
      const res = await (await http.as(user)).post('/directory/entries', { ...ENTRY, creditCode: code });
      expect(res.status).toBe(403);
    }
    expect((await (await http.as('cs-applicant')).get('/directory/entries')).status).toBe(403);
    expect((await asCs.post('/directory/reports', { period: '2026-Q9' })).body.fields).toEqual(['period']);
    expect((await asCs.get('/directory/reports?period=2026-H1')).status).toBe(400);
    expect(
      (await (await http.as('hn-regulator')).get('/reports/dashboard?jurisdictionCode=370200')).body.fields,
    ).toEqual(['jurisdictionCode']);
  }, 120_000);

  it('the reports upward: on time, late and overdue as the province sees them, with reminders and escalation', async () => {
    await cityRegulators();
    const asHn = await http.as('hn-regulator');
    // every city keeps a directory: one entry each
    for (const [user, n] of [
      ['cs-city', 4],
      ['yy-city', 5],
      ['cz-city', 6],
    ] as const) {
      const res = await (
        await http.as(user)
      ).post('/directory/entries', {
        ...ENTRY,
        creditCode: (await factories.applicant('cs', n)).organisation.creditCode,
      });
      expect(res.status).toBe(201);
    }
    // a period not yet begun cannot be reported
    setClock('2026-12-20T10:00');
    const early = await (await http.as('cs-city')).post('/directory/reports', { period: '2027-Q1' });
    expect({ status: early.status, fields: early.body.fields }).toEqual({ status: 400, fields: ['period'] });

    // 2026-Q4 is due on 15 January 2027 (15 days' grace): Changsha reports on the 10th
    setClock('2027-01-10T10:00');
    const onTime = await (await http.as('cs-city')).post('/directory/reports', { period: '2026-Q4', note: '季度汇总' });
    expect(onTime.status).toBe(201);
    expect(onTime.body).toMatchObject({ period: '2026-Q4', dueOn: '2027-01-15', entryCount: 1, status: 'submitted' });
    const again = await (await http.as('cs-city')).post('/directory/reports', { period: '2026-Q4' });
    expect(again.status).toBe(409);

    // the day it is due: the others are reminded, once
    setClock('2027-01-15T09:00');
    const sweep = api.get(ReminderSweepUseCase);
    await sweep.execute();
    await sweep.execute();
    const toUsers = async (kind: string) =>
      (
        await db.query(
          `SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id
            WHERE n.subject_type = 'directory-report' AND n.kind = $1 ORDER BY u.username`,
          [kind],
        )
      ).map((r: { username: string }) => r.username);
    const reminded = await toUsers('deadline.reminder');
    expect(reminded).toEqual(expect.arrayContaining(['cz-city', 'yy-city']));
    expect(reminded).not.toContain('cs-city');
    expect(new Set(reminded).size).toBe(reminded.length);

    // Yueyang reports after the due day: late; Chenzhou not at all: overdue, and the province hears of it, once
    setClock('2027-01-20T10:00');
    expect((await (await http.as('yy-city')).post('/directory/reports', { period: '2026-Q4' })).body.status).toBe(
      'submitted_late',
    );
    await sweep.execute();
    await sweep.execute();
    const escalated = await toUsers('deadline.escalation');
    expect(escalated.filter((u: string) => u.startsWith('hn-regulator'))).toEqual(['hn-regulator', 'hn-regulator-2']);

    const reports = (await asHn.get('/directory/reports?period=2026-Q4')).body;
    expect(reports).toMatchObject({ cadence: 'quarterly', period: '2026-Q4', dueOn: '2027-01-15' });
    const byCity = Object.fromEntries(reports.cities.map((c: { jurisdictionCode: string }) => [c.jurisdictionCode, c]));
    expect(byCity['430100']).toMatchObject({ status: 'submitted', entryCount: 1, currentEntryCount: 1 });
    expect(byCity['430600']).toMatchObject({ status: 'submitted_late', entryCount: 1 });
    expect(byCity['431000']).toMatchObject({ status: 'overdue', submittedAt: null });
    // by default the latest period due
    expect((await asHn.get('/directory/reports')).body.period).toBe('2026-Q4');
    // the city sees its own line only
    expect((await (await http.as('cs-city')).get('/directory/reports?period=2026-Q4')).body.cities).toHaveLength(1);
  }, 120_000);

  it('the dashboard counts equal a GROUP BY over the applications after random transitions', async () => {
    const next = random(14);
    const states = [S.Draft, S.PreliminaryReview, S.Recheck, S.Acceptance, S.Designated, S.Rejected];
    const apps: { id: string; applicant: string; zone: 'qd' | 'cs' }[] = [];
    for (let i = 0; i < 10; i++) {
      const zone = next() < 0.5 ? 'qd' : 'cs';
      const applicant = (await factories.applicant(zone, 100 + i)).username;
      const state = states[Math.floor(next() * states.length)];
      const a = await factories.application(state, {
        applicant,
        programme: zone === 'qd' ? undefined : 'HNFTZ-CS-2026',
      });
      apps.push({ id: a.id, applicant, zone });
    }
    // random further steps through the engine: withdrawals by the applicant, rejections by the regulator
    for (const a of apps) {
      const roll = next();
      const regulator = a.zone === 'qd' ? 'qd-regulator' : 'cs-regulator';
      await (
        roll < 0.4
          ? factories.send(a.id, a.applicant, { type: E.Withdraw })
          : roll < 0.7
            ? factories.send(a.id, regulator, { type: E.Reject, reason: '不符合条件' })
            : Promise.resolve()
      ).catch(() => undefined); // a final state refuses them: that is a transition too (none)
    }
    // a statement that moves several rows at once, and one rolled back, as any writer of the table might
    await db.query(
      `UPDATE applications SET state = 'withdrawn' WHERE id = ANY($1::uuid[]) AND state IN ('draft', 'preliminary_review')`,
      [apps.slice(0, 5).map((a) => a.id)],
    );
    await db
      .transaction(async (tx) => {
        await tx.query(`UPDATE applications SET state = 'designated'`);
        throw new Error('rolled back');
      })
      .catch(() => undefined);

    for (const [user, path] of [
      ['admin', '/CN/'],
      ['hn-regulator', '/CN/430000/'],
      ['qd-regulator', '/CN/370000/370200/370211/370211-FTZ/'],
      ['cs-regulator', '/CN/430000/430100/430100-FTZ/'],
    ]) {
      const truth: { programmeId: string; unitKind: string; level: string; state: string; count: number }[] =
        await db.query(
          `SELECT programme_id AS "programmeId", unit_kind AS "unitKind", level, state, count(*)::int AS count
             FROM applications WHERE jurisdiction_path LIKE $1
            GROUP BY 1, 2, 3, 4 ORDER BY 1, 4, 2, 3`,
          [`${path}%`],
        );
      const counts = (await (await http.as(user)).get('/reports/counts')).body;
      expect(counts.rows).toEqual(truth);
      expect(counts.total).toBe(truth.reduce((s, r) => s + r.count, 0));
      const dashboard = (await (await http.as(user)).get('/reports/dashboard')).body;
      expect(dashboard.total).toBe(counts.total);
      const byState = Object.fromEntries(
        dashboard.byState.map((k: { key: string; count: number }) => [k.key, k.count]),
      );
      expect(byState).toEqual(counts.byState);
    }
    expect((await (await http.as('hn-regulator')).get('/reports/dashboard')).body.total).toBe(
      apps.filter((a) => a.zone === 'cs').length,
    );
  }, 180_000);

  it('time in each step on known histories, against the limit', async () => {
    // Monday 2 November 2026: three applications enter the preliminary review (初审, 10 working days)
    setClock('2026-11-02T10:00');
    const ids: string[] = [];
    for (let n = 1; n <= 3; n++) {
      const a = await factories.application(S.PreliminaryReview, {
        applicant: (await factories.applicant('qd', n)).username,
      });
      ids.push(a.id);
    }
    const pass = (id: string) => factories.send(id, 'qd-regulator', { type: E.PassPreliminary });
    setClock('2026-11-05T10:00'); // Thursday: 3 working days
    await pass(ids[0]);
    setClock('2026-11-09T10:00'); // the Monday after: 5
    await pass(ids[1]);
    setClock('2026-11-18T10:00'); // Wednesday of the third week: 12, past the end of the 10th working day
    await pass(ids[2]);
    const asQd = await http.as('qd-regulator');
    const times = (await asQd.get('/reports/step-times?from=2026-11-01&to=2026-11-30')).body;
    expect(times).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
    const steps = Object.fromEntries(times.steps.map((s: { step: string }) => [s.step, s]));
    expect(steps.preliminary_review).toEqual({
      step: 'preliminary_review',
      completed: 3,
      running: 0,
      medianWorkingDays: 5,
      p90WorkingDays: 12,
      limitWorkingDays: 10,
      overLimit: 1,
    });
    expect(steps.recheck).toMatchObject({ completed: 0, running: 3, medianWorkingDays: null });
    // stays that entered before the range are not measured; a bad range is refused naming the field
    expect((await asQd.get('/reports/step-times?from=2026-11-03&to=2026-11-30')).body.steps[0].completed).toBe(0);
    expect((await asQd.get('/reports/step-times?from=2026-11-30&to=2026-11-01')).body.fields).toEqual(['from', 'to']);
    expect((await asQd.get('/reports/step-times?from=2026-02-30')).body.fields).toEqual(['from']);
    const dashboard = (await asQd.get('/reports/dashboard')).body;
    expect(dashboard.byState).toEqual([{ key: 'recheck', count: 3 }]);
    expect(dashboard.budget.policies[0]).toMatchObject({ budgetYuan: '500000.00', committedFen: 0, paidFen: 0 });
  }, 120_000);
});
