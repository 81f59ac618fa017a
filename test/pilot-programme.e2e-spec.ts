import { AccreditationEventType as E, usccCheckCharacter } from '@app/domain';
import { PilotReportRemindersUseCase } from '@app/notifications';
import { Factories, SYSTEM } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { Flow, GOOD_SCORES, Http, PASSWORD, TestClock, useApi } from './support/apps';

const WORK_PLAN = [{ key: 'work_plan', title: '创新试点工作方案', reference: 'test://work_plan.pdf' }];

/** Sets the tests' clock to an instant (China time is UTC+8). */
function clockAt(iso: string): void {
  TestClock.shift(Date.parse(iso) - Date.now());
}

/**
 * Issue 13 item 6 and issue 14's pilot compilation, through HTTP: a county government applies to the national pilot
 * programme with its work plan, its province pre-reviews and ranks it (the national office does not pre-review), the
 * national office evaluates and designates it for a pilot from 1 July; its semi-annual report is reminded, flagged
 * overdue and escalated on the clock, submitted late, and compiled for the nation as JSON and as an XLSX read back.
 */
describe('the national pilot programme (创新试点地区)', () => {
  let api: INestApplication;
  let http: Http;
  let db: DataSource;

  useApi((s) => {
    ({ api, http } = s);
    db = api.get(DataSource);
  });

  async function pilotProgramme(): Promise<string> {
    const cn = await http.as('cn-regulator');
    const template = (await cn.get(`/programmes/${await http.programmeId('QDFTZ-2026')}`).expect(200)).body;
    const created = await cn
      .post('/programmes', {
        code: 'CN-PILOT-2027',
        name: '全国商业秘密保护创新试点',
        jurisdictionCode: 'CN',
        unitKind: 'pilot_region',
        level: 'national',
        year: 2027,
        rubric: template.rubric,
        panelSize: 1,
        requiredMaterials: ['work_plan'],
        noticeWorkingDays: 5,
        quota: 20,
        validityYears: 3,
      })
      .expect(201);
    const call = await cn
      .put(`/programmes/${created.body.id}/pilot-call`, { preReviewDueOn: '2027-05-15', minDesignations: 15 })
      .expect(200);
    expect(call.body).toMatchObject({ preReviewDueOn: '2027-05-15', minDesignations: 15, maxDesignations: 20 });
    return created.body.id;
  }

  /** A county government registers, the province verifies it (实名认证); answers its user's name. */
  async function government(name: string, jurisdictionCode: string, code17: string, username: string) {
    const registered = await (
      await http.as(null)
    )
      .post('/organisations/registrations', {
        name,
        creditCode: code17 + usccCheckCharacter(code17),
        kind: 'government',
        jurisdictionCode,
        contact: { name: '王芳', phone: '0532-88886666' },
        user: { username, displayName: `${name} 联系人`, password: PASSWORD },
      })
      .expect(201);
    const verifier = jurisdictionCode.startsWith('37') ? 'sd-regulator' : 'hn-regulator';
    await (
      await http.as(verifier)
    )
      .post(`/organisations/registrations/${registered.body.organisationId}/verification`, { decision: 'verified' })
      .expect(200);
    return username;
  }

  async function apply(username: string, programmeId: string): Promise<Flow> {
    const res = await (
      await http.as(username)
    ).post('/applications', {
      programmeId,
      title: '商业秘密保护创新试点申报',
      materials: WORK_PLAN,
    });
    expect(res.status).toBe(201);
    await new Factories(api).attachFiles(res.body.id, ['work_plan']);
    const flow = new Flow(http, res.body.id);
    flow.version = res.body.version;
    return flow;
  }

  it('a county government applies, Shandong pre-reviews and ranks it, the national office scores and designates; its overdue report is reminded, flagged and compiled', async () => {
    clockAt('2027-04-01T02:00:00Z');
    const programmeId = await pilotProgramme();

    // an enterprise may not apply for a pilot region; a province is not a city or county
    const enterprise = await (
      await http.as('qd-applicant')
    ).post('/applications', {
      programmeId,
      title: '企业不能申报试点地区',
      materials: WORK_PLAN,
    });
    expect(enterprise.status).toBe(422);
    // the programme's eligible organisation kinds (a pilot region admits governments only) refuse it first
    expect(enterprise.body).toMatchObject({ error: 'NOT_ELIGIBLE', rule: 'organisation_kind' });

    const huangdao = await government('青岛市黄岛区人民政府', '370211', '11370211MB0000777', 'hd-gov-test');
    const changsha = await government('长沙市人民政府', '430100', '11430100MB0000888', 'cs-gov-test');
    const flow = await apply(huangdao, programmeId);
    const hunan = await apply(changsha, programmeId);
    await flow.ok(huangdao, { type: 'SUBMIT' });
    await hunan.ok(changsha, { type: 'SUBMIT' });

    // 初步审核 is the province's: on its to-do list, not the national office's; not the city's either
    const todo = async (username: string) =>
      ((await (await http.as(username)).get('/me/todo').expect(200)).body.items as { subjectId: string }[]).map(
        (i) => i.subjectId,
      );
    expect(await todo('sd-regulator')).toContain(flow.id);
    expect(await todo('cn-regulator')).not.toContain(flow.id);
    const national = await flow.send('cn-regulator', { type: 'PASS_PRELIMINARY' });
    expect(national.status).toBe(403);
    expect(national.body.message).toMatch(/regulators of its province/);
    expect((await flow.send('qd-regulator', { type: 'PASS_PRELIMINARY' })).status).toBe(404);
    await flow.ok('sd-regulator', { type: 'PASS_PRELIMINARY' });
    expect((await flow.send('sd-regulator', { type: 'PASS_RECHECK' })).status).toBe(403); // 复核 by a second person
    await flow.ok('sd-regulator-2', { type: 'PASS_RECHECK' });
    expect(await flow.state('cn-regulator')).toBe('acceptance');

    // 择优上报: the province ranks every application it forwarded, once
    const sd = await http.as('sd-regulator');
    const rankings = `/programmes/${programmeId}/pilot-rankings`;
    expect((await (await http.as('qd-regulator')).post(rankings, { applicationIds: [flow.id] })).status).toBe(422);
    const incomplete = await sd.post(rankings, { applicationIds: [] });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.message).toMatch(/must rank every forwarded application/);
    expect((await sd.post(rankings, { applicationIds: [flow.id, hunan.id] })).status).toBe(400);
    expect((await sd.post(rankings, { applicationIds: [flow.id, flow.id] })).status).toBe(400);
    expect((await sd.post(rankings, { applicationIds: ['not-a-uuid'] })).status).toBe(400);
    const before = (await sd.get(rankings).expect(200)).body.provinces[0];
    expect(before).toMatchObject({ status: 'open', ranked: [], candidates: [{ applicationId: flow.id, rank: 1 }] });
    const ranked = await sd.post(rankings, { applicationIds: [flow.id] }).expect(201);
    expect(ranked.body).toMatchObject({ provinceCode: '370000', status: 'on_time', forwarded: 1 });
    expect(ranked.body.ranked).toEqual([expect.objectContaining({ rank: 1, applicationId: flow.id })]);
    expect((await sd.post(rankings, { applicationIds: [flow.id] })).status).toBe(409);

    // the national office sees Shandong on time and, once the day is over, Hunan's list missing
    clockAt('2027-05-16T01:00:00Z');
    const overview = (await (await http.as('cn-regulator')).get(rankings).expect(200)).body;
    expect(overview.call).toMatchObject({ preReviewDueOn: '2027-05-15', minDesignations: 15, maxDesignations: 20 });
    expect(overview.provinces.map((p: { provinceCode: string; status: string }) => [p.provinceCode, p.status])).toEqual(
      [
        ['370000', 'on_time'],
        ['430000', 'missing'],
      ],
    );
    // a province sees its own line only
    const own = (await sd.get(rankings).expect(200)).body;
    expect(own.provinces.map((p: { provinceCode: string }) => p.provinceCode)).toEqual(['370000']);

    // national experts score, the notice runs, the national office designates
    await flow.state('cn-regulator'); // the ranking wrote a PILOT_RANKED row
    await flow.ok('cn-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: await http.userId('qd-evaluator-1') });
    await flow.ok('qd-evaluator-1', { type: 'SUBMIT_SCORE', scores: GOOD_SCORES });
    clockAt('2027-06-01T02:00:00Z');
    // the regions go on notice together, as the national list, between minDesignations and the quota
    const alone = await flow.send('cn-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
    expect(alone.status).toBe(409);
    expect(alone.body).toMatchObject({ error: 'PILOT_LIST_REQUIRED', message: expect.stringMatching(/pilot-notice/) });
    const cnr = await http.as('cn-regulator');
    const short = await cnr.post(`/programmes/${programmeId}/pilot-notice`, { applicationIds: [flow.id] });
    expect(short.status).toBe(422);
    expect(short.body).toMatchObject({ error: 'PILOT_LIST_SIZE', min: 15, max: 20, count: 1 });
    expect(short.body.message).toMatch(/between 15 and 20 .* it would hold 1/);
    await cnr
      .put(`/programmes/${programmeId}/pilot-call`, { preReviewDueOn: '2027-05-15', minDesignations: 1 })
      .expect(200);
    const listed = await cnr.post(`/programmes/${programmeId}/pilot-notice`, { applicationIds: [flow.id] }).expect(200);
    expect(listed.body).toMatchObject({ count: 1, alreadyAnnounced: 0, announced: [{ applicationId: flow.id }] });
    expect(await flow.state('cn-regulator')).toBe('public_notice');
    clockAt('2027-06-20T02:00:00Z');
    await new Factories(api).send(flow.id, SYSTEM, { type: E.CloseNotice });
    await flow.state('cn-regulator');
    clockAt('2027-06-25T02:00:00Z');
    await flow.ok('cn-regulator', { type: 'DESIGNATE' });
    const detail = await flow.detail('cn-regulator');
    expect(detail).toMatchObject({ state: 'designated', validUntil: '2030-06-30' }); // three years from 1 July

    // six reports, each 31 December and 30 June of the pilot, read by the region, its province and the nation
    const mine = (await (await http.as(huangdao)).get('/pilot-reports').expect(200)).body;
    expect(mine.map((r: { dueOn: string }) => r.dueOn)).toEqual([
      '2027-12-31',
      '2028-06-30',
      '2028-12-31',
      '2029-06-30',
      '2029-12-31',
      '2030-06-30',
    ]);
    expect(mine[0]).toMatchObject({ halfYear: '2027-H2', status: 'pending' });
    expect((await sd.get('/pilot-reports').expect(200)).body).toHaveLength(6);
    expect((await (await http.as('hn-regulator')).get('/pilot-reports').expect(200)).body).toHaveLength(0);
    const report = mine[0].id as string;

    // five days before the due day's end the region is reminded; after it the report is flagged and escalated
    const reminders = api.get(PilotReportRemindersUseCase);
    clockAt('2027-12-20T02:00:00Z');
    expect(await reminders.sweep()).toEqual({ reminded: 0, flagged: 0 });
    clockAt('2027-12-27T02:00:00Z');
    expect(await reminders.sweep()).toEqual({ reminded: 1, flagged: 0 });
    expect(await reminders.sweep()).toEqual({ reminded: 0, flagged: 0 }); // once
    expect(await reminders.due(report)).toMatchObject({ kind: 'not-yet' }); // the delayed job, early
    clockAt('2027-12-31T16:00:00Z'); // 1 January 2028, 00:00 China time
    expect(await reminders.due(report)).toEqual({ kind: 'flagged' });
    expect(await reminders.due(report)).toEqual({ kind: 'nothing-to-do' });
    expect(await reminders.sweep()).toEqual({ reminded: 0, flagged: 0 });
    const notified: { username: string; kind: string }[] = await db.query(
      `SELECT u.username, n.kind FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.subject_id = $1 ORDER BY n.kind DESC, u.username`,
      [report],
    );
    expect(notified).toEqual([
      { username: 'hd-gov-test', kind: 'pilot-report.reminder' },
      { username: 'cn-regulator', kind: 'pilot-report.overdue' },
      { username: 'cn-regulator-2', kind: 'pilot-report.overdue' },
      { username: 'hd-gov-test', kind: 'pilot-report.overdue' },
      { username: 'sd-regulator', kind: 'pilot-report.overdue' },
      { username: 'sd-regulator-2', kind: 'pilot-report.overdue' },
    ]);
    const flagged = (await sd.get('/pilot-reports?halfYear=2027-H2').expect(200)).body;
    expect(flagged).toEqual([
      expect.objectContaining({ id: report, status: 'missing', overdueFlaggedAt: expect.any(String) }),
    ]);

    // the compilation for the nation: missing, then late once submitted
    const cn = await http.as('cn-regulator');
    const missing = (await cn.get('/pilot-reports/compilation?halfYear=2027-H2&jurisdictionCode=CN').expect(200)).body;
    expect(missing.totals).toEqual({ regions: 1, submitted: 0, late: 0, missing: 1, pending: 0 });

    const region = await http.as(huangdao);
    expect((await region.post(`/pilot-reports/${report}/submission`, { summary: '' })).status).toBe(400);
    expect((await region.post(`/pilot-reports/${mine[2].id}/submission`, { summary: '太早' })).status).toBe(422);
    clockAt('2028-01-03T02:00:00Z');
    const summary = '建立区级商业秘密保护联络员制度，设立工作站2个，培训企业60家。';
    const submitted = await region.post(`/pilot-reports/${report}/submission`, { summary }).expect(201);
    expect(submitted.body).toMatchObject({ status: 'late', summary });
    expect((await region.post(`/pilot-reports/${report}/submission`, { summary })).status).toBe(409);
    expect(
      (await (await http.as(changsha)).post(`/pilot-reports/${report}/submission`, { summary: '他人的报告' })).status,
    ).toBe(404);

    const compiled = (await cn.get('/pilot-reports/compilation?halfYear=2027-H2&jurisdictionCode=CN').expect(200)).body;
    expect(compiled).toMatchObject({
      halfYear: '2027-H2',
      dueOn: '2027-12-31',
      jurisdictionName: '国家市场监督管理总局',
    });
    expect(compiled.totals).toEqual({ regions: 1, submitted: 0, late: 1, missing: 0, pending: 0 });
    expect(compiled.regions).toEqual([
      expect.objectContaining({ regionName: '青岛市黄岛区人民政府', provinceName: '山东省', status: 'late', summary }),
    ]);

    // the same as an XLSX, read back
    const xlsx = await cn
      .get('/pilot-reports/compilation.xlsx?halfYear=2027-H2&jurisdictionCode=370000')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    const bytes = xlsx.body as Buffer;
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
    const sheet = workbook.getWorksheet('试点进展汇总')!;
    expect(sheet.getCell('A1').value).toBe('山东省商业秘密保护创新试点工作进展情况汇总（2027年下半年）');
    expect(sheet.getCell('A2').value).toBe('报送截止日：2027-12-31');
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      '序号',
      '省份',
      '试点地区',
      '所在地区',
      '认定编号',
      '报送截止日',
      '报送情况',
      '报送时间',
      '进展情况摘要',
    ]);
    expect(sheet.getRow(4).values).toEqual([
      undefined,
      1,
      '山东省',
      '青岛市黄岛区人民政府',
      '黄岛区',
      detail.reference,
      '2027-12-31',
      '逾期报送',
      '2028-01-03 10:00',
      summary,
    ]);
    expect(sheet.getCell('A5').value).toBe('合计');
    expect(sheet.getCell('D5').value).toBe('逾期报送 1');
  });

  it('the national review waits for the province’s ranked list; one left off it may only be rejected; the list of regions is announced within its bounds', async () => {
    clockAt('2027-04-01T02:00:00Z');
    const programmeId = await pilotProgramme();
    const huangdao = await government('青岛市黄岛区人民政府', '370211', '11370211MB0000555', 'hd-gov-rank');
    const qingdao = await government('青岛市人民政府', '370200', '11370200MB0000556', 'qd-gov-rank');
    const first = await apply(huangdao, programmeId);
    const late = await apply(qingdao, programmeId);
    for (const [f, user] of [
      [first, huangdao],
      [late, qingdao],
    ] as const) {
      await f.ok(user, { type: 'SUBMIT' });
      await f.ok('sd-regulator', { type: 'PASS_PRELIMINARY' });
    }
    await first.ok('sd-regulator-2', { type: 'PASS_RECHECK' });
    const evaluatorId = await http.userId('qd-evaluator-1');
    const todo = async (username: string) =>
      ((await (await http.as(username)).get('/me/todo').expect(200)).body.items as { subjectId: string }[]).map(
        (i) => i.subjectId,
      );

    // forwarded, not yet ranked: the national office has nothing to do on it, and every national step is refused
    expect((await first.detail('cn-regulator')).allowedEvents).toEqual([]);
    expect(await todo('cn-regulator')).not.toContain(first.id);
    const early = await first.send('cn-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: 'PILOT_NOT_RANKED', provinceCode: '370000', ranking: 'awaiting' });
    expect(early.body.message).toMatch(/ranked list \(择优上报\) of 山东省 \(370000\)/);
    expect((await first.send('cn-regulator', { type: 'REJECT', reason: '提前' })).status).toBe(409);
    // nor are experts drawn or invited for it
    const cnEarly = await http.as('cn-regulator');
    const draw = await cnEarly.post(`/applications/${first.id}/expert-draws`, { seats: [{ field: null, count: 1 }] });
    expect(draw.status).toBe(409);
    expect(draw.body).toMatchObject({ error: 'PILOT_NOT_RANKED', provinceCode: '370000' });

    // Shandong ranks what it forwarded: the history says so and the national office may act
    const sd = await http.as('sd-regulator');
    await sd.post(`/programmes/${programmeId}/pilot-rankings`, { applicationIds: [first.id] }).expect(201);
    const rows = (await (await http.as('cn-regulator')).get(`/applications/${first.id}/history`).expect(200)).body;
    expect(rows.at(-1)).toMatchObject({ event: 'PILOT_RANKED', payload: { rank: 1, of: 1, provinceCode: '370000' } });
    expect(await todo('cn-regulator')).toContain(first.id);
    const allowed = (await first.detail('cn-regulator')).allowedEvents;
    expect(allowed).toEqual(expect.arrayContaining(['ASSIGN_EVALUATOR', 'REJECT']));
    expect(allowed).not.toContain('OPEN_PUBLIC_NOTICE');
    await first.ok('cn-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId });

    // Qingdao passes the re-check after the list went up: left off it, it is not reviewed nationally, only rejected
    await late.ok('sd-regulator-2', { type: 'PASS_RECHECK' });
    const leftOff = await late.send('cn-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId });
    expect(leftOff.status).toBe(409);
    expect(leftOff.body).toMatchObject({ error: 'PILOT_NOT_RANKED', ranking: 'left_off' });
    expect(leftOff.body.message).toMatch(/not ranked by the province/);
    expect((await late.detail('cn-regulator')).allowedEvents).toEqual(['REJECT']);
    expect(await todo('cn-regulator')).toContain(late.id);
    const cn = await http.as('cn-regulator');
    await cn
      .put(`/programmes/${programmeId}/pilot-call`, { preReviewDueOn: '2027-05-15', minDesignations: 1 })
      .expect(200);
    const notRanked = await cn.post(`/programmes/${programmeId}/pilot-notice`, { applicationIds: [late.id] });
    expect(notRanked.status).toBe(409);
    expect(notRanked.body.error).toBe('PILOT_NOT_RANKED');
    await late.ok('cn-regulator', { type: 'REJECT', reason: 'not ranked by the province (未列入省级择优上报名单)' });
    expect(await late.state('cn-regulator')).toBe('rejected');

    // the list: a panel not yet scored refuses it whole; then it goes on notice with its history and outbox rows
    const unscored = await cn.post(`/programmes/${programmeId}/pilot-notice`, { applicationIds: [first.id] });
    expect(unscored.status).toBe(422);
    expect(await first.state('cn-regulator')).toBe('acceptance');
    await first.ok('qd-evaluator-1', { type: 'SUBMIT_SCORE', scores: GOOD_SCORES });
    expect(
      (await cn.post(`/programmes/${programmeId}/pilot-notice`, { applicationIds: [first.id, first.id] })).status,
    ).toBe(400);
    expect((await sd.post(`/programmes/${programmeId}/pilot-notice`, { applicationIds: [first.id] })).status).toBe(403);
    const notice = await cn
      .post(`/programmes/${programmeId}/pilot-notice`, { applicationIds: [first.id], comment: '第一批试点地区名单' })
      .expect(200);
    expect(notice.body).toMatchObject({ count: 1, call: { announced: 1 } });
    const opened = (await cn.get(`/applications/${first.id}/history`).expect(200)).body.at(-1);
    expect(opened).toMatchObject({
      event: 'OPEN_PUBLIC_NOTICE',
      toState: 'public_notice',
      payload: { pilotList: { count: 1, listed: 1 }, noticeEndsAt: expect.any(String) },
    });
    const [{ jobs }] = await db.query(
      `SELECT count(*)::int AS jobs FROM outbox WHERE payload::text LIKE '%' || $1 || '%'`,
      [first.id],
    );
    expect(jobs).toBeGreaterThan(0);
  });

  it('refuses bad input with 4xx naming the field, and a compilation outside the caller’s jurisdiction', async () => {
    const programmeId = await pilotProgramme();
    const cn = await http.as('cn-regulator');
    const bad = await cn.get('/pilot-reports/compilation?halfYear=2027-H3');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/halfYear/);
    expect((await cn.get('/pilot-reports/compilation')).status).toBe(400);
    expect((await cn.get('/pilot-reports/compilation?halfYear=2027-H1&jurisdictionCode=999999')).status).toBe(400);
    expect(
      (await (await http.as('sd-regulator')).get('/pilot-reports/compilation?halfYear=2027-H1&jurisdictionCode=430000'))
        .status,
    ).toBe(403);
    expect((await cn.get('/pilot-reports?halfYear=2027')).status).toBe(400);
    expect((await cn.put(`/programmes/${programmeId}/pilot-call`, { preReviewDueOn: '2027-02-30' })).status).toBe(400);
    expect(
      (await cn.put(`/programmes/${programmeId}/pilot-call`, { preReviewDueOn: '2027-05-15', minDesignations: 21 }))
        .status,
    ).toBe(400);
    // the call is the national office's; a programme that is no pilot has no ranking
    expect(
      (
        await (
          await http.as('sd-regulator')
        ).put(`/programmes/${programmeId}/pilot-call`, { preReviewDueOn: '2027-05-15' })
      ).status,
    ).toBe(403);
    const qd = await http.programmeId('QDFTZ-2026');
    expect((await cn.get(`/programmes/${qd}/pilot-rankings`)).status).toBe(422);
    // a government applies only for a pilot region
    const gov = await government('岳阳市人民政府', '430600', '11430600MB0000999', 'yy-gov-test');
    const wrong = await (
      await http.as(gov)
    ).post('/applications', {
      programmeId: await http.programmeId('HN-STATION-2026'),
      title: '政府不能申报示范点',
      materials: WORK_PLAN,
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.message).toMatch(/is a government: HN-STATION-2026 admits enterprise, park, association/);
  });
});
