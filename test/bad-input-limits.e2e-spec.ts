import { databaseErrorAnswer, readCsv } from '@app/platform';
import { TreasuryInstructionGateway } from '@app/subsidy';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { mkdtemp, readdir, readFile, rm } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Flow, Http, useApi } from './support/apps';
import { designatedApplication, disbursementIdsOf } from './support/subsidy';

/** The findings that answered 500: each is a 400 naming the field, and nothing is written. */
describe('bad input: the causes that answered 500', () => {
  // several applications driven through the engine, or statements of megabytes: slow on a loaded machine
  jest.setTimeout(60_000);
  let api: INestApplication;
  let http: Http;

  useApi((s) => ({ api, http } = s));

  it('bounds page and pageSize on every list (page=1e21 was a 500)', async () => {
    const finance = await http.as('qd-finance');
    const regulator = await http.as('qd-regulator');
    for (const [who, path] of [
      [finance, '/finance/disbursements'],
      [regulator, '/applications'],
    ] as const) {
      for (const q of ['page=1e21', 'page=2147483648', 'page=1000001', 'page=-1', 'page=abc', 'pageSize=1e6']) {
        const res = await who.get(`${path}?${q}`);
        const field = q.split('=')[0];
        expect({ path, q, status: res.status, fields: res.body.fields }).toEqual({
          path,
          q,
          status: 400,
          fields: [field],
        });
      }
    }
    expect((await finance.get('/finance/disbursements?page=1000000')).status).toBe(200);
  });

  it('bounds the calendar year in the path (2147483648 was a 500 to anyone)', async () => {
    const anyone = await http.as(null);
    for (const year of ['2147483648', '99999999999999999999', '-5', '0', '10000', '2026.5', '1e3']) {
      const res = await anyone.get(`/calendar/${year}`);
      expect({ year, status: res.status, error: res.body.error, fields: res.body.fields }).toEqual({
        year,
        status: 400,
        error: 'VALIDATION_FAILED',
        fields: ['year'],
      });
    }
    expect((await anyone.get('/calendar/2026')).status).toBe(200);
    const admin = await http.as('admin');
    const put = await admin.put('/calendar/2147483648', { days: [], source: 'x' });
    expect(put.status).toBe(400);
    expect(put.body.fields).toEqual(['year']);
  });

  it('refuses JSON nested too deep before validation recurses into it (10,000 deep was a stack overflow)', async () => {
    const flow = await Flow.create(http);
    const auth = await http.auth('qd-applicant');
    for (const depth of [10_000, 40]) {
      const body = `{"type":"SUBMIT","version":1,"comment":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const res = await request(api.getHttpServer())
        .post(`/applications/${flow.id}/events`)
        .set(auth)
        .set('Content-Type', 'application/json')
        .send(body);
      expect({ depth, status: res.status, error: res.body.error, fields: res.body.fields }).toEqual({
        depth,
        status: 400,
        error: 'VALIDATION_FAILED',
        fields: ['comment'],
      });
      expect(res.body.message).toMatch(/nested more than 32 levels deep/);
    }
    const objects = `{"title":"x","programmeId":"${'x'}","materials":[],"a":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    const res = await request(api.getHttpServer())
      .post('/applications')
      .set(auth)
      .set('Content-Type', 'application/json')
      .send(objects);
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual(['a']);
    expect(await flow.state('qd-applicant')).toBe('draft');
  });

  it('answers a statement reference longer than its column with 400 naming the line and column', async () => {
    const finance = await http.as('qd-finance');
    const csv = `reference,amount_yuan\n${'R'.repeat(65)},1.00\n`;
    const res = await finance.post('/finance/statements', { csv });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'VALIDATION_FAILED', fields: ['csv'] });
    expect(res.body.message).toMatch(/^line 2: reference has 65 characters, at most 64$/);
    const lines = await api.get(DataSource).query(`SELECT count(*)::int AS n FROM statement_lines`);
    expect(lines).toEqual([{ n: 0 }]);
  });
  it('maps what Postgres refuses in the input (too long, out of range, malformed) to 400 naming the column', async () => {
    const db = api.get(DataSource);
    const refusal = async (sql: string, params: unknown[]) => {
      try {
        await db.query(sql, params);
      } catch (e) {
        return databaseErrorAnswer(e);
      }
      throw new Error(`${sql} did not fail`);
    };
    const insert = `INSERT INTO "statement_lines"("statement_id", "line_no", "reference", "amount_fen", "match_status", "uploaded_by")
      VALUES ($1, $2, $3, $4, 'confirmed', $1)`;
    const id = randomUUID();
    expect(await refusal(insert, [id, 1, 'R'.repeat(65), 1])).toEqual({
      status: 400,
      error: 'VALIDATION_FAILED',
      message: 'reference is too long: at most 64 characters',
      fields: ['reference'],
    });
    expect(await refusal(insert, [id, 2147483648, 'R', 1])).toMatchObject({ status: 400, fields: ['lineNo'] });
    expect(await refusal(insert, ['not-a-uuid', 1, 'R', 1])).toMatchObject({ status: 400, fields: ['statementId'] });
    expect(await refusal(`SELECT 1 FROM "calendar_years" WHERE "year" = $1`, ['2147483648'])).toMatchObject({
      status: 400,
      message: 'year is out of range',
      fields: ['year'],
    });
    expect(await refusal(`SELECT 1 FROM "applications" WHERE "valid_until" >= $1`, ['2026-02-30'])).toMatchObject({
      status: 400,
      fields: ['validUntil'],
    });
    // an overflow the input did not cause stays a 500
    expect(await refusal(`SELECT 2147483647::int + $1::int`, [1])).toBeNull();
  });

  describe('body limits per route', () => {
    /** A statement of about `bytes` bytes: lines of references nobody knows (answered unknown_reference). */
    const statementOf = (bytes: number) => {
      const line = (i: number) => `SUB-UNKNOWN-${String(i).padStart(8, '0')},"50,000.00",2026-11-23,B-${i}\n`;
      let csv = 'reference,amount_yuan,value_date,bank_reference\n';
      for (let i = 0; csv.length < bytes; i++) csv += line(i);
      return csv;
    };

    it('takes a 150 KB statement as JSON and as text/csv (it was refused with 413)', async () => {
      const csv = statementOf(150 * 1024);
      const lines = csv.trimEnd().split('\n').length - 1;
      const json = await (await http.as('qd-finance')).post('/finance/statements', { csv });
      expect(json.status).toBe(201);
      expect(json.body).toMatchObject({ lines, unknown: lines });
      const raw = await request(api.getHttpServer())
        .post('/finance/statements')
        .set(await http.auth('qd-finance'))
        .set('Content-Type', 'text/csv; charset=utf-8')
        .send(csv);
      expect(raw.status).toBe(201);
      expect(raw.body).toMatchObject({ lines, unknown: lines });
    });

    it('answers 413 naming the limit beyond 5 MiB of CSV (6 MiB as JSON), and keeps every other route small', async () => {
      const auth = await http.auth('qd-finance');
      const csv = statementOf(5 * 1024 * 1024 + 100);
      const raw = await request(api.getHttpServer())
        .post('/finance/statements')
        .set(auth)
        .set('Content-Type', 'text/csv')
        .send(csv);
      expect(raw.status).toBe(413);
      expect(raw.body).toMatchObject({
        error: 'PAYLOAD_TOO_LARGE',
        message: 'request body is too large: at most 5 MiB for this request',
      });
      const json = await request(api.getHttpServer())
        .post('/finance/statements')
        .set(auth)
        .send({ csv: csv + csv.slice(0, 1024 * 1024) });
      expect(json.status).toBe(413);
      expect(json.body.message).toBe('request body is too large: at most 6 MiB for this request');
      // within the JSON limit but over the statement's 5 MiB: the DTO names the field
      const over = await request(api.getHttpServer()).post('/finance/statements').set(auth).send({ csv });
      expect(over.status).toBe(400);
      expect(over.body.fields).toEqual(['csv']);

      const elsewhere = await request(api.getHttpServer())
        .post('/finance/disbursements/approve')
        .set(auth)
        .send({ ids: Array.from({ length: 4000 }, () => randomUUID()) });
      expect(elsewhere.status).toBe(413);
      expect(elsewhere.body.message).toBe('request body is too large: at most 100 KiB for this request');
      const csvElsewhere = await request(api.getHttpServer())
        .post('/finance/disbursements/approve')
        .set(auth)
        .set('Content-Type', 'text/csv')
        .send('a,b\n1,2\n');
      expect(csvElsewhere.status).toBe(415);
      expect(csvElsewhere.body.message).toMatch(/a CSV file is taken by POST \/finance\/statements/);
      expect(await api.get(DataSource).query(`SELECT count(*)::int AS n FROM statement_lines`)).toEqual([{ n: 0 }]);
    });
  });

  describe('CSV out: RFC 4180 through csv-stringify, every cell neutralised', () => {
    it('writes a bank name like =HYPERLINK(...) into the treasury file as text, and a line break cannot fake a line', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'treasury-'));
      try {
        const config = { get: (key: string) => (key === 'TREASURY_OUTBOX_DIR' ? dir : undefined) } as never;
        const gateway = new TreasuryInstructionGateway(api.get(DataSource), config);
        const bankName = '=HYPERLINK("http://evil.example","银行")';
        await gateway.pay({
          idempotencyKey: 'SUB-T-000001',
          amountFen: 5_000_000,
          payeeName: '青岛某公司\nSUB-T-000002,x',
          creditCode: '+86',
          account: { accountName: 'x', bankName, accountNumber: '1', branchCode: null },
          purpose: '@SUM(1)',
        });
        const [file] = await readdir(dir);
        const records = readCsv(await readFile(join(dir, file), 'utf8'));
        expect(records.map((r) => r.fields)).toEqual([
          ['reference', 'payee_name', 'credit_code', 'bank_name', 'bank_account', 'amount_yuan', 'purpose'],
          ['SUB-T-000001', '青岛某公司\nSUB-T-000002,x', "'+86", `'${bankName}`, '1', '50000.00', "'@SUM(1)"],
        ]);
        expect(await gateway.statusOf('SUB-T-000001')).toMatchObject({ status: 'paid' });
        expect(await gateway.statusOf('SUB-T-000002')).toEqual({ status: 'not-found' });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('neutralises the cells of the disbursement export', async () => {
      const flow = await designatedApplication(http);
      const [id] = await disbursementIdsOf(api, flow.id);
      await api.get(DataSource).query(`UPDATE disbursements SET last_error = $2 WHERE id = $1`, [id, '=1+2, "x"']);
      const exported = await (await http.as('qd-finance')).get('/finance/disbursements/export.csv').expect(200);
      const [header, row] = readCsv(exported.text).map((r) => r.fields);
      expect(header[9]).toBe('last_error');
      expect(row[9]).toBe(`'=1+2, "x"`);
      expect(exported.text).toContain(`,"'=1+2, ""x"""\n`);
    });
  });
});
