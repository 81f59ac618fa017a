import { readCsv } from '@app/platform';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Http, TestClock, useApi } from './support/apps';

/**
 * The service month (服务月) through HTTP: the first edition's statistics table reproduced cell for cell from the
 * seeded activities and requests (libs/seed/src/demo-stats.ts), every cell's drill-down summing to it; Shandong's
 * table submitted before the deadline and locked, Hunan's late; a request flagged as a lead and counted into row 6;
 * the XLSX read back with exceljs; bad input refused with a 4xx naming the field.
 */

/** Hunan's first-edition table from its seeded activities (one request closed on 30 June, 23:30 China time). */
const HUNAN_2023: Record<string, number> = {
  '1': 1,
  '1.enterprises': 80,
  '1.participants': 400,
  '1.materials': 2000,
  '2': 1,
  '2.enterprises': 25,
  '3': 20,
  '4': 0,
  '5': 0,
  '6': 1,
  '7': 1,
  '7.enterprises': 40,
  '7.participants': 95,
  '8': 0,
  '9': 0,
  '10': 4,
  '10.central': 1,
};

/** Shandong's, as it submitted it on 6 July 2023. */
const SHANDONG_2023: Record<string, number> = {
  '1': 2,
  '1.enterprises': 165,
  '1.participants': 1460,
  '1.materials': 3000,
  '2': 1,
  '2.enterprises': 18,
  '3': 12,
  '4': 850,
  '5': 36,
  '6': 2,
  '7': 2,
  '7.enterprises': 145,
  '7.participants': 360,
  '8': 5,
  '9': 3,
  '10': 15,
  '10.central': 2,
};

/** The seed's layout: row number, the labels of its lines (first the row's, then its sub-rows), and the units. */
const LAYOUT: [number, string[], string[]][] = [
  [1, ['开展线上线下专题宣传活动', '参与企业', '参与人数', '发放各类宣传材料'], ['场次', '家', '人次', '份']],
  [2, ['召开企业商业秘密保护座谈会、行政指导会', '参与企业'], ['场次', '家']],
  [3, ['调研走访企业'], ['家']],
  [4, ['发放调查问卷'], ['份']],
  [5, ['收集企业商业秘密保护的意见建议'], ['条']],
  [6, ['协调解决企业商业秘密保护诉求和困难'], ['个']],
  [7, ['开展各类能力提升培训活动', '参与企业', '参与人数'], ['场次', '家', '人次']],
  [8, ['公布典型案例'], ['件']],
  [9, ['向党委、政府报送商业秘密保护报告、信息'], ['篇']],
  [10, ['共编发宣传报道', '其中,中央媒体报道数量'], ['篇', '篇']],
];

interface Cell {
  key: string;
  label: string;
  unit: string;
  value: number;
}
const valuesOf = (rows: { cells: Cell[] }[]) =>
  Object.fromEntries(rows.flatMap((r) => r.cells.map((c) => [c.key, c.value])));

/** Moves the API's clock to an instant. */
const at = (iso: string) => TestClock.shift(new Date(iso).getTime() - Date.now());

