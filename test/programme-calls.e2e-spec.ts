import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { extraApplicant, Flow, Http, TestClock, useApi } from './support/apps';

const DAY = 86_400_000;

/**
 * Issue 13, item 1, through HTTP: a programme's call window and the kinds of organisation it admits, checked when a
 * draft is opened and when it is submitted (not when a returned application is resubmitted), and the versions of its
 * rules, which running applications keep.
 */
describe('programmes with a call', () => {
  let api: INestApplication;
  let http: Http;
  let db: DataSource;

  useApi((s) => {
    ({ api, http } = s);
    db = api.get(DataSource);
  });
  afterEach(() => TestClock.reset());

  /** the China year now */
  const chinaYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

  /** A Qingdao FTZ programme in the shape of QDFTZ-2026 (materials, rubric), with what `extra` changes. */
  async function programmeBody(code: string, extra: Record<string, unknown> = {}) {
    const template = (
      await (await http.as('qd-regulator')).get(`/programmes/${await http.programmeId('QDFTZ-2026')}`).expect(200)
    ).body;
    return {
      code,
      name: code,
      jurisdictionCode: '370211-FTZ',
      unitKind: template.unitKind,
      level: template.level,
      year: chinaYear(),
      rubric: template.rubric,
      panelSize: 1,
      requiredMaterials: template.requiredMaterials,
      noticeWorkingDays: 5,
      ...extra,
    };
  }

  async function create(code: string, extra: Record<string, unknown> = {}) {
    const res = await (await http.as('qd-regulator')).post('/programmes', await programmeBody(code, extra));
    if (res.status !== 201) throw new Error(`programme ${code}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; code: string; rulesVersion: number };
  }

  /** A call that opened yesterday and closes in two days. */
  const closingSoon = () => ({
    opensAt: new Date(Date.now() - DAY).toISOString(),
    closesAt: new Date(Date.now() + 2 * DAY).toISOString(),
  });

  describe('creating a programme', () => {
    it('keeps its call window and eligibility, and shows version 1 of its rules', async () => {
      const year = chinaYear();
      const created = await create('QD-CALL-1', {
        opensAt: `${year}-01-01T00:00:00+08:00`,
        closesAt: `${year + 1}-01-01T00:00:00+08:00`,
        eligibleOrganisationKinds: ['enterprise'],
      });
      expect(created).toMatchObject({
        opensAt: new Date(`${year}-01-01T00:00:00+08:00`).toISOString(),
        closesAt: new Date(`${year + 1}-01-01T00:00:00+08:00`).toISOString(),
        eligibleOrganisationKinds: ['enterprise'],
        rulesVersion: 1,
        machineVersion: 'accreditation@1',
      });
      const read = (await (await http.as(null)).get(`/programmes/${created.id}`).expect(200)).body;
      expect(read.versions).toEqual([
        expect.objectContaining({
          version: 1,
          createdBy: await http.userId('qd-regulator'),
          changes: [],
          rules: expect.objectContaining({ noticeWorkingDays: 5, eligibleOrganisationKinds: ['enterprise'] }),
        }),
      ]);
    });

    it('opens the call on creation and closes it at the end of the year unless told; admits the kinds the unit kind allows', async () => {
      const before = Date.now();
      const created = (await create('QD-CALL-DEFAULT')) as unknown as Record<string, string>;
      expect(new Date(created.opensAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(created.closesAt).toBe(new Date(`${chinaYear() + 1}-01-01T00:00:00+08:00`).toISOString());
      expect(created.eligibleOrganisationKinds).toEqual(['enterprise', 'park']); // a 示范点 (the template's kind)
    });

    it('refuses a window that closes before it opens or lies outside the year, and kinds the unit kind does not allow, naming the field', async () => {
      const regulator = await http.as('qd-regulator');
      const year = chinaYear();
      const backwards = await regulator.post(
        '/programmes',
        await programmeBody('QD-BAD-1', {
          opensAt: `${year}-06-01T00:00:00+08:00`,
          closesAt: `${year}-03-01T00:00:00+08:00`,
        }),
      );
      expect(backwards.status).toBe(422);
      expect(backwards.body).toMatchObject({ error: 'GUARD_FAILED', fields: ['closesAt'] });

      const nextYear = await regulator.post(
        '/programmes',
        await programmeBody('QD-BAD-2', {
          opensAt: `${year + 1}-01-01T00:00:00+08:00`,
          closesAt: `${year + 1}-03-01T00:00:00+08:00`,
        }),
      );
      expect(nextYear.status).toBe(422);
      expect(nextYear.body).toMatchObject({ error: 'GUARD_FAILED', fields: ['opensAt'] });

      const government = await regulator.post(
        '/programmes',
        await programmeBody('QD-BAD-3', { eligibleOrganisationKinds: ['enterprise', 'government'] }),
      );
      expect(government.status).toBe(422);
      expect(government.body).toMatchObject({ error: 'GUARD_FAILED', fields: ['eligibleOrganisationKinds'] });
      expect(government.body.message).toMatch(/cannot admit government/);

      const unknown = await regulator.post(
        '/programmes',
        await programmeBody('QD-BAD-4', { eligibleOrganisationKinds: ['cooperative'] }),
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body.fields).toContain('eligibleOrganisationKinds');

      const noOffset = await regulator.post(
        '/programmes',
        await programmeBody('QD-BAD-5', { opensAt: `${year}-03-01T00:00:00` }),
      );
      expect(noOffset.status).toBe(400);
      expect(noOffset.body.fields).toContain('opensAt');

      const codes = (await (await http.as(null)).get('/programmes').expect(200)).body.map(
        (p: { code: string }) => p.code,
      );
      expect(codes.filter((c: string) => c.startsWith('QD-BAD'))).toEqual([]);
    });
  });

  describe('the call window', () => {
    it('refuses a draft before the call opens and after it closes with the window in the details', async () => {
      const year = chinaYear();
      const later = await create('QD-CALL-LATER', {
        year: year + 1,
        opensAt: `${year + 1}-03-01T00:00:00+08:00`,
        closesAt: `${year + 1}-07-01T00:00:00+08:00`,
      });
      const applicant = await http.as('qd-applicant');
      const early = await applicant.post('/applications', { programmeId: later.id, title: '早', materials: [] });
      expect(early.status).toBe(409);
      expect(early.body).toMatchObject({
        error: 'CALL_NOT_OPEN',
        opensAt: new Date(`${year + 1}-03-01T00:00:00+08:00`).toISOString(),
        closesAt: new Date(`${year + 1}-07-01T00:00:00+08:00`).toISOString(),
      });

      const soon = await create('QD-CALL-SOON', closingSoon());
      TestClock.shift(3 * DAY);
      const late = await applicant.post('/applications', { programmeId: soon.id, title: '晚', materials: [] });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ error: 'CALL_CLOSED', closesAt: expect.any(String) });
    });

    it('refuses to submit a draft after the close, but takes the resubmission of one submitted in time', async () => {
      await create('QD-CALL-SUBMIT', closingSoon());
      const tooLate = await Flow.create(http, 'qd-applicant', 'QD-CALL-SUBMIT');
      const inTime = await Flow.create(http, await extraApplicant(api, 'qd', 1), 'QD-CALL-SUBMIT');
      const inTimeApplicant = (await db.query(
        `SELECT u.username FROM applications a JOIN users u ON u.organisation_id = a.organisation_id WHERE a.id = $1`,
        [inTime.id],
      )) as { username: string }[];
      await inTime.ok(inTimeApplicant[0].username, { type: 'SUBMIT' });
      await inTime.ok('qd-regulator', { type: 'REQUEST_REVISION', reason: '请补充培训记录' });

      TestClock.shift(3 * DAY); // the call has closed
      const refused = await tooLate.send('qd-applicant', { type: 'SUBMIT' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ error: 'CALL_CLOSED', closesAt: expect.any(String) });
      expect(await tooLate.state()).toBe('draft');

      // submitted in time: the bureau's request for more does not make it late
      const resubmitted = await inTime.ok(inTimeApplicant[0].username, { type: 'RESUBMIT' });
      expect(resubmitted.application.state).toBe('preliminary_review');
    });
  });

  describe('eligibility', () => {
    it('refuses an organisation whose kind the programme does not admit, at the draft and again at submission', async () => {
      const parksOnly = await create('QD-PARKS', { eligibleOrganisationKinds: ['park'] });
      const refused = await (
        await http.as('qd-applicant')
      ).post('/applications', {
        programmeId: parksOnly.id,
        title: '企业',
        materials: [],
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        error: 'NOT_ELIGIBLE',
        rule: 'organisation_kind',
        organisationKind: 'enterprise',
        eligibleOrganisationKinds: ['park'],
      });

      const open = await create('QD-NARROWED');
      const flow = await Flow.create(http, 'qd-applicant', 'QD-NARROWED');
      await (
        await http.as('qd-regulator')
      )
        .put(`/programmes/${open.id}/rules`, { eligibleOrganisationKinds: ['park'], reason: '仅限园区' })
        .expect(200);
      const submit = await flow.send('qd-applicant', { type: 'SUBMIT' });
      expect(submit.status).toBe(422);
      expect(submit.body).toMatchObject({ error: 'NOT_ELIGIBLE', rule: 'organisation_kind' });
    });
  });

  describe('versions of the rules', () => {
    it('writes a new version with who, why and what changed; a change that changes nothing writes none', async () => {
      const created = await create('QD-RULES');
      const regulator = await http.as('qd-regulator');
      const changed = await regulator.put(`/programmes/${created.id}/rules`, {
        noticeWorkingDays: 7,
        timeLimits: { recheck: 3 },
        reason: '延长公示期',
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ rulesVersion: 2, noticeWorkingDays: 7 });
      expect(changed.body.timeLimits).toMatchObject({ recheck: 3, preliminaryReview: 10 });
      expect(changed.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      expect(changed.body.versions[1]).toMatchObject({
        createdBy: await http.userId('qd-regulator'),
        reason: '延长公示期',
        rules: expect.objectContaining({ noticeWorkingDays: 7 }),
      });
      expect(changed.body.versions[1].changes.map((c: { field: string }) => c.field)).toEqual([
        'noticeWorkingDays',
        'timeLimits',
      ]);
      expect(changed.body.versions[1].changes[0]).toEqual({ field: 'noticeWorkingDays', before: '5', after: '7' });
      expect(changed.body.versions[0].rules.noticeWorkingDays).toBe(5); // version 1 as it was

      const same = await regulator.put(`/programmes/${created.id}/rules`, { noticeWorkingDays: 7 }).expect(200);
      expect(same.body.rulesVersion).toBe(2);
      expect(same.body.versions).toHaveLength(2);
    });

    it('refuses a regulator of another bureau, and bad values naming the field', async () => {
      const created = await create('QD-RULES-2');
      const other = await (
        await http.as('cs-regulator')
      ).put(`/programmes/${created.id}/rules`, { noticeWorkingDays: 6 });
      expect(other.status).toBe(403);
      const regulator = await http.as('qd-regulator');
      const zero = await regulator.put(`/programmes/${created.id}/rules`, { noticeWorkingDays: 0 });
      expect(zero.status).toBe(400);
      expect(zero.body.fields).toEqual(['noticeWorkingDays']);
      const backwards = await regulator.put(`/programmes/${created.id}/rules`, {
        closesAt: new Date(Date.now() - 400 * DAY).toISOString(),
      });
      expect(backwards.status).toBe(422);
      expect(backwards.body.fields).toContain('closesAt');
      const read = (await (await http.as(null)).get(`/programmes/${created.id}`).expect(200)).body;
      expect(read.rulesVersion).toBe(1);
    });

    it('keeps a running application on the version it was created under; new ones take the new version', async () => {
      const created = await create('QD-KEEP');
      const before = await Flow.create(http, 'qd-applicant', 'QD-KEEP');
      // no deadline for a returned application from version 2 on
      await (
        await http.as('qd-regulator')
      )
        .put(`/programmes/${created.id}/rules`, { revisionWorkingDays: null, reason: '取消补正期限' })
        .expect(200);
      const after = await Flow.create(http, await extraApplicant(api, 'qd', 2), 'QD-KEEP');
      const versions = await db.query(
        `SELECT id, programme_version FROM applications WHERE programme_id = $1 ORDER BY created_at`,
        [created.id],
      );
      expect(versions.map((v: { programme_version: number }) => v.programme_version)).toEqual([1, 2]);

      const username = async (flow: Flow) =>
        (
          await db.query(
            `SELECT u.username FROM applications a JOIN users u ON u.organisation_id = a.organisation_id WHERE a.id = $1`,
            [flow.id],
          )
        )[0].username as string;
      for (const flow of [before, after]) {
        await flow.ok(await username(flow), { type: 'SUBMIT' });
        await flow.ok('qd-regulator', { type: 'REQUEST_REVISION', reason: '请补充' });
      }
      // version 1's 15 working days for the one created before the change, none for the one after
      expect((await before.detail()).revisionDueAt).toEqual(expect.any(String));
      expect((await after.detail()).revisionDueAt).toBeNull();
    });
  });
});
