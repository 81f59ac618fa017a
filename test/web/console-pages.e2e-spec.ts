// The console's pages besides the Qingdao flow, as the people who use them: an applicant uploads materials and
// reads which material each step changed, and invites a colleague who accepts; the regulator picks an expert by hand
// (refused for one who must be avoided, with the reason) and reads who downloaded which file; two finance officers
// change a subsidy policy under four eyes and read a disbursement's whole history; the admin loads a calendar year
// and changes a staff member's role. Every page is kept as a screenshot (var/web-screenshots) and checked with axe.
import { AccreditationEventType as E, AccreditationState as S } from '@app/domain';
import { Factories } from '@app/testing';
import type { Browser } from 'playwright-core';
import { pdf } from '../support/sample-files';
import { ConsoleServer, launchBrowser, Person, readable } from './console';

jest.setTimeout(600_000);

describe('the web console: the pages besides the flow', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let factories: Factories;

  beforeAll(async () => {
    server = await ConsoleServer.start();
    browser = await launchBrowser();
    factories = new Factories(server.api);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const person = (name: string) => Person.open(browser, server.baseUrl, name);
  /** The API as a user, for what the spec arranges outside the pages it looks at. */
  async function apiAs(username: string) {
    const login = await fetch(`${server.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'demo-password' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    return async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.headers.get('content-type')?.includes('json') ? res.json() : res.arrayBuffer();
    };
  }

  it('the applicant uploads two materials and the timeline names each one; the deadline reads as its day', async () => {
    const draft = await factories.draft('qd-applicant', { title: '网页材料时间线申请' });
    const applicant = await person('applicant');
    await applicant.signIn('qd-applicant');
    await applicant.page.goto(`/applications/${draft.id}`);
    for (const key of ['application_form', 'self_assessment']) {
      const material = applicant.page.getByTestId(`material-${key}`);
      const before = await material.getByTestId('sha256').count();
      await material
        .locator('input[type=file]')
        .setInputFiles({ name: `${key}-第二版.pdf`, mimeType: 'application/pdf', buffer: pdf(key) });
      await material.getByTestId('sha256').nth(before).waitFor();
    }
    const steps = applicant.page.getByTestId('history-material');
    await steps.nth(1).waitFor();
    const texts = await steps.allTextContents();
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/application_form-第二版\.pdf（第 2 版）$/),
        expect.stringMatching(/self_assessment-第二版\.pdf（第 2 版）$/),
      ]),
    );
    expect(await applicant.page.getByText('草稿 → 草稿').count()).toBe(0);
    await applicant.look('p01-timeline-materials');
    await applicant.close();
    // one open application per programme and organisation: this one makes way for the next spec's
    await factories.send(draft.id, 'qd-applicant', { type: E.Withdraw });
  });

  it('an applicant invites a colleague, who accepts on the link and signs in', async () => {
    const applicant = await person('applicant');
    await applicant.signIn('qd-applicant');
    await applicant.menu('邀请同事');
    await applicant.page.getByLabel('同事姓名').fill('李雷');
    await applicant.page.getByRole('button', { name: '生成邀请链接' }).click();
    const link = (await applicant.page.getByTestId('invitation-link').textContent()) ?? '';
    expect(link).toMatch(/\/invitation\?token=/);
    await applicant.look('p02-colleague-invitation');
    await applicant.close();

    const colleague = await person('colleague');
    await colleague.page.goto(link.slice(link.indexOf('/invitation')));
    await colleague.page.getByLabel('用户名').fill('qdhw-lilei');
    await colleague.page.getByLabel('密码', { exact: true }).fill('Haiwan-Colleague-2026');
    await colleague.page.getByLabel('确认密码').fill('Haiwan-Colleague-2026');
    await colleague.look('p03-accept-invitation');
    await colleague.page.getByRole('button', { name: '创建账号' }).click();
    await colleague.page.getByText('账号 qdhw-lilei 已创建').waitFor();
    // the link works once
    await colleague.page.goto(link.slice(link.indexOf('/invitation')));
    await colleague.page.getByLabel('用户名').fill('qdhw-lilei-2');
    await colleague.page.getByLabel('密码', { exact: true }).fill('Haiwan-Colleague-2026');
    await colleague.page.getByLabel('确认密码').fill('Haiwan-Colleague-2026');
    await colleague.page.getByRole('button', { name: '创建账号' }).click();
    await colleague.page.getByText('邀请无效：链接有误、已被使用或已过期').waitFor();
    await colleague.signIn('qdhw-lilei', 'Haiwan-Colleague-2026');
    await colleague.close();
  });

  it('the regulator picks experts by hand, is told why one must be avoided, and reads the download log', async () => {
    const application = await factories.application(S.Acceptance, { title: '网页手动指定专家申请' });
    // an evaluator opens a file (logged), before the regulator looks
    const files = (await (
      await apiAs('qd-regulator')
    )('GET', `/applications/${application.id}/files`)) as {
      id: string;
      materialCode: string;
    }[];
    await (
      await apiAs('qd-regulator')
    )('GET', `/applications/${application.id}/materials/${files[0].materialCode}/files/${files[0].id}`);

    const regulator = await person('regulator');
    await regulator.signIn('qd-regulator');
    await regulator.page.goto(`/applications/${application.id}`);
    const pick = regulator.page.getByTestId('pick-expert');
    // 评审专家 孙 works for the applicant: the avoidance rules refuse him, saying why
    await regulator.choose('指定专家', '评审专家 孙');
    await pick.getByRole('button', { name: '邀请该专家' }).click();
    await pick.getByRole('alert').getByText('回避原因：与申请单位同单位').waitFor();
    await regulator.look('p04-pick-expert-avoided');
    await regulator.choose('指定专家', '评审专家 王');
    await pick.getByRole('button', { name: '邀请该专家' }).click();
    await regulator.page.getByRole('cell', { name: '评审专家 王', exact: true }).waitFor();
    const log = regulator.page.getByTestId('download-log');
    await log.getByText('青岛自贸片区市场监管部门 审核员（qd-regulator）').waitFor();
    await regulator.look('p05-pick-expert-and-download-log');
    await regulator.close();

    // the invited expert's answer-by date reads as the end of its day
    const expert = await person('evaluator');
    await expert.signIn('qd-evaluator-1');
    await expert.menu('评审邀请');
    await expert.page
      .getByText(/（当日结束前）/)
      .first()
      .waitFor();
    await expert.look('p06-invitation-due-day');
    await expert.close();
  });

  it('the admin loads a calendar year from a file and changes a staff member’s role', async () => {
    const admin = await person('admin');
    await admin.signIn('admin');
    await admin.menu('节假日日历');
    await admin.page.getByLabel('年份').fill('2031');
    await admin.page.getByRole('button', { name: '载入 2031 年放假安排' }).click();
    const file = {
      source: '国务院办公厅关于2031年部分节假日安排的通知（演示）',
      days: [
        { date: '2031-10-01', kind: 'holiday', name: '国庆节' },
        { date: '2031-10-02', kind: 'holiday', name: '国庆节' },
        { date: '2031-09-28', kind: 'workday', name: '国庆节调休上班' },
      ],
    };
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByLabel('放假安排文件').setInputFiles({
      name: 'calendar-2031.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await dialog.getByText('共 3 天：放假 2 天，调休上班 1 天').waitFor();
    await admin.look('p07-calendar-load');
    await dialog.getByRole('button', { name: '载入' }).click();
    await dialog.waitFor({ state: 'detached' });
    await admin.page.getByRole('cell', { name: '2031-09-28' }).waitFor();
    await admin.page.getByText(`来源：${file.source}`).waitFor();
    await admin.look('p08-calendar-loaded');

    await admin.menu('人员管理');
    const row = admin.page.getByRole('row', { name: /cs-evaluator/ });
    await row.getByRole('button', { name: '变更角色' }).click();
    await admin.choose('角色', '监管部门审核员');
    await admin.page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await row.getByRole('cell', { name: '监管部门审核员' }).waitFor();
    await admin.look('p09-staff-role-changed');
    await admin.close();
  });

  it('two finance officers change a policy under four eyes, and read a disbursement’s history', async () => {
    const proposer = await person('finance');
    await proposer.signIn('qd-finance');
    await proposer.menu('资助政策');
    await proposer.page.getByRole('button', { name: '提出变更' }).first().click();
    await proposer.page.getByLabel('年度预算（元）').fill('600000');
    await proposer.page.getByRole('button', { name: '提交审批' }).click();
    await proposer.page
      .getByTestId('pending-terms')
      .getByText(/预算 600,000.00 元/)
      .waitFor();
    // the officer who proposed may not approve
    await proposer.page.getByRole('button', { name: '审批', exact: true }).click();
    await proposer.page
      .getByRole('alert')
      .getByText(/^须由另一名财务人员审批：/) // the refusal, not the page's standing note on four eyes
      .waitFor();
    await proposer.look('p10-policy-four-eyes');
    await proposer.close();

    const approver = await person('finance-2');
    await approver.signIn('qd-finance-2');
    await approver.menu('资助政策');
    await approver.page.getByRole('button', { name: '审批', exact: true }).click();
    await approver.page.getByRole('cell', { name: '600,000.00' }).waitFor();
    await approver.page.getByRole('button', { name: '详情与记录' }).first().click();
    await approver.page.getByRole('dialog').getByText('审批通过').first().waitFor();
    // the officers by name: the proposer, and the reader who approved
    await approver.page
      .getByRole('dialog')
      .getByText(/财务人员 青岛自贸片区 财务复核（本人）/)
      .first()
      .waitFor();
    await approver.look('p11-policy-history');
    await approver.close();

    // a designation: the notice of an application has ended on the demo clock, the worker closes it
    const application = await factories.application(S.PublicNotice, {
      title: '网页资助详情申请',
      applicant: 'qd-applicant-2',
    });
    await (
      await apiAs('admin')
    )('POST', '/admin/clock/advance', { workingDays: 6, reason: '演示：公示期满' });
    const regulator = await apiAs('qd-regulator');
    let state = '';
    for (let i = 0; i < 60 && state !== 'notice_closed'; i++) {
      await new Promise((r) => setTimeout(r, 500));
      state = ((await regulator('GET', `/applications/${application.id}`)) as { state: string }).state;
    }
    expect(state).toBe('notice_closed');
    await factories.send(application.id, 'qd-regulator', { type: E.Designate });

    const verifier = await person('finance');
    await verifier.signIn('qd-finance');
    await verifier.menu('资助发放');
    await verifier.page.getByRole('button', { name: '经办', exact: true }).first().click();
    await verifier.page.getByRole('button', { name: '审批', exact: true }).first().waitFor();
    await verifier.page.locator('.ant-table-tbody td a').first().click();
    await verifier.page.getByTestId('payee').waitFor();
    const rows = verifier.page.getByTestId('disbursement-history-row');
    await rows.nth(1).waitFor();
    expect(await rows.nth(0).textContent()).toContain('生成资助（认定后）');
    expect(await rows.nth(1).textContent()).toMatch(/经办.*待经办 → 待审批.*青岛自贸片区 财务（本人）.*收款账户/);
    // the officers by name, never an id
    expect(await verifier.page.locator('.ant-descriptions').first().textContent()).toContain(
      '青岛自贸片区 财务（本人）',
    );
    await verifier.look('p12-disbursement-detail');
    await verifier.close();
  });

  it('the national office finds the service month in its grouped menu and opens the next edition', async () => {
    const office = await person('national office');
    await office.signIn('cn-regulator');
    const nav = office.page.getByRole('navigation', { name: '主菜单' });
    for (const group of ['审核工作', '认定项目与名额', '试点', '台账与报表'])
      await nav.locator('.ant-menu-submenu-title', { hasText: group }).waitFor();
    await office.menu('服务月届次');
    await office.page.getByRole('heading', { name: '服务月届次' }).waitFor();
    // the open group follows the page
    expect(await nav.locator('.ant-menu-submenu-open > .ant-menu-submenu-title').allTextContents()).toEqual([
      '台账与报表',
    ]);
    await office.page.getByRole('button', { name: '开启下一届' }).click();
    expect(await office.page.getByLabel('届次编号').inputValue()).toBe('SM-2027');
    const deadline = office.page.getByLabel('报送截止时间（北京时间，YYYY-MM-DD HH:mm）');
    await deadline.fill('2027-06-30 17:00');
    await office.page.getByRole('button', { name: '开启', exact: true }).click();
    await office.page.locator('.ant-form-item-explain-error', { hasText: '报送截止时间' }).waitFor();
    await office.look('p13-edition-refused');
    await deadline.fill('2027-07-09 17:00');
    // the form's own submit button (its name reads "loading 开启" while a request is out): waits until it takes clicks
    await office.page.locator('form button[type="submit"]').click({ timeout: 60_000 });
    await office.page.getByRole('cell', { name: 'SM-2027', exact: true }).waitFor({ timeout: 60_000 });
    await office.look('p14-editions');
    await office.menu('审核队列');
    await office.page.waitForURL(/\/applications$/);
    // the group of the page opens and the one left closes (once the menu has rendered the new route)
    await office.page
      .waitForFunction(
        () =>
          [...document.querySelectorAll('nav .ant-menu-submenu-open > .ant-menu-submenu-title')]
            .map((e) => e.textContent)
            .join() === '审核工作',
        undefined,
        { timeout: 5_000 },
      )
      .catch(() => undefined);
    expect(await nav.locator('.ant-menu-submenu-open > .ant-menu-submenu-title').allTextContents()).toEqual([
      '审核工作',
    ]);
    await office.close();

    // an enterprise has no pilot reports to file (a pilot region's government has: apps/web/src/layout/menu.test.ts)
    const enterprise = await person('enterprise');
    await enterprise.signIn('qd-applicant');
    await enterprise.page.waitForLoadState('networkidle');
    const enterpriseNav = enterprise.page.getByRole('navigation', { name: '主菜单' });
    await enterpriseNav.getByRole('link', { name: '我的诉求', exact: true }).waitFor();
    expect(await enterpriseNav.getByRole('link', { name: '试点进展报告' }).count()).toBe(0);
    expect(await enterpriseNav.locator('.ant-menu-submenu').count()).toBe(0);
    await enterprise.close();
  });

  it('has no serious or critical accessibility violation on any page visited', () => {
    expect(readable(Person.violations)).toEqual([]);
  });
});
