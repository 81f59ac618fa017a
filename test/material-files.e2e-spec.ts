import { INestApplication } from '@nestjs/common';
import { request as httpRequest, type Server } from 'http';
import { type AddressInfo } from 'net';
import { Readable } from 'stream';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import request from 'supertest';
import { demoPasswordHash } from '@app/testing';
import { MaterialFilesQueries } from '@app/accreditation';
import { BlobStorage, Clock } from '@app/platform';
import { SeedService, SettableClock } from '@app/seed';
import { DataSource } from 'typeorm';
import { fromBuffer } from 'yauzl';
import { configured, Flow, GOOD_SCORES, Http, resetDatabase, startApi, useApi } from './support/apps';
import { docx, exe, jpg, ofd, ole, pdf, png, sha256, xlsx, zip as zipOf } from './support/sample-files';

/**
 * Material files through HTTP: uploads of every accepted type (decided by content), refusals by type and size,
 * versions, SHA-256 as the test computes it, downloads per role with their log, the dossier ZIP, and SUBMIT needing
 * a file for every required material. Runs on the configured platform (HTTP_PLATFORM=express runs it on Express).
 */
setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const REQUIRED = ['application_form', 'protection_system', 'training_records', 'self_assessment'];

async function newDraft(http: Http, applicant = 'qd-applicant'): Promise<Flow> {
  const res = await (
    await http.as(applicant)
  ).post('/applications', {
    programmeId: await http.programmeId('QDFTZ-2026'),
    title: '附件申报',
    materials: [],
  });
  expect(res.status).toBe(201);
  const flow = new Flow(http, res.body.id);
  flow.version = res.body.version;
  return flow;
}

async function upload(http: Http, user: string, flow: Flow, code: string, bytes: Buffer, name: string) {
  return request(http.server)
    .post(`/applications/${flow.id}/materials/${code}/files`)
    .set(await http.auth(user))
    .attach('file', bytes, { filename: name, contentType: 'application/octet-stream' });
}

