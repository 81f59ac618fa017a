import { CloseNoticeUseCase } from '@app/accreditation';
import { ReminderSweepUseCase, WorkItemsDueItems } from '@app/notifications';
import { JobName, OutboxRelay, QueueName } from '@app/queue';
import { Factories } from '@app/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { configured, Flow, Http, sleep, startWorker, TestClock, useApi, waitFor } from './support/apps';
import { SmtpSink } from './support/smtp-sink';
import { designatedApplication, disbursementIdsOf, verifyAndApprove, waitForDisbursement } from './support/subsidy';

/**
 * Notifications end to end: the API and a worker (outbox relay, notify-event and send-email jobs) against a real
 * SMTP server this spec starts on 127.0.0.1; e-mails are read back from what that server received.
 */
describe('notifications', () => {
  let api: INestApplication;
  let http: Http;
  let worker: INestApplication | undefined;
  const smtp = new SmtpSink();
  useApi((started) => ({ api, http } = started));

  beforeAll(() => smtp.start());
  afterAll(() => smtp.stop());
  beforeEach(() => smtp.clear());
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });

  const startNotifier = async () => {
    // the worker keeps the real clock: the API's TestClock is moved back while a notice opens, and a relay reading it
    // then would delay the jobs of that moment by the shift
    worker = await startWorker(configured({ SMTP_URL: smtp.url, EMAIL_BACKOFF_MS: '200', EMAIL_ATTEMPTS: '10' }));
  };
  const address = (username: string) => `${username}@example.gov.cn`;
  const withEmail = async (...usernames: string[]) => {
    for (const u of usernames)
      await (
        await http.as(u)
      )
        .put('/me/email', { email: address(u) })
        .expect(200, { email: address(u), emailVerified: false });
  };
  const mailTo = (username: string, subject: RegExp, timeoutMs = 15_000) =>
    waitFor(
      `an e-mail to ${username} matching ${subject}`,
      async () => smtp.to(address(username)).find((m) => subject.test(m.subject)),
      timeoutMs,
    );
  interface Listed {
    id: string;
    kind: string;
    title: string;
    body: string;
    link: string;
    readAt: string | null;
    emailStatus: string;
  }
  const inbox = async (username: string, query = ''): Promise<Listed[]> =>
    (await (await http.as(username)).get(`/me/notifications?pageSize=100${query}`).expect(200)).body.items;
  const unread = async (username: string): Promise<number> =>
    (await (await http.as(username)).get('/me/notifications/unread-count').expect(200)).body.unread;
  const settled = async () => {
    // the outbox is drained and no notification job is waiting or running
    const db = api.get(DataSource);
    const queue = worker!.get<Queue>(getQueueToken(QueueName.Notifications));
    await waitFor('the notifications to settle', async () => {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return n === 0 && Object.values(counts).every((c) => c === 0);
    }).catch(async (e: unknown) => {
      const failed = await queue.getJobs(['delayed', 'failed', 'waiting']);
      const outbox = await db.query(`SELECT job_id, last_error FROM outbox WHERE published_at IS NULL`);
      throw new Error(
        `${String(e)}: unpublished ${JSON.stringify(outbox)}; jobs ${JSON.stringify(failed.map((j) => [j.id, j.failedReason]))}`,
      );
    });
  };

  it("the Qingdao flow's decisions reach the applicant, the regulators, the evaluators and finance, in the app and by e-mail", async () => {
    await withEmail('qd-applicant', 'qd-regulator', 'qd-evaluator-1', 'qd-finance', 'qd-finance-2');
    await startNotifier();
    const flow = await designatedApplication(http);
    const reference = (await flow.detail()).reference as string;

    // regulators hear of the submission, evaluators of their invitation, the applicant of the designation
    const submitted = await mailTo('qd-regulator', /^【待办】.* 已提交，进入初审$/);
    expect(submitted.subject).toContain(reference);
    expect(submitted.text).toContain(`/applications/${flow.id}`);
    expect(submitted.messageId).toMatch(/@notifications\.accreditation>$/);
    const invited = await mailTo('qd-evaluator-1', /^【评审邀请】/);
    expect(invited.text).toContain('申明回避');
    const designated = await mailTo('qd-applicant', /已被认定为商业秘密保护示范单位$/);
    expect(designated.to).toEqual([address('qd-applicant')]);
    expect(designated.text).toContain(`http://localhost:5173/applications/${flow.id}`);
    await mailTo('qd-applicant', /通过初审/);
    await mailTo('qd-applicant', /进入公示/);
    await mailTo('qd-regulator', /公示期满/);
    // finance of the paying bureau: the new entitlement needs checking
    const entitled = await mailTo('qd-finance', /补贴拨付已生成，待经办核对/);
    expect(entitled.text).toContain('50000.00元');
    expect(entitled.text).toContain('/finance/disbursements/');

    // in the app too; an evaluator without an address has it in the app only
    await settled();
    const applicantInbox = await inbox('qd-applicant');
    expect(applicantInbox.map((n) => n.title)).toEqual(
      expect.arrayContaining([expect.stringMatching(/已被认定/), expect.stringMatching(/通过复核/)]),
    );
    expect(applicantInbox.every((n) => n.link === `/applications/${flow.id}` && n.emailStatus === 'sent')).toBe(true);
    // the applicant never hears of scores or of the regulators' own to-dos
    expect(applicantInbox.some((n) => /分|score/i.test(n.body) && /评分/.test(n.body))).toBe(false);
    expect(applicantInbox.some((n) => n.kind !== 'application.decision')).toBe(false);
    const evaluator2 = await inbox('qd-evaluator-2');
    expect(evaluator2).toEqual([expect.objectContaining({ kind: 'evaluator.invited', emailStatus: 'no-address' })]);
    // the other enterprise of the zone hears nothing; the actor does not hear of their own step
    expect(await inbox('qd-applicant-2')).toEqual([]);
    expect((await inbox('qd-regulator')).some((n) => /已被认定/.test(n.title))).toBe(false);

    // the money: verified → the approver hears; paid → the applicant hears
    const [disbursementId] = await disbursementIdsOf(api, flow.id);
    const approved = await verifyAndApprove(http, disbursementId);
    expect(approved.status).toBe(200);
    await mailTo('qd-finance-2', /补贴拨付已核对，待审批/);
    await waitForDisbursement(http, disbursementId, 'paid');
    const paid = await mailTo('qd-applicant', /补贴已支付/);
    expect(paid.text).toContain('50000.00元');
    // e-mails went to the addresses of those notified and nobody else
    expect(new Set(smtp.received.flatMap((m) => m.to))).toEqual(
      new Set(['qd-applicant', 'qd-regulator', 'qd-evaluator-1', 'qd-finance', 'qd-finance-2'].map(address)),
    );
  }, 90_000);

  it('counts unread notifications and marks one or all read; nobody marks another user’s', async () => {
    await startNotifier();
    const flow = await Flow.create(http);
    await flow.toAcceptance();
    await settled();
    const mine = await inbox('qd-applicant');
    expect(mine.length).toBe(2); // passed the preliminary review, passed the re-check
    expect(await unread('qd-applicant')).toBe(2);

    const other = await (await http.as('qd-applicant-2')).post(`/me/notifications/${mine[0].id}/read`);
    expect(other.status).toBe(404);
    expect(await unread('qd-applicant')).toBe(2);

    const read = await (await http.as('qd-applicant')).post(`/me/notifications/${mine[0].id}/read`).expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect(await unread('qd-applicant')).toBe(1);
    // unread first, then unread only
    expect((await inbox('qd-applicant', '&unreadFirst=true'))[0].readAt).toBeNull();
    expect(await inbox('qd-applicant', '&unreadOnly=true')).toHaveLength(1);

    const all = await (await http.as('qd-applicant')).post('/me/notifications/read-all').expect(200);
    expect(all.body).toEqual({ marked: 1 });
    expect(await unread('qd-applicant')).toBe(0);

    const bad = await (await http.as('qd-applicant')).post('/me/notifications/not-a-uuid/read');
    expect(bad.status).toBe(400);
    expect((await (await http.as(null)).get('/me/notifications/unread-count')).status).toBe(401);
  }, 60_000);

  it('a user who turns e-mail off for a kind still gets it in the app, and no e-mail', async () => {
    await withEmail('qd-applicant');
    const prefs = await (
      await http.as('qd-applicant')
    )
      .put('/me/notification-preferences', { preferences: [{ kind: 'application.decision', email: false }] })
      .expect(200);
    expect(prefs.body).toContainEqual({
      kind: 'application.decision',
      label: '申请进展与决定',
      inApp: true,
      email: false,
    });
    expect(prefs.body).toContainEqual(expect.objectContaining({ kind: 'payment.update', email: true }));
    const unknown = await (
      await http.as('qd-applicant')
    ).put('/me/notification-preferences', {
      preferences: [{ kind: 'nonsense', email: false }],
    });
    expect(unknown.status).toBe(400);

    await startNotifier();
    const flow = await Flow.create(http);
    await flow.toAcceptance();
    await settled();
    const mine = await inbox('qd-applicant');
    expect(mine).toHaveLength(2);
    expect(mine.every((n) => n.emailStatus === 'off')).toBe(true);
    expect(smtp.to(address('qd-applicant'))).toEqual([]);
  }, 60_000);

  it('a redelivered notify-event or send-email job sends nothing twice', async () => {
    await withEmail('qd-regulator');
    await startNotifier();
    const flow = await Flow.create(http);
    await flow.ok('qd-applicant', { type: 'SUBMIT' });
    await mailTo('qd-regulator', /已提交/);
    await settled();
    const db = api.get(DataSource);
    const jobs: { job_id: string }[] = await db.query(`SELECT job_id FROM outbox WHERE job_name IN ($1, $2)`, [
      JobName.NotifyEvent,
      JobName.SendEmail,
    ]);
    expect(jobs.map((j) => j.job_id)).toEqual(
      expect.arrayContaining([`notify.application.${flow.id}.2`, expect.stringMatching(/^email\./)]),
    );
    // BullMQ forgets the finished jobs and the relay publishes the same outbox rows again
    const queue = worker!.get<Queue>(getQueueToken(QueueName.Notifications));
    for (const j of jobs) await queue.remove(j.job_id);
    await worker!.get(OutboxRelay).republish(jobs.map((j) => j.job_id));
    await settled();
    await sleep(300);
    // the regulator with an address has one notification still (the FTZ's second regulator has their own)
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE subject_id = $1 AND email_to = $2`,
      [flow.id, address('qd-regulator')],
    );
    expect(n).toBe(1);
    expect(smtp.to(address('qd-regulator'))).toHaveLength(1);
  }, 60_000);

  it('an SMTP server that refuses for a while gets the e-mail later (retried with backoff)', async () => {
    await withEmail('qd-regulator');
    smtp.failing = true;
    await startNotifier();
    const flow = await Flow.create(http);
    await flow.ok('qd-applicant', { type: 'SUBMIT' });
    const db = api.get(DataSource);
    await waitFor('two refused attempts', async () => smtp.rejected >= 2);
    // the worker records a refusal after the SMTP server has answered it: wait for the row, not the socket
    const pending = await waitFor('two refusals on record', async () => {
      const [row] = await db.query(
        `SELECT email_status, email_attempts, email_error FROM notifications WHERE email_to = $1`,
        [address('qd-regulator')],
      );
      return row?.email_attempts >= 2 ? row : undefined;
    });
    expect(pending).toMatchObject({ email_status: 'pending', email_error: expect.stringMatching(/451/) });
    expect(pending.email_attempts).toBeGreaterThanOrEqual(2);
    smtp.failing = false;
    await mailTo('qd-regulator', /已提交/, 30_000);
    await waitFor('the notification marked sent', async () => {
      const [row] = await db.query(`SELECT email_status FROM notifications WHERE email_to = $1`, [
        address('qd-regulator'),
      ]);
      return row.email_status === 'sent';
    });
    expect(smtp.to(address('qd-regulator'))).toHaveLength(1);
  }, 60_000);

  it('an objector who left an e-mail address gets a receipt; the regulators hear of it without the objector', async () => {
    await withEmail('qd-regulator');
    await startNotifier();
    const flow = await Flow.create(http);
    await flow.toAcceptance();
    await flow.scoredPanel();
    await flow.ok('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
    const file = async (filerContact: string) =>
      (await http.as(null))
        .post(`/applications/${flow.id}/objections`, {
          reason: '该企业保密制度未落实',
          filerName: '王五',
          filerContact,
        })
        .expect(201);
    await file('wangwu@example.com');
    const receipt = await waitFor('the receipt', async () => smtp.to('wangwu@example.com')[0]);
    expect(receipt.subject).toMatch(/^【异议回执】.* 您的异议已收到$/);
    expect(receipt.text).toContain('监管部门将依法核实处理');
    const told = await mailTo('qd-regulator', /公示期收到异议/);
    expect(told.text).not.toContain('王五');
    expect(told.text).not.toContain('wangwu');
    await file('13800138000');
    await settled();
    expect(smtp.received.filter((m) => /异议回执/.test(m.subject))).toHaveLength(1);
    const regulator = (await inbox('qd-regulator')).filter((n) => n.kind === 'objection.filed');
    expect(regulator).toHaveLength(2);
    expect(regulator.every((n) => !n.body.includes('王五'))).toBe(true);
  }, 60_000);

  it('reminds the regulators a working day before a decision is due, and escalates to the supervising bureau once overdue', async () => {
    const db = api.get(DataSource);
    // a regulator of the Huangdao district, which supervises the free-trade-zone area
    await db.query(
      `INSERT INTO users (username, password_hash, display_name, role, jurisdiction_code)
       SELECT 'hd-regulator', password_hash, '黄岛区市场监管局 审核员', 'regulator', '370211' FROM users WHERE username = 'qd-regulator'`,
    );
    await withEmail('qd-regulator', 'hd-regulator');
    await startNotifier();
    const flow = await Flow.create(http);
    await flow.toAcceptance();
    await flow.scoredPanel();
    await flow.openEndedNotice();
    expect((await api.get(CloseNoticeUseCase).execute(flow.id, 1)).kind).toBe('closed');
    await settled();
    const farAhead = new Date(Date.now() + 365 * 86400_000);
    const [item] = (await api.get(WorkItemsDueItems).open(new Date(), farAhead)).filter((i) => i.subjectId === flow.id);
    expect(item.action).toBe('作出认定决定');
    // the sweep the worker runs on a timer, here on the API's movable clock
    const sweep = api.get(ReminderSweepUseCase);

    TestClock.shift(item.dueAt.getTime() - 2 * 3600_000 - Date.now()); // two hours before it is due
    expect(await sweep.execute()).toBe(2); // the bureau's two regulators
    expect(await sweep.execute()).toBe(0); // once
    const reminder = await mailTo('qd-regulator', /^【到期提醒】.*前作出认定决定$/);
    expect(reminder.text).toContain('不足一个工作日');
    expect(smtp.to(address('hd-regulator'))).toEqual([]);

    TestClock.shift(item.dueAt.getTime() + 3600_000 - Date.now()); // an hour overdue
    expect(await sweep.execute()).toBe(1);
    expect(await sweep.execute()).toBe(0);
    const escalation = await mailTo('hd-regulator', /^【逾期督办】/);
    expect(escalation.text).toContain('已逾期');
    expect(escalation.text).toContain(`/applications/${flow.id}`);
    expect((await inbox('hd-regulator')).map((n) => n.kind)).toEqual(['deadline.escalation']);
  }, 60_000);
  it('reminds only the regulators who may act: the one who passed 初审 is not asked for the 复核 (four eyes)', async () => {
    await withEmail('qd-regulator', 'qd-regulator-2');
    await startNotifier();
    const flow = await Flow.create(http);
    await flow.ok('qd-applicant', { type: 'SUBMIT' });
    await flow.ok('qd-regulator', { type: 'PASS_PRELIMINARY' });
    await settled();
    const farAhead = new Date(Date.now() + 365 * 86400_000);
    const [item] = (await api.get(WorkItemsDueItems).open(new Date(), farAhead)).filter((i) => i.subjectId === flow.id);
    expect(item.action).toBe('完成复核');
    TestClock.shift(item.dueAt.getTime() - 2 * 3600_000 - Date.now());
    expect(await api.get(ReminderSweepUseCase).execute()).toBe(1);
    const reminder = await mailTo('qd-regulator-2', /^【到期提醒】.*前完成复核$/);
    expect(reminder.text).toContain(`/applications/${flow.id}`);
    expect((await inbox('qd-regulator')).filter((n) => n.kind === 'deadline.reminder')).toEqual([]);
  }, 60_000);

  it('pages through any number of due items: each is reminded once, past the page size', async () => {
    const flows: Flow[] = [];
    const factories = new Factories(api);
    for (let i = 0; i < 5; i++) {
      const { username } = await factories.applicant('qd', 70 + i);
      const flow = await Flow.create(http, username);
      await flow.ok(username, { type: 'SUBMIT' });
      flows.push(flow);
    }
    const source = api.get(WorkItemsDueItems);
    source.pageSize = 2;
    try {
      const farAhead = new Date(Date.now() + 365 * 86400_000);
      const items = (await api.get(WorkItemsDueItems).open(new Date(), farAhead)).filter((i) =>
        flows.some((f) => f.id === i.subjectId),
      );
      expect(items.length).toBe(2); // one page
      const earliest = Math.min(...items.map((i) => i.dueAt.getTime()));
      TestClock.shift(earliest - 2 * 3600_000 - Date.now()); // all five fall due by the end of that day
      const sweep = api.get(ReminderSweepUseCase);
      const written = await sweep.execute();
      const [{ n }]: { n: number }[] = await api
        .get(DataSource)
        .query(
          `SELECT count(DISTINCT subject_id)::int AS n FROM notifications WHERE kind = 'deadline.reminder' AND subject_id = ANY($1::uuid[])`,
          [flows.map((f) => f.id)],
        );
      expect(n).toBe(5);
      expect(written).toBeGreaterThanOrEqual(10); // the bureau's two regulators, five applications
      expect(await sweep.execute()).toBe(0);
    } finally {
      source.pageSize = 500;
    }
  }, 90_000);

  it('reminds the designating bureau of a yearly re-inspection falling due, and escalates it once overdue', async () => {
    const db = api.get(DataSource);
    await db.query(
      `INSERT INTO users (username, password_hash, display_name, role, jurisdiction_code)
       SELECT 'hd-regulator', password_hash, '黄岛区市场监管局 审核员', 'regulator', '370211' FROM users WHERE username = 'qd-regulator'`,
    );
    const flow = await designatedApplication(http);
    const [scheduled]: { id: string; seq: number }[] = await db.query(
      `SELECT id, seq FROM reinspections WHERE application_id = $1 AND status = 'scheduled'`,
      [flow.id],
    );
    expect(scheduled.seq).toBe(1);
    const chinaToday = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const sweep = api.get(ReminderSweepUseCase);
    const kinds = async (username: string) =>
      (await inbox(username)).filter((n) => n.link.endsWith(flow.id)).map((n) => [n.kind, n.title]);

    await db.query(`UPDATE reinspections SET due_on = $2::date + 1 WHERE id = $1`, [scheduled.id, chinaToday]);
    expect(await sweep.execute()).toBe(2); // due by the end of tomorrow: the bureau's two regulators
    expect(await sweep.execute()).toBe(0);
    expect(await kinds('qd-regulator')).toEqual([['deadline.reminder', expect.stringMatching(/第1次年度回访/)]]);

    await db.query(`UPDATE reinspections SET due_on = $2::date - 1 WHERE id = $1`, [scheduled.id, chinaToday]);
    expect(await sweep.execute()).toBe(1); // overdue: the supervising bureau, once
    expect(await sweep.execute()).toBe(0);
    expect(await kinds('hd-regulator')).toEqual([['deadline.escalation', expect.any(String)]]);
  }, 90_000);

  it("reminds an invited evaluator of their answer's deadline, and escalates an overdue score sheet to the application's bureau", async () => {
    const db = api.get(DataSource);
    await withEmail('qd-regulator', 'qd-evaluator-1', 'qd-evaluator-2');
    await startNotifier();
    const flow = await Flow.create(http);
    await flow.toAcceptance();
    await flow.ok('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: await http.userId('qd-evaluator-1') });
    const invited = (
      await (
        await http.as('qd-regulator')
      )
        .post(`/applications/${flow.id}/invitations`, { evaluatorId: await http.userId('qd-evaluator-2') })
        .expect(201)
    ).body as { id: string; respondBy: string };
    const todoOf = async (username: string) =>
      (await (await http.as(username)).get('/me/todo').expect(200)).body.items as {
        subjectId: string;
        step: string;
        dueAt: string;
      }[];
    const [invitation] = await todoOf('qd-evaluator-2');
    expect(invitation).toMatchObject({ subjectId: invited.id, step: 'invitation', dueAt: invited.respondBy });
    const [scoreSheet] = await todoOf('qd-evaluator-1');
    expect(scoreSheet).toMatchObject({ subjectId: flow.id, step: 'acceptance.score' });
    await settled();
    smtp.clear();
    const sweep = api.get(ReminderSweepUseCase);

    TestClock.shift(new Date(invited.respondBy).getTime() - 2 * 3600_000 - Date.now());
    expect(await sweep.execute()).toBe(1);
    expect(await sweep.execute()).toBe(0); // once
    const reminder = await mailTo('qd-evaluator-2', /^【到期提醒】.*前答复验收评审邀请$/);
    expect(reminder.text).toContain(`/evaluator-invitations/${invited.id}`);
    const [marked] = await db.query(`SELECT reminded_at FROM work_items WHERE subject_id = $1`, [invited.id]);
    expect(marked.reminded_at).not.toBeNull();

    // overdue, the invitation is not escalated (it expires and its regulator hears of that), only marked
    TestClock.shift(new Date(invited.respondBy).getTime() + 3600_000 - Date.now());
    expect(await sweep.execute()).toBe(0);
    const [escalated] = await db.query(`SELECT escalated_at FROM work_items WHERE subject_id = $1`, [invited.id]);
    expect(escalated.escalated_at).not.toBeNull();

    // the score sheet overdue: the regulators of the application's bureau hear of it, once
    TestClock.shift(new Date(scoreSheet.dueAt).getTime() + 3600_000 - Date.now());
    expect(await sweep.execute()).toBeGreaterThanOrEqual(1);
    expect(await sweep.execute()).toBe(0);
    const late = await mailTo('qd-regulator', /^【逾期督办】/);
    expect(late.text).toContain('提交验收评分');
    expect(smtp.to(address('qd-evaluator-1')).filter((m) => /逾期督办/.test(m.subject))).toEqual([]);
  }, 60_000);
});
