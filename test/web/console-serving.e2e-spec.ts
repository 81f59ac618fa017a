import { INestApplication } from '@nestjs/common';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { configured, startApi } from '../support/apps';

/**
 * The API serves the built console at / on the same port, on either platform: its files (hashed assets cached for a
 * year), index.html for a browser's page request anywhere else, while API clients, /docs, /health and the queue
 * dashboard keep getting the server's answers.
 */
describe.each(['fastify', 'express'])('the web console served by the API on %s', (platform) => {
  let api: INestApplication;
  const dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
  const INDEX = '<!doctype html><html lang="zh-CN"><body><div id="root"></div></body></html>';
  const SCRIPT = `console.log(${JSON.stringify('商业秘密'.repeat(400))});`;
  const saved = { WEB_DIST_DIR: process.env.WEB_DIST_DIR, HTTP_PLATFORM: process.env.HTTP_PLATFORM };

  beforeAll(async () => {
    writeFileSync(join(dist, 'index.html'), INDEX);
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js'), SCRIPT);
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    Object.assign(process.env, { WEB_DIST_DIR: dist, HTTP_PLATFORM: platform }); // read when the app is configured
    api = await startApi(configured({ WEB_DIST_DIR: dist, HTTP_PLATFORM: platform }));
  });
  afterAll(async () => {
    await api?.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dist, { recursive: true, force: true });
  });
  const server = () => api.getHttpServer();

  it('answers / with the console, whatever the client accepts, never cached', async () => {
    const res = await request(server()).get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toBe(INDEX);
  });

  it("answers a browser's page request for a console route with index.html, also where the API has a route", async () => {
    for (const path of ['/applications/3f1c0e2a-8d4b-4c59-9a57-1f0c1b2a3d4e', '/finance/disbursements', '/sign-in']) {
      const res = await request(server()).get(path).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
      expect(res.status).toBe(200);
      expect(res.text).toBe(INDEX);
    }
  });

  it('leaves API requests to the API', async () => {
    const res = await request(server())
      .get('/applications/3f1c0e2a-8d4b-4c59-9a57-1f0c1b2a3d4e')
      .set('Accept', 'application/json');
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('UNAUTHENTICATED');
    await request(server()).get('/public/register').expect(200).expect('content-type', /json/);
    await request(server()).post('/auth/login').set('Accept', 'text/html').send({}).expect(400);
  });

  it('keeps /docs, /health and the queue dashboard the server’s for a browser too', async () => {
    const docs = await request(server()).get('/docs').set('Accept', 'text/html').redirects(1);
    expect(docs.text).toContain('swagger');
    const health = await request(server()).get('/health').set('Accept', 'text/html');
    expect(health.text).not.toBe(INDEX);
    const queues = await request(server()).get('/admin/queues').set('Accept', 'text/html');
    expect(queues.text).not.toBe(INDEX);
  });

  it('serves hashed assets with a year of cache, gzip-compressed when asked, and a missing file as the API’s 404', async () => {
    const res = await request(server()).get('/assets/index-Ab12Cd34.js').set('Accept-Encoding', 'gzip').buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBe('gzip'); // superagent inflates it
    expect(res.text).toBe(SCRIPT);
    const plain = await request(server()).get('/assets/index-Ab12Cd34.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(SCRIPT));
    const svg = await request(server()).get('/favicon.svg').expect(200);
    expect(svg.headers['cache-control']).toBe('no-cache');
    await request(server()).get('/assets/missing-00000000.js').set('Accept', 'text/html').expect(404);
    await request(server()).get('/assets/../../etc/passwd').expect(404);
  });
});
