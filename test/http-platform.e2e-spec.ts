import { readFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { gzipSync } from 'zlib';
import { Http, useApi } from './support/apps';

/** What the HTTP platform under Nest must keep doing, whichever it is (HTTP_PLATFORM: fastify by default). */
describe('the HTTP platform', () => {
  let http: Http;
  useApi((started) => (http = started.http));

  it('echoes a request id, or makes one', async () => {
    const given = await request(http.server).get('/public/register').set('X-Request-Id', 'trace-42').expect(200);
    expect(given.headers['x-request-id']).toBe('trace-42');
    const made = await request(http.server).get('/public/register').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI description and Swagger UI', async () => {
    const doc = await request(http.server).get('/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.paths['/auth/login']).toBeDefined();
    // the document served is the one the typed client is generated from (npm run openapi)
    expect(doc.body).toEqual(JSON.parse(readFileSync(join(__dirname, '../libs/api-client/openapi.json'), 'utf8')));
    const ui = await request(http.server).get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('takes a gzip-compressed JSON body', async () => {
    const body = gzipSync(JSON.stringify({ username: 'qd-regulator', password: 'demo-password' }));
    const res = await request(http.server)
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .serialize(((b: Buffer) => b) as never) // the compressed bytes as they are, not JSON of a Buffer
      .send(body as never);
    expect(res.status).toBe(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
  });

  it('refuses a compressed body that does not inflate (400), also one nobody reads, and keeps serving', async () => {
    const garbage = Buffer.from('not gzip at all');
    const bad = await request(http.server)
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .serialize(((b: Buffer) => b) as never)
      .send(garbage as never);
    expect(bad.status).toBe(400);
    // refused for its media type before it is read: the failed inflation must not be an uncaught exception
    for (const encoding of ['gzip', 'br', 'deflate']) {
      const unread = await request(http.server)
        .post('/auth/login')
        .set('Content-Type', 'application/xml')
        .set('Content-Encoding', encoding)
        .serialize(((b: Buffer) => b) as never)
        .send(garbage as never);
      expect({ encoding, status: unread.status }).toEqual({ encoding, status: 415 });
    }
    await new Promise((r) => setTimeout(r, 50)); // the inflation error arrives on a later tick
    await request(http.server).get('/public/register').expect(200);
  });

  it('refuses a body of an unsupported media type with 415 in the API vocabulary', async () => {
    const res = await request(http.server).post('/auth/login').set('Content-Type', 'application/xml').send('<login/>');
    expect(res.status).toBe(415);
    expect(res.body.error).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('reads a CSV body in the charset it declares (a GBK bank export), and refuses one it cannot decode', async () => {
    const auth = await http.auth('qd-finance');
    const gbk = Buffer.concat([
      Buffer.from('reference,amount_yuan,value_date,bank_reference\nSUB-NOT-OURS-GBK,10.00,2026-11-23,'),
      Buffer.from([0xd6, 0xd0, 0xb9, 0xfa]), // 中国 in GBK
      Buffer.from('\n'),
    ]);
    const upload = await request(http.server)
      .post('/finance/statements')
      .set(auth)
      .set('Content-Type', 'text/csv; charset=gbk')
      .serialize(((b: Buffer) => b) as never)
      .send(gbk as never);
    expect(upload.status).toBe(201);
    const lines = await request(http.server)
      .get('/finance/statements/lines?status=unknown_reference')
      .set(auth)
      .expect(200);
    expect(lines.body).toEqual([expect.objectContaining({ reference: 'SUB-NOT-OURS-GBK', bankReference: '中国' })]);

    const unknown = await request(http.server)
      .post('/finance/statements')
      .set(auth)
      .set('Content-Type', 'text/csv; charset=x-no-such-charset')
      .send('reference,amount_yuan\n');
    expect(unknown.status).toBe(415);
  });
});
