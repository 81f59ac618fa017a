import { ApplicationEntity } from '@app/accreditation';
import { AccreditationState, Role, usccCheckCharacter } from '@app/domain';
import { UserEntity } from '@app/identity';
import { demoPasswordHash, Factories } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import http from 'http';
import type { AddressInfo } from 'net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Http, sleep, useApi } from './support/apps';
import { binary, csvRecords, rowsOf, workbook, XLSX } from './support/export-files';
import { designatedApplication, disbursement, disbursementIdsOf } from './support/subsidy';

/** A valid credit code for the n-th export test organisation of a district. */
const creditCode = (district: string, n: number): string => {
  const first17 = `91${district}MA9E${String(n).padStart(4, '0')}X`;
  return first17 + usccCheckCharacter(first17);
};

/**
 * Every list exported (GET <list>/export?format=csv|xlsx): the files read back (exceljs; csv-parse), the list's
 * filters and access applied (another jurisdiction's rows absent), bad input refused, and a large export streamed:
 * its first bytes arrive while its cursor is still open, and a download cancelled midway ends the query.
 */
describe('exports', () => {
  let api: INestApplication;
  let client: Http;
  let factories: Factories;

  useApi((s) => {
    ({ api, http: client } = s);
    factories = new Factories(api);
  });

  const download = async (username: string | null, url: string, status = 200) =>
    request(client.server)
      .get(url)
      .set(await client.auth(username))
      .buffer(true)
      .parse(binary)
      .expect(status);

  describe('the applications list', () => {
    it('as XLSX: the Chinese header, the rows the regulator may see, no other jurisdiction, the filters applied', async () => {
      const draft = await factories.application(AccreditationState.Draft);
      const review = await factories.application(AccreditationState.PreliminaryReview, {
        applicant: (await factories.applicant('qd', 1)).username,
      });
      const foreign = await factories.application(AccreditationState.PreliminaryReview, {
        applicant: 'cs-applicant',
        programme: 'HNFTZ-CS-2026',
      });

      const res = await download('qd-regulator', '/applications/export?format=xlsx');
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="____.xlsx"; filename*=UTF-8''${encodeURIComponent('申请列表')}.xlsx`,
      );
      expect(res.headers['cache-control']).toBe('private, no-store');
      const sheet = await workbook(res.body as Buffer);
      const rows = rowsOf(sheet);
      expect(rows[0]).toEqual([
        '申请编号',
        '申请名称',
        '申报单位',
        '统一社会信用代码',
        '项目',
        '辖区代码',
        '辖区',
        '单位类型',
        '级别',
        '状态',
        '提交时间',
        '认定时间',
        '有效期至',
      ]);
      const references = rows.slice(1).map((r) => r[0]);
      expect(references.sort()).toEqual([draft.reference, review.reference].sort()); // the list's rows, Changsha's absent
      expect(references).not.toContain(foreign.reference);
      const reviewRow = rows.find((r) => r[0] === review.reference)!;
      expect(reviewRow[9]).toBe('初审');
      expect(reviewRow[5]).toBe('370211-FTZ');
      expect(reviewRow[7]).toBe('示范点'); // the Qingdao FTZ programme designates demonstration points
      expect(reviewRow[10]).toBeInstanceOf(Date); // the submission, as China wall time
      const submitted = review.submittedAt!.getTime() + 8 * 3600_000;
      expect(Math.abs((reviewRow[10] as Date).getTime() - submitted)).toBeLessThan(1000);

      // the list and the export agree, filters included
      const listed = await (await client.as('qd-regulator')).get('/applications?state=draft&pageSize=100').expect(200);
      const filtered = rowsOf(
        await workbook((await download('qd-regulator', '/applications/export?state=draft')).body),
      );
      expect(filtered.slice(1).map((r) => r[0])).toEqual(
        listed.body.items.map((a: { reference: string }) => a.reference),
      );
      expect(filtered.slice(1).map((r) => r[0])).toEqual([draft.reference]);

      // Hunan's provincial regulator sees Changsha's only
      const hunan = csvRecords((await download('hn-regulator', '/applications/export?format=csv')).body);
      expect(hunan.slice(1).map((r) => r[0])).toEqual([foreign.reference]);
    }, 120_000);

    it('as CSV for the applicant: only its own organisation; an evaluator file does not name the applicant', async () => {
      const mine = await factories.application(AccreditationState.Acceptance);
      await factories.application(AccreditationState.PreliminaryReview, {
        applicant: (await factories.applicant('qd', 2)).username,
      });
      const res = await download('qd-applicant', '/applications/export?format=csv');
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const records = csvRecords(res.body);
      expect(records.slice(1).map((r) => r[0])).toEqual([mine.reference]);
      expect(records[1][9]).toBe('验收');
      expect(records[1][10]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

      const evaluator = csvRecords((await download('qd-evaluator-1', '/applications/export?format=csv')).body);
      expect(evaluator[0]).not.toContain('申报单位');
      expect(evaluator[0]).not.toContain('统一社会信用代码');
    }, 120_000);

    it('refuses a bad format or filter with 400 naming the field, and the public with 401', async () => {
      const bad = await download('qd-regulator', '/applications/export?format=pdf', 400);
      expect(JSON.parse((bad.body as Buffer).toString('utf8'))).toMatchObject({ error: 'VALIDATION_FAILED' });
      expect((bad.body as Buffer).toString('utf8')).toContain('format');
      const unknown = await download('qd-regulator', '/applications/export?jurisdictionCode=999999', 400);
      expect((unknown.body as Buffer).toString('utf8')).toContain('jurisdictionCode');
      await download(null, '/applications/export', 401);
    });
  });

  describe('the disbursements list', () => {
    it('money in yuan with two decimals (CSV text, XLSX a number formatted #,##0.00), for finance of the bureau only', async () => {
      const flow = await designatedApplication(client, 'qd-applicant');
      const [id] = await disbursementIdsOf(api, flow.id);
      const { reference } = await disbursement(client, id);

      const csv = csvRecords((await download('qd-finance', '/finance/disbursements/export?format=csv')).body);
      expect(csv[0].slice(0, 7)).toEqual([
        '拨付编号',
        '申报单位',
        '统一社会信用代码',
        '申请编号',
        '项目',
        '金额（元）',
        '状态',
      ]);
      expect(csv.slice(1)).toHaveLength(1);
      expect(csv[1][0]).toBe(reference);
      expect(csv[1][1]).toBe('青岛海湾精密机械有限公司');
      expect(csv[1][5]).toBe('50000.00');
      expect(csv[1][6]).toBe('待经办');

      const sheet = await workbook((await download('qd-finance', '/finance/disbursements/export?format=xlsx')).body);
      const amount = sheet.getRow(2).getCell(6);
      expect(amount.value).toBe(50000);
      expect(amount.numFmt).toBe('#,##0.00');

      // filters as the list: none paid yet
      const paid = csvRecords(
        (await download('qd-finance', '/finance/disbursements/export?format=csv&state=paid')).body,
      );
      expect(paid).toHaveLength(1);
      // another bureau's finance sees none of Qingdao's; a regulator may not export money at all
      const changsha = csvRecords((await download('cs-finance', '/finance/disbursements/export?format=csv')).body);
      expect(changsha).toHaveLength(1);
      await download('qd-regulator', '/finance/disbursements/export', 403);
      // the old CSV for scripts is as it was
      const old = await (await client.as('qd-finance')).get('/finance/disbursements/export.csv').expect(200);
      expect(old.text.split('\n')[0]).toBe(
        'reference,state,amount_yuan,organisation_id,programme_id,approved_at,paid_at,bank_reference,reconciliation,last_error',
      );
    }, 120_000);
  });

  describe('the public register, the to-do and the done lists', () => {
    it('the register for anyone, without sign-in: open notices and titles, no drafts', async () => {
      const flow = await designatedApplication(client, 'qd-applicant');
      const { reference } = await api.get(DataSource).getRepository(ApplicationEntity).findOneByOrFail({ id: flow.id });
      await factories.application(AccreditationState.Draft, {
        applicant: (await factories.applicant('qd', 3)).username,
      });
      const records = csvRecords((await download(null, '/public/register/export?format=csv')).body);
      expect(records[0]).toEqual([
        '申请编号',
        '名称',
        '单位类型',
        '级别',
        '辖区代码',
        '辖区',
        '状态',
        '公示截止',
        '认定时间',
        '有效期至',
      ]);
      const designated = records.find((r) => r[0] === reference);
      expect(designated?.[6]).toBe('认定');
      expect(records.slice(1).every((r) => ['公示', '认定'].includes(r[6]))).toBe(true);
      await download(null, '/public/register/export?state=draft', 400);
    }, 120_000);

    it('待办 and 已办: the caller’s own items, in the list’s order', async () => {
      const review = await factories.application(AccreditationState.PreliminaryReview);
      const todo = rowsOf(await workbook((await download('qd-regulator', '/me/todo/export')).body));
      expect(todo[0]).toEqual([
        '事项',
        '编号',
        '名称',
        '办理环节',
        '状态',
        '到达时间',
        '办理期限',
        '是否逾期',
        '剩余工作日',
      ]);
      const listed = await (await client.as('qd-regulator')).get('/me/todo?pageSize=100').expect(200);
      expect(todo.slice(1).map((r) => r[1])).toEqual(listed.body.items.map((i: { reference: string }) => i.reference));
      expect(todo.find((r) => r[1] === review.reference)?.[3]).toBe('初审');

      const done = csvRecords((await download('qd-applicant', '/me/done/export?format=csv')).body);
      expect(done[0]).toEqual(['事项', '编号', '名称', '操作', '原状态', '新状态', '办理时间']);
      expect(done.slice(1).some((r) => r[1] === review.reference && r[3] === '提交申请' && r[5] === '初审')).toBe(true);
      // nobody else's: the Changsha applicant did nothing here
      expect(csvRecords((await download('cs-applicant', '/me/done/export?format=csv')).body)).toHaveLength(1);
    }, 120_000);
  });

  describe('the organisations and the expert pool', () => {
    it('the organisations awaiting verification: the regulator’s subtree only, the status filter, for the bureau only', async () => {
      const register = (n: number, district: string, jurisdictionCode: string) =>
        request(client.server)
          .post('/organisations/registrations')
          .send({
            name: `导出测试${n}有限公司`,
            creditCode: creditCode(district, n),
            kind: 'enterprise',
            jurisdictionCode,
            contact: { name: '王芳', phone: '0532-86881234', email: 'wangfang@example.cn' },
            user: { username: `export-user-${n}`, displayName: '王芳', password: '海湾-灯塔-蓝色-37' },
          })
          .expect(201);
      await register(1, '370211', '370211-FTZ');
      await register(2, '430100', '430100-FTZ');

      const res = await download('qd-regulator', '/organisations/registrations/export?format=xlsx');
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('注册单位列表'));
      const rows = rowsOf(await workbook(res.body as Buffer));
      expect(rows[0]).toEqual([
        '单位名称',
        '统一社会信用代码',
        '单位类型',
        '辖区代码',
        '辖区',
        '认证状态',
        '联系人',
        '联系电话',
        '联系邮箱',
        '注册时间',
      ]);
      const listed = await (await client.as('qd-regulator')).get('/organisations/registrations').expect(200);
      expect(rows.slice(1).map((r) => r[1])).toEqual(listed.body.map((o: { creditCode: string }) => o.creditCode));
      const mine = rows.find((r) => r[0] === '导出测试1有限公司')!;
      expect(mine.slice(1, 9)).toEqual([
        creditCode('370211', 1),
        '企业',
        '370211-FTZ',
        expect.any(String),
        '待认证',
        '王芳',
        '0532-86881234',
        'wangfang@example.cn',
      ]);
      expect(mine[9]).toBeInstanceOf(Date);
      expect(rows.map((r) => r[0])).not.toContain('导出测试2有限公司'); // Changsha's

      // the status filter: the verified ones are the seed's organisations, not the pending registration
      const verified = csvRecords(
        (await download('qd-regulator', '/organisations/registrations/export?status=verified&format=csv')).body,
      );
      expect(verified.length).toBeGreaterThan(1);
      expect(verified.slice(1).every((r) => r[5] === '已认证')).toBe(true);
      expect(verified.map((r) => r[0])).not.toContain('导出测试1有限公司');
      const cs = csvRecords((await download('cs-regulator', '/organisations/registrations/export?format=csv')).body);
      expect(cs.slice(1).map((r) => r[0])).toEqual(['导出测试2有限公司']);

      await download('qd-regulator', '/organisations/registrations/export?status=gone', 400);
      await download('qd-applicant', '/organisations/registrations/export', 403);
      await download(null, '/organisations/registrations/export', 401);
    }, 120_000);

    it('the expert pool: the search’s filters and order, fields in Chinese, for regulators and admins only', async () => {
      const url = '/experts/export?field=machinery&jurisdictionCode=370200&format=csv';
      const records = csvRecords((await download('qd-regulator', url)).body);
      expect(records[0]).toEqual([
        '姓名',
        '用户名',
        '辖区代码',
        '专业领域',
        '工作单位',
        '工作单位统一社会信用代码',
        '回避单位信用代码',
        '可抽取',
        '暂停至',
        '今日可抽取',
        '资料更新时间',
      ]);
      const listed = await (
        await client.as('qd-regulator')
      )
        .get('/experts?field=machinery&jurisdictionCode=370200&pageSize=100')
        .expect(200);
      expect(records.slice(1).map((r) => r[1])).toEqual(listed.body.items.map((e: { username: string }) => e.username));
      expect(records.length).toBeGreaterThan(1);
      expect(records.slice(1).every((r) => r[3].split('、').includes('机械'))).toBe(true);
      expect(records.slice(1).every((r) => ['是', '否'].includes(r[9]))).toBe(true);

      const whole = rowsOf(await workbook((await download('admin', '/experts/export')).body));
      const all = await (await client.as('admin')).get('/experts?pageSize=100').expect(200);
      expect(whole.length - 1).toBe(all.body.total);

      await download('qd-regulator', '/experts/export?field=astrology', 400);
      await download('qd-regulator', '/experts/export?jurisdictionCode=999999', 400);
      await download('qd-evaluator-1', '/experts/export', 403);
      await download('qd-applicant', '/experts/export', 403);
    }, 120_000);
  });

  describe('the enterprise directory', () => {
    it('a city its own entries, the province its cities’, the list’s filters and order, not another province', async () => {
      const passwordHash = await demoPasswordHash();
      for (const [username, code] of [
        ['cs-city', '430100'],
        ['yy-city', '430600'],
      ])
        await api
          .get(DataSource)
          .getRepository(UserEntity)
          .insert({
            username,
            displayName: `${code} 名录库管理员`,
            role: Role.Regulator,
            passwordHash,
            jurisdictionCode: code,
            organisationId: null,
          });
      const entry = (n: number, name: string, riskTier: string) => ({
        name,
        creditCode: creditCode('430100', 100 + n),
        industry: '新材料',
        needs: '核心配方与工艺参数',
        riskTier,
        assessedOn: '2026-11-20',
        assessmentBasis: '现场走访与问卷评估',
        contactName: '王经理',
        contactPhone: '0731-88888888',
      });
      const cs = await client.as('cs-city');
      await cs.post('/directory/entries', entry(1, '长沙乙材料有限公司', 'high')).expect(201);
      await cs.post('/directory/entries', entry(2, '长沙甲科技有限公司', 'low')).expect(201);
      await (await client.as('yy-city')).post('/directory/entries', entry(3, '岳阳丙化工有限公司', 'high')).expect(201);

      const res = await download('cs-city', '/directory/entries/export?format=xlsx');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('企业名录库'));
      const rows = rowsOf(await workbook(res.body as Buffer));
      expect(rows[0]).toEqual([
        '地市代码',
        '地市',
        '企业名称',
        '统一社会信用代码',
        '行业',
        '保护需求',
        '风险等级',
        '评估日期',
        '评估依据',
        '联系人',
        '联系电话',
        '更新时间',
      ]);
      const listed = await cs.get('/directory/entries?pageSize=100').expect(200);
      expect(rows.slice(1).map((r) => r[2])).toEqual(listed.body.items.map((e: { name: string }) => e.name));
      expect(rows.slice(1).map((r) => r[2])).toEqual(['长沙乙材料有限公司', '长沙甲科技有限公司']); // not Yueyang's
      expect(rows[1].slice(0, 11)).toEqual([
        '430100',
        expect.any(String),
        '长沙乙材料有限公司',
        creditCode('430100', 101),
        '新材料',
        '核心配方与工艺参数',
        '高风险',
        '2026-11-20',
        '现场走访与问卷评估',
        '王经理',
        '0731-88888888',
      ]);
      expect(rows[1][11]).toBeInstanceOf(Date);

      // the province: its cities', by city then name; the filters as the list's
      const province = csvRecords((await download('hn-regulator', '/directory/entries/export?format=csv')).body);
      expect(province.slice(1).map((r) => r[2])).toEqual([
        '长沙乙材料有限公司',
        '长沙甲科技有限公司',
        '岳阳丙化工有限公司',
      ]);
      const high = csvRecords(
        (await download('hn-regulator', '/directory/entries/export?format=csv&riskTier=high&jurisdictionCode=430600'))
          .body,
      );
      expect(high.slice(1).map((r) => r[2])).toEqual(['岳阳丙化工有限公司']);
      // Shandong's regulator sees none of Hunan's
      expect(csvRecords((await download('qd-regulator', '/directory/entries/export?format=csv')).body)).toHaveLength(1);

      await download('hn-regulator', '/directory/entries/export?riskTier=extreme', 400);
      await download('cs-applicant', '/directory/entries/export', 403);
      await download(null, '/directory/entries/export', 401);
    }, 120_000);
  });

  describe('the service month’s ledgers', () => {
    it('activities and requests: the list’s rows and order, the caller’s subtree only, refused where the list refuses', async () => {
      const hn = await client.as('hn-regulator');
      const listed = (await hn.get('/reports/activities?edition=SM-2023&pageSize=100').expect(200)).body;
      const csv = csvRecords(
        (await download('hn-regulator', '/reports/activities/export?edition=SM-2023&format=csv')).body,
      );
      expect(csv[0]).toEqual([
        '日期',
        '类别',
        '活动名称',
        '辖区代码',
        '辖区',
        '参与企业(家)',
        '参与人数(人次)',
        '发放材料(份)',
        '数量(条/件/篇)',
        '媒体级别',
        '备注',
      ]);
      expect(csv.slice(1).map((r) => r[2])).toEqual(listed.items.map((a: { title: string }) => a.title));
      expect(csv.length).toBeGreaterThan(1);
      expect(csv.slice(1).every((r) => r[3].startsWith('43'))).toBe(true);
      const first = listed.items[0] as { heldOn: string; participants: number };
      expect(csv[1][0]).toBe(first.heldOn);
      expect(csv[1][6]).toBe(String(first.participants));

      // XLSX: counts are numbers; Shandong's regulator sees none of Hunan's
      const qd = rowsOf(await workbook((await download('qd-regulator', '/reports/activities/export')).body));
      expect(qd.length).toBeGreaterThan(1);
      expect(qd.slice(1).every((r) => String(r[3]).startsWith('37'))).toBe(true);
      expect(qd.slice(1).every((r) => typeof r[6] === 'number')).toBe(true);
      await download('hn-regulator', '/reports/activities/export?edition=SM-1999', 404);
      await download('hn-regulator', '/reports/activities/export?format=pdf', 400);

      const requests = rowsOf(await workbook((await download('hn-regulator', '/reports/requests/export')).body));
      expect(requests[0]).toEqual([
        '登记时间',
        '企业',
        '辖区代码',
        '诉求',
        '内容',
        '状态',
        '答复',
        '反馈',
        '线索',
        '办结时间',
      ]);
      const ledger = (await hn.get('/reports/requests?pageSize=100').expect(200)).body;
      expect(requests.slice(1).map((r) => r[3])).toEqual(ledger.items.map((r: { title: string }) => r.title));
      expect(requests.slice(1).every((r) => String(r[2]).startsWith('43'))).toBe(true);
      expect(requests[1][0]).toBeInstanceOf(Date);
      const leads = csvRecords((await download('hn-regulator', '/reports/requests/export?lead=true&format=csv')).body);
      expect(leads.slice(1).every((r) => r[8] === '是')).toBe(true);
      await download('qd-applicant', '/reports/requests/export', 403);
      await download('qd-finance', '/reports/activities/export', 403);
    }, 120_000);
  });

  describe('the pilot progress reports', () => {
    it('a region its own, a regulator its subtree, the half-year filter, the list’s order', async () => {
      const db = api.get(DataSource);
      const report = async (applicationId: string, halfYear: string, dueOn: string, submittedAt: Date | null) =>
        db.query(
          `INSERT INTO pilot_reports (application_id, programme_id, organisation_id, jurisdiction_path, half_year,
                                      due_on, summary, submitted_at, created_at)
           SELECT a.id, a.programme_id, a.organisation_id, j.path, $2, $3::date, $4, $5, now()
             FROM applications a JOIN jurisdictions j ON j.code = a.jurisdiction_code WHERE a.id = $1`,
          [applicationId, halfYear, dueOn, submittedAt ? '推进情况良好' : null, submittedAt],
        );
      const qd = await factories.application(AccreditationState.Draft);
      const cs = await factories.application(AccreditationState.Draft, {
        applicant: 'cs-applicant',
        programme: 'HNFTZ-CS-2026',
      });
      await report(qd.id, '2027-H2', '2027-12-31', null);
      await report(qd.id, '2027-H1', '2027-06-30', new Date('2027-06-20T02:00:00Z'));
      await report(cs.id, '2027-H2', '2027-12-31', null);

      const res = await download('qd-regulator', '/pilot-reports/export?format=xlsx');
      expect(res.headers['content-disposition']).toContain(encodeURIComponent('试点进展报告'));
      const rows = rowsOf(await workbook(res.body as Buffer));
      expect(rows[0]).toEqual([
        '申请编号',
        '试点地区',
        '省份代码',
        '报告期',
        '报送期限',
        '状态',
        '报送时间',
        '进展摘要',
        '提醒时间',
        '逾期标记时间',
      ]);
      const listed = (await (await client.as('qd-regulator')).get('/pilot-reports').expect(200)).body;
      expect(rows.slice(1).map((r) => r[4])).toEqual(listed.map((r: { dueOn: string }) => r.dueOn));
      expect(rows.slice(1).map((r) => [r[0], r[3], r[4]])).toEqual([
        [qd.reference, '2027年上半年', '2027-06-30'],
        [qd.reference, '2027年下半年', '2027-12-31'],
      ]); // Changsha's absent
      expect(rows[1][5]).toBe('已按时报送');
      expect(rows[1][6]).toBeInstanceOf(Date);
      expect(rows[1][7]).toBe('推进情况良好');

      const own = csvRecords(
        (await download('qd-applicant', '/pilot-reports/export?format=csv&halfYear=2027-H2')).body,
      );
      expect(own.slice(1).map((r) => [r[0], r[3]])).toEqual([[qd.reference, '2027年下半年']]);
      const hunan = csvRecords((await download('hn-regulator', '/pilot-reports/export?format=csv')).body);
      expect(hunan.slice(1).map((r) => r[0])).toEqual([cs.reference]);

      await download('qd-regulator', '/pilot-reports/export?halfYear=2027', 400);
      await download('qd-evaluator-1', '/pilot-reports/export', 403);
      await download(null, '/pilot-reports/export', 401);
    }, 120_000);
  });

  describe('a large export', () => {
    const ROWS = 20_000;

    /** ROWS copies of one draft (a fixture shortcut straight into the table). */
    async function manyApplications(): Promise<void> {
      const draft = await factories.application(AccreditationState.Draft);
      await api.get(DataSource).query(
        `INSERT INTO applications (reference, programme_id, organisation_id, jurisdiction_code, jurisdiction_path,
                                   unit_kind, level, title, state, snapshot, version, materials, created_by,
                                   submitted_at, created_at, updated_at)
         SELECT 'BULK-' || i, programme_id, organisation_id, jurisdiction_code, jurisdiction_path, unit_kind, level,
                title || ' ' || i, state, snapshot, version, materials, created_by, submitted_at,
                created_at - i * interval '1 second', updated_at
           FROM applications a, generate_series(1, $2::int) i WHERE a.id = $1`,
        [draft.id, ROWS],
      );
    }

    /** Sessions holding an export's transaction open: idle between two batches (the reader paused) or fetching one. */
    async function openCursors(): Promise<number> {
      const [{ n }] = await api.get(DataSource).query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
              AND (state = 'idle in transaction' OR (state = 'active' AND query LIKE '%export_cursor%'))`,
      );
      return n;
    }

    async function listening(): Promise<number> {
      const server = client.server as http.Server;
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return (server.address() as AddressInfo).port;
    }

    it('streams every row: the first bytes arrive while the cursor is still open, and the whole file has them all', async () => {
      await manyApplications();
      const port = await listening();
      const token = await client.token('qd-regulator');
      const { first, rest, cursorsWhileFirst } = await new Promise<{
        first: Buffer;
        rest: Buffer;
        cursorsWhileFirst: number;
      }>((resolve, reject) => {
        http
          .get(
            {
              host: '127.0.0.1',
              port,
              path: '/applications/export?format=csv',
              headers: { authorization: `Bearer ${token}` },
            },
            (res) => {
              expect(res.statusCode).toBe(200);
              res.once('readable', () => {
                const head = res.read() as Buffer;
                res.pause();
                // the reader has not read on: the producer waits, its cursor open
                openCursors().then((cursors) => {
                  const chunks: Buffer[] = [];
                  res.on('data', (c: Buffer) => chunks.push(c));
                  res.on('end', () =>
                    resolve({ first: head, rest: Buffer.concat(chunks), cursorsWhileFirst: cursors }),
                  );
                  res.resume();
                }, reject);
              });
            },
          )
          .on('error', reject);
      });
      expect(first.length).toBeGreaterThan(0);
      expect(cursorsWhileFirst).toBe(1);
      const records = csvRecords(Buffer.concat([first, rest]));
      expect(records).toHaveLength(ROWS + 2); // header, the draft and its copies
      expect(new Set(records.slice(1).map((r) => r[0])).size).toBe(ROWS + 1);
      for (let i = 0; i < 50 && (await openCursors()) > 0; i++) await sleep(100);
      expect(await openCursors()).toBe(0);
    }, 180_000);

    it('a download cancelled midway closes its cursor and gives the connection back', async () => {
      await manyApplications();
      const port = await listening();
      const token = await client.token('qd-regulator');
      await new Promise<void>((resolve, reject) => {
        const req = http.get(
          {
            host: '127.0.0.1',
            port,
            path: '/applications/export?format=xlsx',
            headers: { authorization: `Bearer ${token}` },
          },
          (res) => {
            res.once('data', () => {
              res.pause();
              const cancel = async () => {
                for (let i = 0; i < 50 && (await openCursors()) === 0; i++) await sleep(50);
                expect(await openCursors()).toBe(1); // the export waits on its reader, cursor open
                req.destroy(); // the user cancels the download
              };
              cancel().then(resolve, reject);
            });
          },
        );
        req.on('error', () => undefined); // the destroyed request's own error
      });
      for (let i = 0; i < 100 && (await openCursors()) > 0; i++) await sleep(100);
      expect(await openCursors()).toBe(0);
      // the API goes on serving
      await (await client.as('qd-regulator')).get('/applications?pageSize=1').expect(200);
    }, 180_000);
  });
});
