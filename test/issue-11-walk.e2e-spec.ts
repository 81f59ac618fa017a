import { type ApiClient, createApiClient, type Schema } from '@app/api-client';
import { usccCheckCharacter } from '@app/domain';
import { Clock, DemoClock } from '@app/platform';
import { flushPrefix, resetDatabase, TEST_QUEUE_PREFIX, TEST_REDIS_URL } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { TestingModuleBuilder } from '@nestjs/testing';
import Redis from 'ioredis';
import { configured, GOOD_SCORES, PASSWORD, startApi, startWorker, waitFor } from './support/apps';
import { conformsToDocument } from './support/openapi-conformance';
import { pdf, sha256 } from './support/sample-files';
import { SmtpSink } from './support/smtp-sink';
import { body, listening } from './support/typed-client';

const DEMO = { DEMO_MODE: 'true', DEMO_CLOCK_REFRESH_MS: '200' };
/** the API and the worker on the shared demo clock: the admin moves time past the notice window */
const demo = (b: TestingModuleBuilder) => configured(DEMO)(b).overrideProvider(Clock).useClass(DemoClock);

const NEW_PASSWORD = '海湾-灯塔-蓝色-37';
const first17 = '91370211MA9W0011X';
const CREDIT_CODE = first17 + usccCheckCharacter(first17);

/**
 * Issue 11's "done when", all through HTTP with the client typed by the OpenAPI document (no casts): a new
 * enterprise registers, the regulator verifies it, its user uploads the materials and applies; the regulator reviews
 * and draws evaluators from the pool, who accept, download a file and score; a public objection is dismissed; the
 * admin's demo clock closes the notice; the regulator designates. The uploads alone go through a plain fetch with
 * FormData: the generated client types a multipart body's file as a string and cannot send one without a cast. At each step the person who must act finds it in GET /me/todo and gets an e-mail, read back
 * from a real SMTP server on localhost.
 */
