import { AccreditationState as S } from '@app/domain';
import { Factories } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Http, useApi } from './support/apps';
import { binary, csvRecords, rowsOf, workbook, XLSX } from './support/export-files';
import { designatedApplication, disbursementIdsOf, verifyAndApprove } from './support/subsidy';

/** The first sheet's rows (row 1 the header). */
const sheetRows = async (body: Buffer): Promise<unknown[][]> => rowsOf(await workbook(body));

/**
 * The reports that are not lists of rows in the database — the dashboard's counts, budget use, time in each step,
 * a programme's quota usage, a jurisdiction's target progress, the provinces' filing status — exported as XLSX and
 * CSV: each file carries the same figures as the JSON the console shows, in Chinese, for the same callers only.
 */
describe('report exports', () => {
  let api: INestApplication;
  let http: Http;

  useApi((s) => ({ api, http } = s));

  const download = async (username: string | null, url: string, status = 200) =>
    request(http.server)
      .get(url)
      .set(await http.auth(username))
      .buffer(true)
      .parse(binary)
      .expect(status);

  /** How the CSV writes a workbook's value: money with two decimals, an instant in China time as written, "" for none. */
  const asCsv = (v: unknown, header: string): string =>
    v === null || v === undefined
      ? ''
      : v instanceof Date
        ? v.toISOString().slice(0, 19).replace('T', ' ')
        : typeof v === 'number' && header.includes('元')
          ? v.toFixed(2)
          : String(v);

  /** The export at `url` in both forms: the XLSX's rows (with the header) and the CSV's, which must agree. */
  async function both(username: string, url: string): Promise<unknown[][]> {
    const sep = url.includes('?') ? '&' : '?';
    const xlsx = await download(username, `${url}${sep}format=xlsx`);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    expect(xlsx.headers['content-disposition']).toMatch(/^attachment; filename=".*\.xlsx"; filename\*=UTF-8''/);
    const rows = await sheetRows(xlsx.body);
    const header = rows[0] as string[];
    // a workbook row ends at its last value: pad it to the header's width
    const padded = rows.map((r) => header.map((_, i) => r[i] ?? null));
    const csv = csvRecords((await download(username, `${url}${sep}format=csv`)).body);
    expect(csv).toEqual(padded.map((r) => r.map((v, i) => asCsv(v, header[i]))));
    return padded;
  }

  it('the dashboard: one row per jurisdiction, programme, kind, level and state, the counts the dashboard shows', async () => {
    const factories = new Factories(api);
    for (const n of [1, 2]) {
      const { username } = await factories.applicant('qd', n);
      await factories.application(S.PreliminaryReview, { applicant: username });
    }
    await factories.application(S.Designated);
    const dashboard = (await (await http.as('qd-regulator')).get('/reports/dashboard').expect(200)).body;
    const rows = await both('qd-regulator', '/reports/dashboard/export');
    expect(rows[0]).toEqual(['辖区代码', '辖区', '认定项目', '单位类型', '级别', '状态', '申请数']);
    const programme = new Map(dashboard.byProgramme.map((p: { key: string; name: string }) => [p.key, p.name]));
    expect(rows.slice(1)).toEqual(
      dashboard.rows.map((r: { jurisdictionCode: string; programmeId: string; state: string; count: number }) => [
        r.jurisdictionCode,
        expect.any(String),
        programme.get(r.programmeId),
        expect.any(String),
        expect.any(String),
        { preliminary_review: '初审', designated: '认定' }[r.state] ?? expect.any(String),
        r.count,
      ]),
    );
    const sum = (cells: unknown[][]) => cells.reduce((s, r) => s + (r[6] as number), 0);
    expect(sum(rows.slice(1))).toBe(dashboard.total);
    expect(
      rows
        .slice(1)
        .filter((r) => r[5] === '初审')
        .reduce((s, r) => s + (r[6] as number), 0),
    ).toBe(2);
    // the file is named after the jurisdiction it covers
    const res = await download('qd-regulator', '/reports/dashboard/export');
    expect(decodeURIComponent(res.headers['content-disposition'].split("UTF-8''")[1])).toBe(
      `申请统计-${dashboard.jurisdiction.name}.xlsx`,
    );
  });

  it('budget use and time in each step: the same figures as the dashboard page', async () => {
    const factories = new Factories(api);
    await factories.application(S.Designated);
    const qd = await http.as('admin');
    const dashboard = (await qd.get('/reports/dashboard').expect(200)).body;
    const budget = await both('admin', '/reports/budget/export');
    expect(budget[0]).toEqual(['认定项目', '资助政策', '政策状态', '预算（元）', '已承诺（元）', '已支付（元）']);
    expect(budget.slice(1)).toEqual(
      dashboard.budget.policies.map(
        (p: {
          programmeName: string;
          name: string;
          approved: boolean;
          budgetFen: number;
          committedFen: number;
          paidFen: number;
        }) => [
          p.programmeName,
          p.name,
          p.approved ? '已批准' : '待批准',
          p.budgetFen / 100,
          p.committedFen / 100,
          p.paidFen / 100,
        ],
      ),
    );
    expect(budget.length).toBeGreaterThan(1);

    const steps = (await qd.get('/reports/step-times?from=2020-01-01').expect(200)).body;
    const exported = await both('admin', '/reports/step-times/export?from=2020-01-01');
    expect(exported[0]).toEqual([
      '环节',
      '已办结',
      '办理中',
      '中位用时（工作日）',
      '90%用时（工作日）',
      '时限（工作日）',
      '超时办结',
    ]);
    expect(exported.slice(1).map((r) => r[0])).toEqual(['初审', '退回补正', '复核', '验收', '公示期满']);
    expect(exported.slice(1).map((r) => [r[1], r[2], r[6]])).toEqual(
      steps.steps.map((s: { completed: number; running: number; overLimit: number }) => [
        s.completed,
        s.running,
        s.overLimit,
      ]),
    );
    expect(exported.slice(1).some((r) => (r[1] as number) > 0)).toBe(true);
  });

  it('a programme’s quota usage, area by area, and a jurisdiction’s target progress', async () => {
    const programmes = (await request(http.server).get('/programmes').expect(200)).body;
    const hunan = programmes.find((p: { code: string }) => p.code === 'HNFTZ-2026');
    const usage = (await (await http.as('hn-regulator')).get(`/programmes/${hunan.id}/quota-usage`).expect(200)).body;
    const rows = await both('hn-regulator', `/programmes/${hunan.id}/quota-usage/export`);
    expect(rows[0]).toEqual([
      '片区代码',
      '片区',
      '最少',
      '最多',
      '追加名额',
      '可认定',
      '已认定',
      '剩余名额',
      '距最少还差',
      '审核与公示中',
      '公示期满待认定',
      '低于最少名额',
    ]);
    // the programme-wide quota (6) first, then the three FTZ areas with 1–2 each
    expect(rows[1].slice(0, 4)).toEqual([null, '全项目', null, usage.programme.max]);
    expect(rows.slice(2).map((r) => [r[0], r[2], r[3], r[6], r[8]])).toEqual(
      usage.areas.map(
        (a: { jurisdictionCode: string; min: number; max: number; designated: number; shortfall: number }) => [
          a.jurisdictionCode,
          a.min,
          a.max,
          a.designated,
          a.shortfall,
        ],
      ),
    );
    expect(rows.slice(2).map((r) => r[0])).toEqual(['430100-FTZ', '430600-FTZ', '431000-FTZ']);

    const progress = (await (await http.as('jx-regulator')).get('/jurisdictions/330400/target-progress').expect(200))
      .body;
    const targets = await both('jx-regulator', '/jurisdictions/330400/target-progress/export');
    expect(targets[0]).toEqual([
      '单位类型',
      '年度',
      '截止日期',
      '目标数',
      '截止日在有效期内',
      '目前在有效期内',
      '完成比例（%）',
      '状态',
      '依据',
    ]);
    expect(targets.slice(1).map((r) => [r[1], r[3], r[5]])).toEqual(
      progress.map((t: { year: number; target: number; now: number }) => [t.year, t.target, t.now]),
    );
    expect(targets.slice(1).map((r) => r[3])).toEqual(expect.arrayContaining([5, 10, 20, 100, 200, 300]));
    expect(targets.slice(1).every((r) => ['已完成', '未完成', '进行中'].includes(r[7] as string))).toBe(true);
  });

  it('the provinces’ filing status of an edition, late ones marked', async () => {
    const filings = (await (await http.as('admin')).get('/reports/stats/editions/SM-2023/filings').expect(200)).body;
    const rows = await both('admin', '/reports/stats/editions/SM-2023/filings/export');
    expect(rows[0]).toEqual(['省份代码', '省份', '状态', '是否逾期', '报送时间', '报送人']);
    expect(rows.slice(1).map((r) => [r[0], r[3]])).toEqual(
      filings.map((f: { provinceCode: string; late: boolean }) => [f.provinceCode, f.late ? '是' : '否']),
    );
    expect(rows.length).toBeGreaterThan(1);
  });

  it('finance: the payments needing a decision with their cause in Chinese, the statement lines, the policies', async () => {
    const flow = await designatedApplication(http);
    const [id] = await disbursementIdsOf(api, flow.id);
    expect((await verifyAndApprove(http, id)).status).toBe(200);
    const finance = await http.as('qd-finance');
    // approved, and no worker here starts the payment: stuck at once with a zero threshold
    const stuck = (await finance.get('/finance/disbursements/attention?stuckForMs=0').expect(200)).body;
    expect(stuck).toEqual([expect.objectContaining({ id, state: 'approved', causeCode: 'not_started' })]);
    const attention = await both('qd-finance', '/finance/disbursements/attention/export?stuckForMs=0');
    expect(attention[0]).toEqual(['拨付编号', '金额（元）', '状态', '原因', '银行返回', '自', '尝试次数']);
    expect(attention.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      [stuck[0].reference, 50000, '已审批，未发起支付'],
    ]);

    const csv = ['reference,amount_yuan,value_date,bank_reference', 'SUB-NOT-OURS-000001,12.50,2026-11-23,B-9'].join(
      '\n',
    );
    expect((await finance.post('/finance/statements', { csv })).status).toBe(201);
    const lines = await both('qd-finance', '/finance/statements/lines/export?status=unknown_reference');
    expect(lines[0]).toEqual(['行号', '拨付编号', '金额（元）', '起息日', '银行流水号', '对账结果', '上传时间']);
    expect(lines.slice(1).map((r) => r.slice(0, 6))).toEqual([
      [2, 'SUB-NOT-OURS-000001', 12.5, '2026-11-23', 'B-9', '无法匹配'],
    ]);
    expect((await both('qd-finance', '/finance/statements/lines/export?status=confirmed')).length).toBe(1);
    await download('qd-finance', '/finance/statements/lines/export?status=lost', 400);

    const policies = (await finance.get('/finance/policies').expect(200)).body;
    const exported = await both('qd-finance', '/finance/policies/export');
    expect(exported[0]).toEqual([
      '项目编号',
      '资助政策',
      '状态',
      '待审批变更',
      '预算（元）',
      '已使用（元）',
      '剩余（元）',
    ]);
    expect(exported.slice(1).map((r) => [r[0], r[1], r[4], r[5], r[6]])).toEqual(
      policies.map(
        (b: { programmeCode: string; name: string; budgetFen: number; usedFen: number; remainingFen: number }) => [
          b.programmeCode,
          b.name,
          b.budgetFen / 100,
          b.usedFen / 100,
          b.remainingFen / 100,
        ],
      ),
    );
    expect(exported.slice(1).some((r) => r[5] === 50000)).toBe(true);
    await download('qd-regulator', '/finance/policies/export', 403);
    await download('qd-applicant', '/finance/disbursements/attention/export', 403);
  });

  it('the staff list for the bureau’s administrator: the list’s filter, roles in Chinese', async () => {
    const staff = (await (await http.as('admin')).get('/staff?role=finance').expect(200)).body;
    const rows = await both('admin', '/staff/export?role=finance');
    expect(rows[0]).toEqual(['用户名', '姓名', '角色', '辖区代码', '状态', '初始密码未修改', '创建时间']);
    expect(rows.slice(1).map((r) => [r[0], r[2]])).toEqual(
      staff.map((u: { username: string }) => [u.username, '财务人员']),
    );
    expect(rows.length).toBeGreaterThan(2);
    await download('qd-regulator', '/staff/export', 403);
    await download('admin', '/staff/export?role=admin', 400);
  });

  it('refuses whom the reports refuse, an unknown edition, a bad format or date, with the field named', async () => {
    await download('qd-finance', '/reports/dashboard/export', 403);
    await download('qd-applicant', '/reports/budget/export', 403);
    await download(null, '/reports/step-times/export', 401);
    const bad = await download('qd-regulator', '/reports/dashboard/export?format=pdf', 400);
    expect(JSON.parse(bad.body.toString()).fields).toEqual(['format']);
    const date = await download('qd-regulator', '/reports/step-times/export?from=2026-13-45', 400);
    expect(JSON.parse(date.body.toString()).fields).toEqual(['from']);
    const outside = await download('qd-regulator', '/reports/dashboard/export?jurisdictionCode=430000', 400);
    expect(JSON.parse(outside.body.toString()).fields).toEqual(['jurisdictionCode']);
    await download('admin', '/reports/stats/editions/SM-1999/filings/export', 404);
    const programmes = (await request(http.server).get('/programmes').expect(200)).body;
    const hunan = programmes.find((p: { code: string }) => p.code === 'HNFTZ-2026');
    await download('qd-applicant', `/programmes/${hunan.id}/quota-usage/export`, 403);
    await download('qd-regulator', `/programmes/${hunan.id}/quota-usage/export`, 403);
    await download('qd-regulator', '/jurisdictions/330400/target-progress/export', 403);
  });
});
