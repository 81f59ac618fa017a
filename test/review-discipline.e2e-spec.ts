import { ValidityUseCase } from '@app/accreditation';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Flow, Http, TestClock, useApi } from './support/apps';
import { designatedApplication, disbursement, disbursementIdsOf } from './support/subsidy';

const DAY = 86_400_000;

/**
 * Issue 13, item 7 (review discipline) and item 5 (validity, re-inspection, revocation), through HTTP: the re-check
 * by a second regulator, the deadline of a returned application, rejecting a returned application, a failed
 * re-inspection, a title leaving the public register, and a revocation with its penalty, its money and its bar.
 */
describe('review discipline, validity, re-inspection and revocation', () => {
  let api: INestApplication;
  let http: Http;
  let db: DataSource;

  useApi((s) => {
    ({ api, http } = s);
    db = api.get(DataSource);
  });

  async function register(query = ''): Promise<{ id: string; state: string }[]> {
    return (await (await http.as(null)).get(`/public/register${query}`).expect(200)).body.items;
  }

  describe('re-check by a second regulator (复核)', () => {
    it('refuses the regulator who passed the preliminary review with 403 SAME_REVIEWER; another regulator passes', async () => {
      const flow = await Flow.create(http);
      await flow.ok('qd-applicant', { type: 'SUBMIT' });
      await flow.ok('qd-regulator', { type: 'PASS_PRELIMINARY' });
      // the buttons tell the truth: the first regulator is not offered the re-check, the second is
      expect((await flow.detail('qd-regulator')).allowedEvents).not.toContain('PASS_RECHECK');
      expect((await flow.detail('qd-regulator-2')).allowedEvents).toContain('PASS_RECHECK');

      const same = await flow.send('qd-regulator', { type: 'PASS_RECHECK' });
      expect(same.status).toBe(403);
      expect(same.body).toMatchObject({
        error: 'SAME_REVIEWER',
        message: expect.stringMatching(/other than the one who passed the preliminary review/),
      });
      expect(await flow.state()).toBe('recheck');

      const other = await flow.ok('qd-regulator-2', { type: 'PASS_RECHECK' });
      expect(other.application.state).toBe('acceptance');
      const rows = await flow.history();
      expect(rows.slice(-2).map((r) => [r.event, r.actorId])).toEqual([
        ['PASS_PRELIMINARY', await http.userId('qd-regulator')],
        ['PASS_RECHECK', await http.userId('qd-regulator-2')],
      ]);
    });

    it('is a programme setting: on unless told, and a programme may turn it off', async () => {
      const regulator = await http.as('qd-regulator');
      const template = (await regulator.get(`/programmes/${await http.programmeId('QDFTZ-2026')}`).expect(200)).body;
      expect(template).toMatchObject({ recheckBySecondRegulator: true, revisionWorkingDays: 15 });
      const created = await regulator.post('/programmes', {
        code: 'QDFTZ-SOLO',
        name: '单人复核试点',
        jurisdictionCode: '370211-FTZ',
        unitKind: template.unitKind,
        level: template.level,
        year: 2027,
        rubric: template.rubric,
        panelSize: 1,
        requiredMaterials: template.requiredMaterials,
        noticeWorkingDays: 5,
        recheckBySecondRegulator: false,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        recheckBySecondRegulator: false,
        revisionWorkingDays: 15,
        revocationBarMonths: 36,
      });

      const flow = await Flow.create(http, 'qd-applicant', 'QDFTZ-SOLO');
      await flow.ok('qd-applicant', { type: 'SUBMIT' });
      await flow.ok('qd-regulator', { type: 'PASS_PRELIMINARY' });
      expect((await flow.ok('qd-regulator', { type: 'PASS_RECHECK' })).application.state).toBe('acceptance');
    });
  });

  describe('a returned application (退回补正)', () => {
    async function returned(): Promise<Flow> {
      const flow = await Flow.create(http);
      await flow.ok('qd-applicant', { type: 'SUBMIT' });
      await flow.ok('qd-regulator', { type: 'REQUEST_REVISION', reason: '缺少保密制度文件' });
      return flow;
    }

    it('may be rejected by the regulator, with the reason on the record', async () => {
      const flow = await returned();
      expect((await flow.detail('qd-regulator')).allowedEvents).toEqual(['REJECT']);
      const noReason = await flow.send('qd-regulator', { type: 'REJECT' });
      expect(noReason.status).toBe(400);
      expect(noReason.body).toMatchObject({ error: 'VALIDATION_FAILED', fields: ['reason'] });
      const rejected = await flow.ok('qd-regulator', { type: 'REJECT', reason: '申报单位不符合条件' });
      expect(rejected.history).toMatchObject({
        event: 'REJECT',
        fromState: 'revision_requested',
        toState: 'rejected',
        reason: '申报单位不符合条件',
      });
    });

    it('lapses with a recorded reason when the clock passes its deadline in working days, not before', async () => {
      const flow = await returned();
      const detail = await flow.detail();
      const dueAt = detail.revisionDueAt as string;
      // 15 working days: at least three weeks of calendar days
      expect(new Date(dueAt).getTime() - Date.now()).toBeGreaterThan(20 * DAY);
      expect((await flow.history()).at(-1)!.payload).toMatchObject({ revisionDueAt: dueAt });
      const [job] = await db.query(`SELECT job_id, run_at FROM outbox WHERE job_name = 'lapse-revision'`);
      expect(job).toMatchObject({ job_id: `lapse-revision.${flow.id}.1` });
      expect(new Date(job.run_at).toISOString()).toBe(dueAt);

      // a day before the deadline nothing happens
      TestClock.shift(new Date(dueAt).getTime() - Date.now() - DAY);
      expect(await api.get(ValidityUseCase).lapse(flow.id, 1)).toMatchObject({ kind: 'not-yet' });
      expect(await api.get(ValidityUseCase).sweep(0)).toEqual({ lapsed: 0, expired: 0 });
      expect(await flow.state()).toBe('revision_requested');

      // the clock passes it: the sweeper (as the worker runs it) lapses the application
      TestClock.shift(new Date(dueAt).getTime() - Date.now() + 60_000);
      expect(await api.get(ValidityUseCase).sweep(0)).toEqual({ lapsed: 1, expired: 0 });
      const lapsed = await flow.detail('qd-applicant');
      expect(lapsed).toMatchObject({
        state: 'lapsed',
        allowedEvents: [],
        lastReason: `not resubmitted by the revision deadline ${dueAt}`,
      });
      expect((await flow.history()).at(-1)).toMatchObject({
        event: 'LAPSE',
        fromState: 'revision_requested',
        toState: 'lapsed',
        actorRole: 'system',
        actorId: null,
        payload: { revisionDueAt: dueAt },
      });
      // a late delivery of its job changes nothing
      expect(await api.get(ValidityUseCase).lapse(flow.id, 1)).toEqual({
        kind: 'nothing-to-do',
        why: 'application is lapsed',
      });
      // the applicant may open a new application in the programme
      expect((await Flow.create(http)).id).not.toBe(flow.id);
    });

    it('does not lapse once resubmitted, and LAPSE cannot be sent by people', async () => {
      const flow = await returned();
      const byRegulator = await flow.send('qd-regulator', { type: 'LAPSE' });
      expect(byRegulator.status).toBe(403);
      expect(byRegulator.body.message).toMatch(/system timer/);
      await flow.ok('qd-applicant', { type: 'RESUBMIT' });
      expect((await flow.detail()).revisionDueAt).toBeNull();
      TestClock.shift(60 * DAY);
      expect(await api.get(ValidityUseCase).lapse(flow.id, 1)).toEqual({
        kind: 'nothing-to-do',
        why: 'application is preliminary_review',
      });
      expect(await flow.state()).toBe('preliminary_review');
    });
  });

  describe('validity', () => {
    it('takes a title past its validity off the public register at once, and the sweeper expires it', async () => {
      const flow = await designatedApplication(http);
      expect((await register()).map((e) => e.id)).toContain(flow.id);
      // a unit whose title ended on 2020-01-01
      await db.query(`UPDATE applications SET valid_until = '2020-01-01' WHERE id = $1`, [flow.id]);
      expect((await register()).map((e) => e.id)).not.toContain(flow.id);
      expect((await register('?state=designated')).map((e) => e.id)).not.toContain(flow.id);

      expect(await api.get(ValidityUseCase).sweep(0)).toEqual({ lapsed: 0, expired: 1 });
      expect(await flow.detail('qd-applicant')).toMatchObject({ state: 'expired', allowedEvents: [] });
      expect((await flow.history()).at(-1)).toMatchObject({
        event: 'EXPIRE',
        fromState: 'designated',
        toState: 'expired',
        actorRole: 'system',
        payload: { validUntil: '2020-01-01' },
      });
      expect(await api.get(ValidityUseCase).sweep(0)).toEqual({ lapsed: 0, expired: 0 });
      // the scheduled re-inspection goes with the title
      const reinspections = (await (await http.as('qd-regulator')).get(`/applications/${flow.id}/reinspections`)).body;
      expect(reinspections.map((r: { status: string }) => r.status)).toEqual(['cancelled']);
    });
  });

  describe('yearly re-inspection (回访/巡查)', () => {
    it('is scheduled at designation; a pass schedules the next; a failure with findings ends the title', async () => {
      const flow = await designatedApplication(http);
      const regulator = await http.as('qd-regulator');
      const { designatedAt, validUntil } = await flow.detail();
      const first = (await regulator.get(`/applications/${flow.id}/reinspections`).expect(200)).body;
      expect(first).toEqual([
        expect.objectContaining({ seq: 1, status: 'scheduled', findings: null, recordedBy: null }),
      ]);
      expect(first[0].dueOn > (designatedAt as string).slice(0, 10)).toBe(true);
      expect(first[0].dueOn <= (validUntil as string)).toBe(true);

      // the applicant sees them, may not record them
      expect((await (await http.as('qd-applicant')).get(`/applications/${flow.id}/reinspections`)).status).toBe(200);
      const byApplicant = await (
        await http.as('qd-applicant')
      ).post(`/applications/${flow.id}/reinspections`, { outcome: 'passed', version: flow.version });
      expect(byApplicant.status).toBe(403);

      const passed = await regulator.post(`/applications/${flow.id}/reinspections`, {
        outcome: 'passed',
        findings: '制度健全，运行良好',
        version: flow.version,
      });
      expect(passed.status).toBe(200);
      expect(passed.body.application.state).toBe('designated');
      expect(passed.body.history).toMatchObject({
        event: 'PASS_REINSPECTION',
        fromState: 'designated',
        toState: 'designated',
        payload: { reinspection: { seq: 1, outcome: 'passed' }, nextReinspectionDueOn: expect.any(String) },
      });
      const afterPass = (await regulator.get(`/applications/${flow.id}/reinspections`).expect(200)).body;
      expect(afterPass.map((r: { seq: number; status: string }) => [r.seq, r.status])).toEqual([
        [1, 'passed'],
        [2, 'scheduled'],
      ]);

      const noFindings = await regulator.post(`/applications/${flow.id}/reinspections`, {
        outcome: 'failed',
        version: passed.body.application.version,
      });
      expect(noFindings.status).toBe(400);
      expect(noFindings.body).toMatchObject({ error: 'VALIDATION_FAILED', fields: ['findings'] });
      const badOutcome = await regulator.post(`/applications/${flow.id}/reinspections`, {
        outcome: 'maybe',
        version: passed.body.application.version,
      });
      expect(badOutcome.status).toBe(400);

      const [grant] = await disbursementIdsOf(api, flow.id);
      const failed = await regulator.post(`/applications/${flow.id}/reinspections`, {
        outcome: 'failed',
        findings: '涉密人员未签订保密协议，保密制度未落实',
        version: passed.body.application.version,
      });
      expect(failed.status).toBe(200);
      expect(failed.body.application.state).toBe('revoked');
      expect(failed.body.history).toMatchObject({
        event: 'FAIL_REINSPECTION',
        fromState: 'designated',
        toState: 'revoked',
        reason: '涉密人员未签订保密协议，保密制度未落实',
        payload: { reinspection: { seq: 2, outcome: 'failed' }, cancelledDisbursements: [grant] },
      });
      expect((await disbursement(http, grant)).state).toBe('cancelled');
      expect((await register()).map((e) => e.id)).not.toContain(flow.id);
      const after = (await regulator.get(`/applications/${flow.id}/reinspections`).expect(200)).body;
      expect(after.map((r: { status: string }) => r.status)).toEqual(['passed', 'failed']);

      // nothing more to record on an ended title
      const again = await regulator.post(`/applications/${flow.id}/reinspections`, {
        outcome: 'passed',
        version: failed.body.application.version,
      });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ error: 'EVENT_NOT_ALLOWED', allowedEvents: [] });
    });
  });

  describe('revocation (撤销)', () => {
    it('records the penalty and its publication, cancels the unpaid grant and bars a new application until the bar ends', async () => {
      const flow = await designatedApplication(http);
      const [grant] = await disbursementIdsOf(api, flow.id);
      expect((await disbursement(http, grant)).state).toBe('pending_approval');

      const publicationOnly = await flow.send('qd-regulator', {
        type: 'REVOKE',
        reason: '侵犯商业秘密',
        creditPublication: 'https://www.gsxt.gov.cn/',
      });
      expect(publicationOnly.status).toBe(400);
      expect(publicationOnly.body).toMatchObject({ fields: ['penaltyReference'] });

      const revoked = await flow.ok('qd-regulator', {
        type: 'REVOKE',
        reason: '因侵犯商业秘密受到行政处罚',
        penaltyReference: '青自贸市监罚〔2026〕12号',
        creditPublication: '国家企业信用信息公示系统 行政处罚信息 2026-12-07',
      });
      expect(revoked.application.state).toBe('revoked');
      expect(revoked.history).toMatchObject({
        event: 'REVOKE',
        reason: '因侵犯商业秘密受到行政处罚',
        payload: {
          penaltyReference: '青自贸市监罚〔2026〕12号',
          creditPublication: '国家企业信用信息公示系统 行政处罚信息 2026-12-07',
          cancelledDisbursements: [grant],
          barredUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        },
      });
      const barredUntil = revoked.history.payload.barredUntil as string;
      // 36 months, the programme's default
      expect(Number(barredUntil.slice(0, 4)) - new Date().getUTCFullYear()).toBeGreaterThanOrEqual(2);
      expect((await disbursement(http, grant)).state).toBe('cancelled');
      expect((await register()).map((e) => e.id)).not.toContain(flow.id);
      expect((await register('?state=revoked')).map((e) => e.id)).toContain(flow.id);

      // barred: 403 naming the bar and its end date
      const applicant = await http.as('qd-applicant');
      const programmeId = await http.programmeId('QDFTZ-2026');
      const body = {
        programmeId,
        title: '再次申报',
        materials: [{ key: 'application_form', title: 'x', reference: 'r' }],
      };
      const refused = await applicant.post('/applications', body);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        error: 'ORGANISATION_BARRED',
        barredUntil,
        penaltyReference: '青自贸市监罚〔2026〕12号',
        message: expect.stringContaining(barredUntil),
      });
      // another organisation is not barred
      expect((await (await http.as('qd-applicant-2')).post('/applications', body)).status).toBe(201);

      // on the bar's last day still barred, the day after it may apply again
      const lastDay = Date.parse(`${barredUntil}T12:00:00+08:00`);
      TestClock.shift(lastDay - Date.now());
      expect((await applicant.post('/applications', body)).status).toBe(403);
      TestClock.shift(lastDay + DAY - Date.now());
      expect((await applicant.post('/applications', body)).status).toBe(201);
    });

    it('is refused with 409 PAYMENT_IN_FLIGHT while the grant is being paid, and the title stands', async () => {
      const flow = await designatedApplication(http);
      const [grant] = await disbursementIdsOf(api, flow.id);
      // the bank has the instruction: the payment is in flight
      await db.query(`UPDATE disbursements SET state = 'paying' WHERE id = $1`, [grant]);
      const refused = await flow.send('qd-regulator', {
        type: 'REVOKE',
        reason: '因侵犯商业秘密受到行政处罚',
        penaltyReference: '青自贸市监罚〔2026〕13号',
      });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ error: 'PAYMENT_IN_FLIGHT', disbursementIds: [grant] });
      expect(refused.body.message).toMatch(/in flight/);
      expect(await flow.state()).toBe('designated');
      const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM organisation_bars`);
      expect(count).toBe(0);
    });
  });
});