const binary = (res: request.Response, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function fetchFile(http: Http, user: string, path: string) {
  return request(http.server)
    .get(path)
    .set(await http.auth(user))
    .buffer(true)
    .parse(binary);
}

describe('material files', () => {
  let http: Http;
  useApi((s) => (http = s.http));

  it('takes every accepted type by its content, answers the SHA-256 the client computes, and numbers versions', async () => {
    const flow = await newDraft(http);
    const samples: [string, Buffer, string, string][] = [
      ['report.pdf', pdf(), 'pdf', 'application/pdf'],
      ['scan.png', png(), 'png', 'image/png'],
      ['photo.jpg', jpg(), 'jpg', 'image/jpeg'],
      ['制度.ofd', await ofd(), 'ofd', 'application/ofd'],
      ['form.docx', await docx(), 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['ledger.xlsx', await xlsx(), 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['old.doc', ole(), 'doc', 'application/msword'],
      ['old.xls', ole(), 'xls', 'application/vnd.ms-excel'],
      [
        'actually-a-word-file.pdf',
        await docx(),
        'docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
    ];
    for (const [name, bytes, kind, mediaType] of samples) {
      const res = await upload(http, 'qd-applicant', flow, 'application_form', bytes, name);
      expect({ name, status: res.status, body: res.body }).toMatchObject({
        status: 201,
        body: { kind, mediaType, fileName: name, sha256: sha256(bytes), sizeBytes: bytes.length },
      });
    }
    const list = await (await http.as('qd-applicant')).get(`/applications/${flow.id}/files`).expect(200);
    expect(list.body.map((f: { version: number }) => f.version)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(list.body.filter((f: { current: boolean }) => f.current)).toHaveLength(1);

    // the application's material entry points at the newest file, and each upload is on the record
    const detail = await flow.detail('qd-applicant');
    expect(detail.materials).toEqual([
      { key: 'application_form', title: 'application_form', reference: `file:${list.body[0].id}` },
    ]);
    const history = await flow.history('qd-applicant');
    const uploads = history.filter((h) => h.event === 'UPDATE_MATERIALS');
    expect(uploads).toHaveLength(9);
    expect(uploads[uploads.length - 1].payload).toMatchObject({
      file: { id: list.body[0].id, version: 9, sha256: list.body[0].sha256 },
    });

    // the current and a given version download as uploaded
    const current = await fetchFile(
      http,
      'qd-applicant',
      `/applications/${flow.id}/materials/application_form/files/current`,
    );
    expect(current.status).toBe(200);
    expect(sha256(current.body)).toBe(list.body[0].sha256);
    const first = list.body.find((f: { version: number }) => f.version === 1);
    const v1 = await fetchFile(
      http,
      'qd-applicant',
      `/applications/${flow.id}/materials/application_form/files/${first.id}`,
    );
    expect(v1.status).toBe(200);
    expect(v1.body.equals(pdf())).toBe(true);
    expect(v1.headers['content-type']).toBe('application/pdf');
    expect(v1.headers.etag).toBe(`"${sha256(pdf())}"`);
  });

  it('sweeps stored files that no row names (an upload whose transaction failed), and only those', async () => {
    const flow = await newDraft(http);
    const kept = await upload(http, 'qd-applicant', flow, 'application_form', pdf(), 'a.pdf');
    const storage = http.app.get(BlobStorage);
    const orphan = await storage.put(Readable.from([pdf('orphan')]));
    const files = http.app.get(MaterialFilesQueries);
    expect(await files.sweepOrphans(3600_000)).not.toContain(orphan.key); // too young: may be an upload on its way
    expect(await files.sweepOrphans(0)).toContain(orphan.key);
    expect(await storage.exists(orphan.key)).toBe(false);
    const current = await fetchFile(
      http,
      'qd-applicant',
      `/applications/${flow.id}/materials/application_form/files/current`,
    );
    expect(sha256(current.body)).toBe(kept.body.sha256);
  });

  it('answers 503 FILE_UNAVAILABLE, logging nothing as downloaded, when a stored file has gone missing', async () => {
    const flow = await newDraft(http);
    const lost = await upload(http, 'qd-applicant', flow, 'application_form', pdf(), 'a.pdf');
    const [{ storage_key: key }]: { storage_key: string }[] = await http.app
      .get(DataSource)
      .query(`SELECT storage_key FROM material_files WHERE id = $1`, [lost.body.id]);
    await http.app.get(BlobStorage).delete(key);
    for (const path of [
      `/applications/${flow.id}/materials/application_form/files/current`,
      `/applications/${flow.id}/dossier.zip`,
    ]) {
      const res = await (await http.as('qd-applicant')).get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 503 });
      expect(res.body).toMatchObject({
        error: 'FILE_UNAVAILABLE',
        materialCode: 'application_form',
        fileId: lost.body.id,
      });
      expect(res.body.message).toMatch(/version 1 of material application_form \(a\.pdf\) cannot be read/);
    }
    const [{ n }]: { n: number }[] = await http.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM material_downloads WHERE file_id = $1`, [lost.body.id]);
    expect(n).toBe(0);
  });

  it('refuses a renamed executable and an unknown ZIP, naming the file and the detected type', async () => {
    const flow = await newDraft(http);
    const renamed = await upload(http, 'qd-applicant', flow, 'application_form', exe(), 'report.pdf');
    expect(renamed.status).toBe(415);
    expect(renamed.body).toMatchObject({ error: 'UNSUPPORTED_MEDIA_TYPE', fields: ['file'] });
    expect(renamed.body.message).toMatch(/^report\.pdf: the content is exe, not one of pdf, ofd/);
    const zipped = await upload(
      http,
      'qd-applicant',
      flow,
      'application_form',
      await zipOf({ 'word/document.xml': '<w:document/>' }),
      'a.docx',
    );
    expect(zipped.status).toBe(415);
    expect(zipped.body.message).toMatch(/the content is zip/);
    const nothing = await (await http.as('qd-applicant')).get(`/applications/${flow.id}/files`).expect(200);
    expect(nothing.body).toEqual([]);
    // not multipart at all, and no file in the field
    const json = await (
      await http.as('qd-applicant')
    ).post(`/applications/${flow.id}/materials/application_form/files`, {});
    expect(json.status).toBe(415);
    const noFile = await request(http.server)
      .post(`/applications/${flow.id}/materials/application_form/files`)
      .set(await http.auth('qd-applicant'))
      .field('note', 'x');
    expect(noFile.status).toBe(400);
    expect(noFile.body.fields).toEqual(['file']);
  });

  it('needs a file for every required material before SUBMIT', async () => {
    const flow = await newDraft(http);
    for (const code of REQUIRED.slice(0, 3)) {
      expect((await upload(http, 'qd-applicant', flow, code, pdf(code), `${code}.pdf`)).status).toBe(201);
    }
    await flow.detail('qd-applicant');
    const refused = await flow.send('qd-applicant', { type: 'SUBMIT' });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/self_assessment/);
    expect((await upload(http, 'qd-applicant', flow, 'self_assessment', pdf(), '自评报告.pdf')).status).toBe(201);
    await flow.detail('qd-applicant');
    await flow.ok('qd-applicant', { type: 'SUBMIT' });
    // frozen while the regulator has it
    const late = await upload(http, 'qd-applicant', flow, 'self_assessment', pdf('late'), 'late.pdf');
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('EVENT_NOT_ALLOWED');
  });

  it('lets the applicant, the reviewing regulator and active evaluators download, logs it, and refuses others', async () => {
    const flow = await newDraft(http);
    for (const code of REQUIRED) await upload(http, 'qd-applicant', flow, code, pdf(code), `${code}.pdf`);
    const chinese = await upload(http, 'qd-applicant', flow, 'self_assessment', pdf('自评'), '自评报告（2026）.pdf');
    expect(chinese.status).toBe(201);
    await flow.detail('qd-applicant');
    await flow.toAcceptance();
    await flow.ok('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: await http.userId('qd-evaluator-1') });
    await flow.ok('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: await http.userId('qd-evaluator-2') });
    await flow.ok('qd-evaluator-2', { type: 'DECLARE_CONFLICT', reason: '曾任顾问' });

    const path = `/applications/${flow.id}/materials/self_assessment/files/current`;
    const outcome = async (user: string) => (await fetchFile(http, user, path)).status;
    expect(await outcome('qd-applicant')).toBe(200);
    expect(await outcome('qd-regulator')).toBe(200);
    expect(await outcome('qd-evaluator-1')).toBe(200);
    expect(await outcome('qd-evaluator-2')).toBe(404); // excused
    expect(await outcome('qd-evaluator-3')).toBe(404); // not on the panel
    expect(await outcome('qd-applicant-2')).toBe(404); // another organisation
    expect(await outcome('cs-regulator')).toBe(404); // another jurisdiction
    expect(await outcome('qd-finance')).toBe(403);
    expect(await outcome('admin')).toBe(403);
    expect((await request(http.server).get(path)).status).toBe(401);

    const res = await fetchFile(http, 'qd-evaluator-1', path);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="_____2026_.pdf"; filename*=UTF-8''${encodeURIComponent('自评报告（2026）.pdf')}`,
    );
    expect(sha256(res.body)).toBe(sha256(pdf('自评')));

    const log = await (await http.as('qd-regulator')).get(`/applications/${flow.id}/files/downloads`).expect(200);
    const ids = Object.fromEntries(
      await Promise.all(['qd-applicant', 'qd-regulator', 'qd-evaluator-1'].map(async (u) => [await http.userId(u), u])),
    );
    expect(log.body.map((d: { userId: string }) => ids[d.userId]).sort()).toEqual([
      'qd-applicant',
      'qd-evaluator-1',
      'qd-evaluator-1',
      'qd-regulator',
    ]);
    expect(log.body[0]).toMatchObject({ materialCode: 'self_assessment', version: 2, via: 'file', role: 'evaluator' });
    // the log names who downloaded, as people read it
    expect(log.body.map((d: { username: string }) => d.username).sort()).toEqual(
      log.body.map((d: { userId: string }) => ids[d.userId]).sort(),
    );
    expect(log.body[0].displayName).toBe('评审专家 王');
    expect((await (await http.as('qd-applicant')).get(`/applications/${flow.id}/files/downloads`)).status).toBe(403);
    expect((await (await http.as('qd-evaluator-1')).get(`/applications/${flow.id}/files/downloads`)).status).toBe(403);

    // the evaluator scores from the dossier: a ZIP of the current versions with a manifest of names and SHA-256
    const zip = await fetchFile(http, 'qd-evaluator-1', `/applications/${flow.id}/dossier.zip`);
    expect(zip.status).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const entries = await readZip(zip.body);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    expect(manifest.files).toHaveLength(4);
    for (const f of manifest.files) {
      expect(sha256(entries.get(f.path)!)).toBe(f.sha256);
    }
    expect(manifest.files.find((f: { materialCode: string }) => f.materialCode === 'self_assessment')).toMatchObject({
      version: 2,
      fileName: '自评报告（2026）.pdf',
      sha256: sha256(pdf('自评')),
    });
    await flow.ok('qd-evaluator-1', { type: 'SUBMIT_SCORE', scores: GOOD_SCORES });
    const after = await (await http.as('qd-regulator')).get(`/applications/${flow.id}/files/downloads`).expect(200);
    expect(after.body.filter((d: { via: string }) => d.via === 'dossier')).toHaveLength(4);
  });
});

describe('the demo seed', () => {
  let api: INestApplication;
  let http: Http;
  beforeAll(async () => {
    api = await startApi((b) => b.overrideProvider(Clock).useClass(SettableClock)); // as the CLI seeds
    http = new Http(api);
    await resetDatabase(api);
  });
  afterAll(() => api.close());

  it("seeds the demo application with its materials uploaded as files (the seed's path to SUBMIT)", async () => {
    await api.get(SeedService).seedDemo({ demoApplication: true, passwordHash: await demoPasswordHash() });
    // the Qingdao demo application, the first of its programme (the ladder's and the pilot's demos add others)
    const [demo] = await api
      .get(DataSource)
      .query(`SELECT id, state FROM applications WHERE reference = 'QDFTZ-2026-000001'`);
    expect(demo.state).toBe('public_notice');
    const files = await (await http.as('qd-regulator')).get(`/applications/${demo.id}/files`).expect(200);
    expect(files.body.map((f: { materialCode: string }) => f.materialCode).sort()).toEqual([...REQUIRED].sort());
    expect(files.body.map((f: { fileName: string }) => f.fileName)).toContain('自评报告.pdf');
  });
});

describe('material files over the limit', () => {
  let api: INestApplication;
  let http: Http;
  beforeAll(async () => {
    api = await startApi(configured({ UPLOAD_MAX_BYTES: String(1024 * 1024) }));
    http = new Http(api);
    await resetDatabase(api);
  });
  afterAll(() => api.close());

  it('refuses a file over UPLOAD_MAX_BYTES with 413 naming the field, without holding it in memory', async () => {
    const flow = await newDraft(http);
    const size = 24 * 1024 * 1024;
    gc();
    const before = process.memoryUsage();
    const chunk = Buffer.alloc(1024 * 1024, 0x25); // '%%%%...': a PDF would need %PDF-, so the bytes alone are refused by size first
    const boundary = 'xxBOUNDARYxx';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    // a real socket and a body made lazily with backpressure: what the process holds is what the server keeps
    const server = (http.server as Server).listen(0);
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    const auth = await http.auth('qd-applicant');
    let peak = 0;
    const res = await new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const req = httpRequest(
        {
          port,
          method: 'POST',
          path: `/applications/${flow.id}/materials/application_form/files`,
          headers: { ...auth, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
        },
        (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => resolve({ status: r.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString()) }));
        },
      );
      req.on('error', reject);
      Readable.from(
        (function* () {
          yield head;
          for (let sent = 0; sent < size; sent += chunk.length) {
            if (sent % (4 * chunk.length) === 0 && sent > 0) {
              gc(); // what is garbage is not held: measure what survives a collection
              peak = Math.max(peak, process.memoryUsage().arrayBuffers - before.arrayBuffers);
            }
            yield chunk;
          }
          yield tail;
        })(),
      ).pipe(req);
    });
    server.close();
    const grew = peak;
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: 'PAYLOAD_TOO_LARGE', fields: ['file'] });
    expect(grew).toBeLessThan(size / 2);
    const count = await api.get(DataSource).query('SELECT count(*)::int AS n FROM material_files');
    expect(count[0].n).toBe(0);
  }, 180_000);
});

function readZip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry) => {
        zip.openReadStream(entry, (e, s) => {
          if (e || !s) return reject(e);
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}
