import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Flow, Http, useApi } from './support/apps';

/** The findings that answered 500: each is a 400 naming the field, and nothing is written. */
describe('bad input: the causes that answered 500', () => {
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
});