const binary = (res: request.Response, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('the service month: activities, the statistics table, the request ledger', () => {
  let http: Http;
  let db: DataSource;
  useApi((s) => {
    http = s.http;
    db = s.api.get(DataSource);
  });

  const activity = (o: Record<string, unknown> = {}) => ({
    edition: 'SM-2023',
    kind: 'training',
    title: '郴州片区培训',
    heldOn: '2023-06-20',
    jurisdictionCode: '431000-FTZ',
    enterprises: 10,
    participants: 30,
    ...o,
  });

  /** The fields of an activity without its edition (a correction keeps the edition). */
  const fields = (o: Record<string, unknown> = {}) => {
    const { edition: _edition, ...rest } = activity(o);
    return rest;
  };

  it('lays the template out as the seed prints it', async () => {
    const res = await (await http.as('admin')).get('/reports/stats/editions');
    expect(res.status).toBe(200);
    const first = res.body.find((e: { code: string }) => e.code === 'SM-2023');
    expect(first).toMatchObject({
      title: '首届“服务月”活动开展情况统计表',
      periodFrom: '2023-06-01',
      periodTo: '2023-06-30',
      deadline: '2023-07-07T09:00:00.000Z',
    });
    expect(
      first.rows.map((r: { number: number; cells: Cell[] }) => [
        r.number,
        r.cells.map((c) => c.label),
        r.cells.map((c) => c.unit),
      ]),
    ).toEqual(LAYOUT);
    expect(res.body.map((e: { code: string }) => e.code)).toEqual(['SM-2026', 'SM-2023']);
  });

  it('computes Hunan’s table cell for cell from its activities, and every drill-down sums to its cell', async () => {
    const hn = await http.as('hn-regulator');
    const res = await hn.get('/reports/stats/editions/SM-2023/table');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ provinceCode: '430000', provinceName: '湖南省', status: 'late', locked: false });
    expect(valuesOf(res.body.rows)).toEqual(HUNAN_2023);
    for (const key of Object.keys(HUNAN_2023)) {
      const d = await hn.get(`/reports/stats/editions/SM-2023/table/cells/${key}`);
      expect(d.status).toBe(200);
      const sum =
        d.body.activities.reduce((s: number, a: { contributes: number }) => s + a.contributes, 0) +
        d.body.requests.length;
      expect([key, d.body.value, sum]).toEqual([key, HUNAN_2023[key], HUNAN_2023[key]]);
    }
    // row 10's central-media sub-row is the one central report, not the local one
    const central = await hn.get('/reports/stats/editions/SM-2023/table/cells/10.central');
    expect(central.body.activities.map((a: { activity: { mediaLevel: string } }) => a.activity.mediaLevel)).toEqual([
      'central',
    ]);
    // the national office sees the same table when it names the province; a city bureau is refused another province
    const national = await (await http.as('admin')).get('/reports/stats/editions/SM-2023/table?province=430000');
    expect(valuesOf(national.body.rows)).toEqual(HUNAN_2023);
    const cs = await (await http.as('qd-regulator')).get('/reports/stats/editions/SM-2023/table?province=430000');
    expect(cs.status).toBe(403);
    expect(cs.body.fields).toEqual(['province']);
  });

  it('shows Shandong’s sealed table, refuses editing its activities (409 naming the state), and flags Hunan late', async () => {
    const sd = await http.as('sd-regulator');
    const table = await sd.get('/reports/stats/editions/SM-2023/table');
    expect(table.body).toMatchObject({
      status: 'submitted',
      locked: true,
      submittedByName: '山东省市场监管局 审核员',
    });
    expect(valuesOf(table.body.rows)).toEqual(SHANDONG_2023);

    const list = await sd.get('/reports/activities?edition=SM-2023&province=370000');
    const one = list.body.items[0];
    const edit = await sd.put(`/reports/activities/${one.id}`, {
      ...fields({ jurisdictionCode: '370000' }),
      version: one.version,
    });
    expect(edit.status).toBe(409);
    expect(edit.body.table).toMatchObject({ state: 'submitted', submittedAt: '2023-07-06T02:00:00.000Z' });
    const del = await request(http.server)
      .delete(`/reports/activities/${one.id}?version=${one.version}`)
      .set(await http.auth('sd-regulator'));
    expect(del.status).toBe(409);
    const add = await sd.post('/reports/activities', activity({ jurisdictionCode: '370200' }));
    expect(add.status).toBe(409);
    expect(await sd.post('/reports/stats/editions/SM-2023/submission', {}).then((r) => r.status)).toBe(409);

    const filings = await (await http.as('admin')).get('/reports/stats/editions/SM-2023/filings');
    // every province of the demo: Zhejiang (Jiaxing's targets) has not filed either
    expect(filings.body).toEqual([
      expect.objectContaining({ provinceCode: '330000', status: 'late', late: true, submittedAt: null }),
      expect.objectContaining({
        provinceCode: '370000',
        status: 'submitted',
        late: false,
        submittedAt: '2023-07-06T02:00:00.000Z',
      }),
      expect.objectContaining({ provinceCode: '430000', status: 'late', late: true, submittedAt: null }),
    ]);
    // the later edition: before its deadline nobody is late yet
    at('2026-07-01T00:00:00Z');
    const later = await (await http.as('admin')).get('/reports/stats/editions/SM-2026/filings');
    expect(later.body.map((f: { status: string }) => f.status)).toEqual(['draft', 'draft', 'draft']);
  });

  it('lets Hunan record, correct and delete activities until it submits, late, and then locks them', async () => {
    const hn = await http.as('hn-regulator');
    const created = await hn.post('/reports/activities', activity());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ provinceCode: '430000', kindLabel: '能力提升培训', version: 1 });
    const fixed = await hn.put(`/reports/activities/${created.body.id}`, {
      ...fields({ participants: 35 }),
      version: 1,
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ participants: 35, version: 2 });
    const stale = await hn.put(`/reports/activities/${created.body.id}`, { ...fields(), version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('VERSION_CONFLICT');
    const extra = await hn.post(
      '/reports/activities',
      activity({ kind: 'typical_case', quantity: 2, enterprises: 0, participants: 0 }),
    );
    const removed = await request(http.server)
      .delete(`/reports/activities/${extra.body.id}?version=1`)
      .set(await http.auth('hn-regulator'));
    expect(removed.status).toBe(204);

    const table = await hn.get('/reports/stats/editions/SM-2023/table');
    expect(valuesOf(table.body.rows)).toMatchObject({ '7': 2, '7.enterprises': 50, '7.participants': 130, '8': 0 });

    // a city's bureau cannot submit the province's table; the province's own can, once
    const cs = await (
      await http.as('cs-regulator')
    ).post('/reports/stats/editions/SM-2023/submission', { province: '430000' });
    expect(cs.status).toBe(403);
    const submitted = await hn.post('/reports/stats/editions/SM-2023/submission', {});
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      status: 'submitted_late',
      locked: true,
      submittedByName: '湖南省市场监管局 审核员',
    });
    expect(valuesOf(submitted.body.rows)['7']).toBe(2);
    const locked = await hn.put(`/reports/activities/${created.body.id}`, { ...fields(), version: 2 });
    expect(locked.status).toBe(409);
    expect(locked.body.table.state).toBe('submitted');
    const filings = await (await http.as('admin')).get('/reports/stats/editions/SM-2023/filings');
    const hunan = filings.body.find((f: { provinceCode: string }) => f.provinceCode === '430000');
    expect(hunan).toMatchObject({ status: 'submitted_late', late: true });
  });

  it('refuses bad input with a 4xx naming the field', async () => {
    const hn = await http.as('hn-regulator');
    const negative = await hn.post('/reports/activities', activity({ enterprises: -1 }));
    expect(negative.status).toBe(400);
    expect(negative.body.fields).toContain('enterprises');
    const outside = await hn.post('/reports/activities', activity({ heldOn: '2023-07-01' }));
    expect(outside.status).toBe(400);
    expect(outside.body.fields).toEqual(['heldOn']);
    const notADate = await hn.post('/reports/activities', activity({ heldOn: '2023-13-01' }));
    expect(notADate.status).toBe(400);
    expect(notADate.body.fields).toContain('heldOn');
    const elsewhere = await hn.post('/reports/activities', activity({ jurisdictionCode: '370200' }));
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.fields).toEqual(['jurisdictionCode']);
    const unknown = await hn.post('/reports/activities', activity({ jurisdictionCode: '999999' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual(['jurisdictionCode']);
    const noEdition = await hn.post('/reports/activities', activity({ edition: 'SM-1999' }));
    expect(noEdition.status).toBe(404);
    const noCell = await hn.get('/reports/stats/editions/SM-2023/table/cells/11');
    expect(noCell.status).toBe(404);
    const city = await (await http.as('admin')).get('/reports/stats/editions/SM-2023/table?province=430100');
    expect(city.status).toBe(400);
    expect(city.body.fields).toEqual(['province']);
    // nothing was written
    const list = await hn.get('/reports/activities?edition=SM-2023&province=430000');
    expect(list.body.total).toBe(6);
  });

  it('takes a request from an enterprise to feedback, flags it a lead, and counts it into row 6 once closed', async () => {
    at('2026-06-10T02:00:00Z');
    const applicant = await http.as('cs-applicant');
    const filed = await applicant.post('/reports/requests', {
      title: '前员工泄露配方',
      content: '前研发人员将配方带至竞争对手。',
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      state: 'received',
      source: 'enterprise',
      jurisdictionCode: '430100-FTZ',
      isLead: null,
    });
    const id = filed.body.id;

    const hn = await http.as('hn-regulator');
    const closeEarly = await hn.post(`/reports/requests/${id}/close`, { feedback: '已办结', version: 1 });
    expect(closeEarly.status).toBe(409);
    expect(closeEarly.body).toMatchObject({ state: 'received' });
    const wrongAssignee = await hn.post(`/reports/requests/${id}/assign`, {
      assigneeId: await http.userId('qd-regulator'),
      version: 1,
    });
    expect(wrongAssignee.status).toBe(400);
    expect(wrongAssignee.body.fields).toEqual(['assigneeId']);
    const assigned = await hn.post(`/reports/requests/${id}/assign`, {
      assigneeId: await http.userId('cs-regulator'),
      version: 1,
    });
    expect(assigned.body).toMatchObject({ state: 'assigned', version: 2 });
    const cs = await http.as('cs-regulator');
    const lead = await cs.post(`/reports/requests/${id}/lead`, { lead: true, note: '涉嫌侵犯技术秘密', version: 2 });
    expect(lead.body).toMatchObject({ isLead: true, state: 'assigned', version: 3 });
    await applicant.put('/me/email', { email: 'cs-applicant@example.test' }).expect(200);
    await cs.post(`/reports/requests/${id}/answer`, { answer: '已约谈对方企业', version: 3 }).expect(200);
    // the enterprise wants no more e-mail of its requests: the closing is in the app only
    await applicant
      .put('/me/notification-preferences', { preferences: [{ kind: 'request.feedback', email: false }] })
      .expect(200);
    const closed = await cs.post(`/reports/requests/${id}/close`, { feedback: '已立案查处，感谢配合。', version: 4 });
    expect(closed.body).toMatchObject({ state: 'closed', feedback: '已立案查处，感谢配合。' });

    const leads = await hn.get('/reports/requests?lead=true');
    expect(leads.body.items.map((r: { id: string }) => r.id)).toContain(id);
    // the enterprise reads the feedback and its steps, not the lead flag nor the bureau's notes
    const mine = await applicant.get(`/reports/requests/${id}`);
    expect(mine.body).toMatchObject({
      state: 'closed',
      feedback: '已立案查处，感谢配合。',
      isLead: null,
      answer: null,
    });
    expect(mine.body.events.map((e: { event: string }) => e.event)).toEqual(['record', 'assign', 'answer', 'close']);
    const others = await (await http.as('qd-applicant')).get(`/reports/requests/${id}`);
    expect(others.status).toBe(404);

    // the enterprise heard of the answer (not its text, which is the bureau's) and of the closing with its feedback,
    // in the app and by e-mail as it chose (queued through the outbox with the change); the assignment and the lead
    // flag told it nothing
    const told = (await applicant.get('/me/notifications?pageSize=100').expect(200)).body.items.filter(
      (n: { subjectId: string }) => n.subjectId === id,
    );
    expect(
      told.map((n: { kind: string; title: string; emailStatus: string }) => [n.kind, n.title, n.emailStatus]),
    ).toEqual([
      ['request.feedback', '【诉求办结】前员工泄露配方', 'off'],
      ['request.feedback', '【诉求答复】前员工泄露配方', 'pending'],
    ]);
    expect(told[0]).toMatchObject({ subjectType: 'request', link: '/my-requests' });
    expect(told[0].body).toContain('办理反馈：已立案查处，感谢配合。');
    expect(told[1].body).not.toContain('已约谈对方企业');
    const rows: { username: string; email_status: string; queued: boolean }[] = await db.query(
      `SELECT u.username, n.email_status, EXISTS (SELECT 1 FROM outbox o WHERE o.job_id = 'email.' || n.id) AS queued
         FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.subject_id = $1 ORDER BY n.created_at`,
      [id],
    );
    expect(rows).toEqual([
      { username: 'cs-applicant', email_status: 'pending', queued: true },
      { username: 'cs-applicant', email_status: 'off', queued: false },
    ]);

    // closed in June 2026: Hunan's 2026 table counts it in row 6, and the drill-down names it
    const table = await hn.get('/reports/stats/editions/SM-2026/table');
    expect(valuesOf(table.body.rows)['6']).toBe(1);
    const row6 = await hn.get('/reports/stats/editions/SM-2026/table/cells/6');
    expect(row6.body.requests.map((r: { id: string; isLead: boolean }) => [r.id, r.isLead])).toEqual([[id, true]]);
  });

  it('lets the national office open the next edition with the last one’s template and a new period and deadline', async () => {
    const next = {
      code: 'SM-2027',
      name: '2027年“服务月”',
      title: '2027年“服务月”活动开展情况统计表',
      periodFrom: '2027-06-01',
      periodTo: '2027-06-30',
      deadline: '2027-07-09T17:00:00+08:00',
    };
    const province = await (await http.as('hn-regulator')).post('/reports/stats/editions', next);
    expect(province.status).toBe(403);
    const cn = await http.as('cn-regulator');
    const bad = async (o: Record<string, unknown>, status: number, fields: string[]) => {
      const res = await cn.post('/reports/stats/editions', { ...next, ...o });
      expect([res.status, res.body.fields]).toEqual([status, fields]);
    };
    await bad({ periodTo: '2027-05-31' }, 400, ['periodTo']);
    await bad({ deadline: '2027-06-30T17:00:00+08:00' }, 400, ['deadline']);
    await bad({ periodFrom: '2026-06-20' }, 400, ['periodFrom']);
    await bad({ code: 'SM-2026' }, 409, ['code']);
    await bad({ copyFrom: 'SM-1999' }, 400, ['copyFrom']);
    await bad({ deadline: 'next July' }, 400, ['deadline']);
    await bad({ code: 'sm 2027' }, 400, ['code']);

    const created = await cn.post('/reports/stats/editions', next);
    expect(created.status).toBe(201);
    const editions = (await cn.get('/reports/stats/editions')).body;
    expect(editions.map((e: { code: string }) => e.code)).toEqual(['SM-2027', 'SM-2026', 'SM-2023']);
    expect(editions[0]).toMatchObject({
      code: 'SM-2027',
      periodFrom: '2027-06-01',
      periodTo: '2027-06-30',
      deadline: '2027-07-09T09:00:00.000Z',
    });
    expect(editions[0].rows).toEqual(editions[1].rows);
    // the new edition takes its activities and computes its table like the others
    const hn = await http.as('hn-regulator');
    const recorded = await hn.post('/reports/activities', activity({ edition: 'SM-2027', heldOn: '2027-06-15' }));
    expect(recorded.status).toBe(201);
    const table = await hn.get('/reports/stats/editions/SM-2027/table');
    expect(valuesOf(table.body.rows)).toMatchObject({ '7': 1, '7.enterprises': 10, '7.participants': 30 });
  });

  it('exports the table as XLSX in the seed’s layout, read back with exceljs, and as CSV', async () => {
    const res = await request(http.server)
      .get('/reports/stats/editions/SM-2023/table.xlsx')
      .set(await http.auth('sd-regulator'))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('首届“服务月”活动开展情况统计表');
    expect(ws.getCell('A2').value).toBe('填报单位(盖章):山东省');
    expect(ws.getCell('A3').value).toBe('2023年7月6日');
    expect([1, 2, 3].map((c) => ws.getCell(4, c).value)).toEqual(['序号', '具体内容', '数据']);
    const merges = (ws.model as unknown as { merges: string[] }).merges.sort();
    expect(merges).toEqual(['A1:C1', 'A2:C2', 'A3:C3', 'A5:A8', 'A9:A10', 'A15:A17', 'A20:A21'].sort());
    let r = 5;
    // in the table's order (Object.keys would put the integer-like keys first)
    const keys = [
      '1',
      '1.enterprises',
      '1.participants',
      '1.materials',
      '2',
      '2.enterprises',
      '3',
      '4',
      '5',
      '6',
      '7',
    ].concat(['7.enterprises', '7.participants', '8', '9', '10', '10.central']);
    let k = 0;
    for (const [number, labels, units] of LAYOUT) {
      expect(ws.getCell(r, 1).value).toBe(number);
      labels.forEach((label, i) => {
        expect(ws.getCell(r + i, 2).value).toBe(label);
        expect(ws.getCell(r + i, 3).value).toBe(SHANDONG_2023[keys[k]]);
        expect(ws.getCell(r + i, 3).numFmt).toBe(`"("0")${units[i]}"`);
        k++;
      });
      r += labels.length;
    }
    expect(ws.getCell(r, 2).value).toBeNull();

    const csv = await request(http.server)
      .get('/reports/stats/editions/SM-2023/table.csv')
      .set(await http.auth('sd-regulator'));
    expect(csv.status).toBe(200);
    const records = readCsv(csv.text).map((rec) => rec.fields);
    expect(records[0]).toEqual(['序号', '具体内容', '数据', '单位']);
    expect(records[1]).toEqual(['1', '开展线上线下专题宣传活动', '2', '场次']);
    expect(records[17]).toEqual(['', '其中,中央媒体报道数量', '2', '篇']);
  });

  it('exports the activities and requests lists as CSV and XLSX', async () => {
    const csv = await request(http.server)
      .get('/reports/activities/export?edition=SM-2023&format=csv')
      .set(await http.auth('hn-regulator'));
    expect(csv.status).toBe(200);
    const rows = readCsv(csv.text).map((r) => r.fields);
    expect(rows[0].slice(0, 3)).toEqual(['日期', '类别', '活动名称']);
    expect(rows).toHaveLength(1 + 6);
    const unknown = await request(http.server)
      .get('/reports/activities/export?edition=SM-1999')
      .set(await http.auth('hn-regulator'));
    expect(unknown.status).toBe(404);
    const xlsx = await request(http.server)
      .get('/reports/requests/export?format=xlsx')
      .set(await http.auth('admin'))
      .buffer(true)
      .parse(binary);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    const ws = wb.worksheets[0];
    expect(ws.getCell('B1').value).toBe('企业');
    expect(ws.rowCount).toBe(1 + 5);
    const leads = [];
    for (let i = 2; i <= ws.rowCount; i++) if (ws.getCell(i, 9).value === '是') leads.push(ws.getCell(i, 4).value);
    expect(leads).toEqual(['离职技术骨干带走图纸']);
  });
});