describe("issue 11's walk: from a registration to a designation", () => {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  const smtp = new SmtpSink();
  let api: INestApplication;
  let worker: INestApplication | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    await smtp.start();
    api = await startApi((b) => demo(b));
    baseUrl = await listening(api);
    await flushPrefix(redis, TEST_QUEUE_PREFIX);
    await resetDatabase(api);
    await api.get(Clock).refresh();
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    redis.disconnect();
    await api.close();
    await smtp.stop();
  });

  const client = (token?: string): ApiClient => {
    const c = createApiClient(baseUrl, token);
    c.use(conformsToDocument);
    return c;
  };
  const clients = new Map<string, ApiClient>();
  const tokens = new Map<string, string>();
  const as = async (username: string, password = PASSWORD): Promise<ApiClient> => {
    const known = clients.get(username);
    if (known) return known;
    const session = body(
      `sign-in of ${username}`,
      await client().POST('/auth/login', { body: { username, password } }),
    );
    tokens.set(username, session.accessToken);
    const signedIn = client(session.accessToken);
    clients.set(username, signedIn);
    return signedIn;
  };
  const address = (username: string) => `${username}@example.gov.cn`;
  const withEmail = async (username: string, password = PASSWORD) =>
    body(
      `e-mail of ${username}`,
      await (await as(username, password)).PUT('/me/email', { body: { email: address(username) } }),
    );
  /** the caller's open to-do items (first page, overdue first) */
  const todo = async (username: string): Promise<Schema<'TodoItemView'>[]> =>
    body(`to-do of ${username}`, await (await as(username)).GET('/me/todo', { params: { query: {} } })).items;
  const mailTo = (username: string, subject: RegExp) =>
    waitFor(
      `an e-mail to ${username} matching ${subject}`,
      async () => smtp.to(address(username)).find((m) => subject.test(m.subject)),
      20_000,
    );

  it('registers, verifies, applies, reviews, draws, accepts, scores, rules, closes the notice and designates', async () => {
    worker = await startWorker(configured({ ...DEMO, SMTP_URL: smtp.url, EMAIL_BACKOFF_MS: '200' }));
    const publicClient = client();

    // 1. a new enterprise registers itself, with its first user; the regulator of its jurisdiction verifies it
    const registered = body(
      'registration',
      await publicClient.POST('/organisations/registrations', {
        body: {
          name: '青岛走查精工有限公司',
          creditCode: CREDIT_CODE,
          kind: 'enterprise',
          jurisdictionCode: '370211-FTZ',
          contact: { name: '王芳', phone: '0532-86881234', email: 'wangfang@example.cn' },
          user: { username: 'walk-applicant', displayName: '王芳', password: NEW_PASSWORD },
        },
      }),
      201,
    );
    expect(registered.verificationStatus).toBe('pending');
    await withEmail('qd-regulator');
    await withEmail('walk-applicant', NEW_PASSWORD);
    const regulator = await as('qd-regulator');
    const pending = body(
      'registrations',
      await regulator.GET('/organisations/registrations', { params: { query: { status: 'pending' } } }),
    );
    expect(pending.map((o) => o.id)).toContain(registered.organisationId);
    body(
      'verification',
      await regulator.POST('/organisations/registrations/{id}/verification', {
        params: { path: { id: registered.organisationId } },
        body: { decision: 'verified' },
      }),
    );

    // 2. its user starts a draft and uploads the four required materials (multipart, checked on content)
    const applicant = await as('walk-applicant');
    const programmes = body('programmes', await publicClient.GET('/programmes'));
    const programme = programmes.find((p) => p.code === 'QDFTZ-2026')!;
    const created = body(
      'draft',
      await applicant.POST('/applications', {
        body: { programmeId: programme.id, title: '走查：商业秘密保护示范单位申报', materials: [] },
      }),
      201,
    );
    const id = created.id;
    let version = created.version;
    const refresh = async () => {
      version = body('detail', await applicant.GET('/applications/{id}', { params: { path: { id } } })).version;
    };
    expect((await todo('walk-applicant')).map((t) => [t.subjectId, t.step])).toEqual([[id, 'draft']]);
    const files = new Map<string, Buffer>();
    for (const code of ['application_form', 'protection_system', 'training_records', 'self_assessment']) {
      const bytes = pdf(`walk ${code}`);
      files.set(code, bytes);
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), `${code}.pdf`);
      const res = await fetch(`${baseUrl}/applications/${id}/materials/${code}/files`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${tokens.get('walk-applicant')}` },
        body: form,
      });
      const uploaded: unknown = await res.json();
      expect({ code, status: res.status, uploaded }).toMatchObject({
        status: 201,
        uploaded: { kind: 'pdf', sha256: sha256(bytes), version: 1 },
      });
    }
    const listed = body('files', await applicant.GET('/applications/{id}/files', { params: { path: { id } } }));
    expect(listed.map((f) => [f.materialCode, f.sha256]).sort()).toEqual(
      [...files].map(([code, bytes]) => [code, sha256(bytes)]).sort(),
    );
    await refresh();
    const fire = async (username: string, event: Omit<Schema<'FireEventDto'>, 'version'>) => {
      const result = body(
        `${event.type} by ${username}`,
        await (
          await as(username)
        ).POST('/applications/{id}/events', {
          params: { path: { id } },
          body: { ...event, version },
        }),
      );
      version = result.application.version;
      return result;
    };
    const regulatorHas = async (step: string) =>
      expect((await todo('qd-regulator')).filter((t) => t.subjectId === id).map((t) => t.step)).toEqual([step]);

    await fire('walk-applicant', { type: 'SUBMIT' });
    await regulatorHas('preliminary_review');
    expect(await todo('walk-applicant')).toEqual([]);
    await mailTo('qd-regulator', /已提交，进入初审/);

    // 3. the regulator reviews: preliminary review and recheck; the applicant hears of each decision
    await fire('qd-regulator', { type: 'PASS_PRELIMINARY' });
    // the re-check (复核) waits on a second regulator, not on the one who passed the preliminary review
    expect((await todo('qd-regulator-2')).filter((t) => t.subjectId === id).map((t) => t.step)).toEqual(['recheck']);
    expect((await todo('qd-regulator')).filter((t) => t.subjectId === id)).toEqual([]);
    await mailTo('walk-applicant', /通过初审/);
    await fire('qd-regulator-2', { type: 'PASS_RECHECK' }); // 复核 by a second regulator
    await regulatorHas('acceptance');
    await mailTo('walk-applicant', /通过复核/);

    // 4. the regulator draws three evaluators from the pool; each finds the invitation to do and is e-mailed
    const pool = body('pool', await regulator.GET('/experts', { params: { query: { pageSize: 100 } } }));
    for (const e of pool.items) await withEmail(e.username);
    const drawn = body(
      'draw',
      await regulator.POST('/applications/{id}/expert-draws', {
        params: { path: { id } },
        body: { seats: [{ field: null, count: 3 }] },
      }),
      201,
    );
    expect(drawn.invitations).toHaveLength(3);
    const usernameOf = (evaluatorId: string) => pool.items.find((e) => e.id === evaluatorId)!.username;
    const panel = drawn.invitations.map((i) => ({ invitation: i, username: usernameOf(i.evaluatorId) }));
    for (const { invitation, username } of panel) {
      const items = await todo(username);
      expect(items).toEqual([
        expect.objectContaining({
          subjectKind: 'invitation',
          subjectId: invitation.id,
          step: 'invitation',
          nextSteps: ['ACCEPT', 'DECLINE'],
          dueAt: invitation.respondBy,
        }),
      ]);
      const mail = await mailTo(username, /^【评审邀请】/);
      expect(mail.text).toContain('前答复是否接受');
    }

    // 5. they accept (declaring no conflict): the invitation leaves the list, the score sheet enters it
    for (const { invitation, username } of panel) {
      body(
        `acceptance of ${username}`,
        await (
          await as(username)
        ).POST('/evaluator-invitations/{id}/accept', {
          params: { path: { id: invitation.id } },
          body: { declaration: 'no_conflict' },
        }),
      );
      expect((await todo(username)).map((t) => [t.subjectKind, t.subjectId, t.step])).toEqual([
        ['application', id, 'acceptance.score'],
      ]);
    }
    await refresh();

    // 6. each opens the dossier, downloads the protection system as uploaded, and scores
    for (const { username } of panel) {
      const evaluator = await as(username);
      const seen = body('dossier', await evaluator.GET('/applications/{id}', { params: { path: { id } } }));
      expect(seen.materials.map((m) => m.key)).toContain('protection_system');
      const download = await evaluator.GET('/applications/{id}/materials/{materialCode}/files/{fileId}', {
        params: { path: { id, materialCode: 'protection_system', fileId: 'current' } },
        parseAs: 'arrayBuffer',
      });
      expect(download.response.status).toBe(200);
      expect(sha256(Buffer.from(body('download', download)))).toBe(sha256(files.get('protection_system')!));
      await fire(username, { type: 'SUBMIT_SCORE', scores: GOOD_SCORES });
      expect(await todo(username)).toEqual([]);
    }

    // 7. the public notice opens; a member of the public objects, the regulator must rule and dismisses it
    await fire('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
    await mailTo('walk-applicant', /进入公示/);
    const receipt = body(
      'objection',
      await publicClient.POST('/applications/{id}/objections', {
        params: { path: { id } },
        body: { reason: '该企业保密制度未落实', filerName: '赵六', filerContact: 'zhaoliu@example.com' },
      }),
      201,
    );
    await mailTo('qd-regulator', /公示期收到异议/);
    await regulatorHas('public_notice');
    await refresh();
    body(
      'ruling',
      await regulator.POST('/applications/{id}/objections/{objectionId}/ruling', {
        params: { path: { id, objectionId: receipt.id } },
        body: { decision: 'dismissed', reason: '经核实，保密制度已落实', version },
      }),
    );
    expect((await todo('qd-regulator')).filter((t) => t.subjectId === id)).toEqual([]);
    await mailTo('walk-applicant', /公示期异议已裁决/);

    // 8. the admin moves the demo clock past the notice window: the worker closes it, the regulator must decide
    const moved = body(
      'advance',
      await (await as('admin')).POST('/admin/clock/advance', { body: { workingDays: 6, reason: '演示：公示期满' } }),
    );
    expect(moved.offsetMs).toBeGreaterThan(0);
    await waitFor(
      'the notice to close',
      async () =>
        body('detail', await regulator.GET('/applications/{id}', { params: { path: { id } } })).state ===
        'notice_closed',
      20_000,
    );
    await regulatorHas('notice_closed');
    await mailTo('qd-regulator', /公示期满，待作出认定决定/);

    // 9. the designation; nothing is left to do, and the applicant hears of it
    await refresh();
    await fire('qd-regulator', { type: 'DESIGNATE', comment: '同意认定' });
    expect((await todo('qd-regulator')).filter((t) => t.subjectId === id)).toEqual([]);
    const designated = await mailTo('walk-applicant', /已被认定为商业秘密保护示范单位/);
    expect(designated.text).toContain(`/applications/${id}`);
    const done = body('done', await applicant.GET('/me/done', { params: { query: {} } }));
    expect(done.items.map((d) => d.event)).toEqual(['SUBMIT', ...Array<string>(4).fill('UPDATE_MATERIALS'), 'CREATE']);
    // and every download is on the record, for the regulators
    const downloads = body(
      'downloads',
      await regulator.GET('/applications/{id}/files/downloads', { params: { path: { id } } }),
    );
    expect(downloads.filter((d) => d.materialCode === 'protection_system')).toHaveLength(3);
  }, 180_000);
});
