import { SYSTEM_PRINCIPAL, WorkflowEngine } from '@app/accreditation';
import {
  ACCREDITATION_EVENTS,
  AccreditationEventType as E,
  type AccreditationSnapshot,
  AccreditationState as S,
  CLIENT_EVENT_TYPES,
  eventsAcceptedIn,
  Role,
} from '@app/domain';
import { JOB_QUEUE, JobName, QueueName } from '@app/queue';
import {
  Factories,
  flushPrefix,
  resetDatabase,
  TEST_FUZZ_RUNS,
  TEST_FUZZ_SEED,
  TEST_QUEUE_PREFIX,
  TEST_REDIS_URL,
  TestClock,
} from '@app/testing';
import { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { GOOD_SCORES, Http, MATERIALS, startApi } from './support/apps';
import { type RouteEntry, routeTable } from './support/route-table';

/**
 * Property-based fuzzing through HTTP (fast-check): arbitrary bodies (odd JSON, wrong types, huge numbers, unicode,
 * prototype-pollution keys, JSON nested 1,000 to 20,000 levels deep, malformed text), ids (not UUIDs, UUIDs of something else), headers (Authorization,
 * If-Match, Content-Type, Content-Encoding junk) against every route of the app, and random event sequences that
 * drive applications and their disbursements through the flow. No answer may be a 5xx; afterwards every
 * application's and disbursement's history must replay to its row, and the outbox must hold only sane jobs.
 *
 * TEST_FUZZ_RUNS cases in all (10,000 unless told: 80 % single requests, 20 % event-sequence steps),
 * TEST_FUZZ_SEED replays a run.
 */

const USERS = [
  'qd-applicant',
  'qd-applicant-2',
  'cs-applicant',
  'qd-regulator',
  'cs-regulator',
  'hn-regulator',
  'qd-evaluator-1',
  'qd-evaluator-2',
  'qd-evaluator-3',
  'qd-evaluator-4',
  'qd-finance',
  'qd-finance-2',
  'admin',
] as const;
const EVALUATORS = ['qd-evaluator-1', 'qd-evaluator-2', 'qd-evaluator-3', 'qd-evaluator-4'] as const;
const SEQUENCE_LENGTH = 30;
/** Events that end an application (or its title), or shrink its panel: guided steps take them one time in ten. */
const SETBACKS: readonly E[] = [E.Reject, E.Withdraw, E.Revoke, E.DeclareConflict];

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** a JSON value to send as JSON, or raw text */
  body?: { json: unknown } | { raw: string };
}

interface Answer {
  status: number;
  body: unknown;
}

// ---- values -------------------------------------------------------------------------------------------------

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '../../etc/passwd',
  "' OR 1=1 --",
  '%00',
  '$where',
  '{"$gt": ""}',
  '😀'.repeat(300),
  '商业秘密'.repeat(1000),
  'a'.repeat(10_000),
  '1e309',
  'NaN',
  '-0',
  'null',
  '__proto__',
  '<script>alert(1)</script>',
  '\r\n\r\nX-Injected: 1',
];
const HUGE_NUMBERS = [
  Number.MAX_SAFE_INTEGER + 2,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 63,
  1e21,
  Number.MIN_VALUE,
  -0,
  0.5,
  -1,
];
const oddString = fc.oneof(
  fc.constantFrom(...ODD_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme' }),
);
const oddNumber = fc.oneof(fc.constantFrom(...HUGE_NUMBERS), fc.integer(), fc.double({ noNaN: true }));
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  oddString,
  oddNumber,
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(oddString, { maxLength: 5 }),
);
/** Header values are Latin-1 on the wire: printable ASCII junk. */
const asciiJunk = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });

const FIELD_NAMES = [
  'type',
  'version',
  'reason',
  'evaluatorId',
  'scores',
  'comment',
  'objectionId',
  'decision',
  'filerName',
  'filerContact',
  'materials',
  'programmeId',
  'title',
  'ids',
  'csv',
  'days',
  'source',
  'username',
  'password',
  'bankName',
  'accountName',
  'accountNumber',
  'code',
  'jurisdictionCode',
  'rubric',
  'amountFen',
  'budgetFen',
  'state',
  'role',
  'id',
];

/** Prototype-pollution payloads as JSON text (an object literal cannot carry an own "__proto__" key). */
const POLLUTION = [
  '{"__proto__": {"polluted": "yes", "role": "admin"}, "type": "SUBMIT", "version": 1}',
  '{"constructor": {"prototype": {"polluted": "yes"}}, "reason": "x"}',
  '{"type": "REJECT", "reason": "x", "__proto__": {"isAdmin": true}}',
  '{"materials": [{"__proto__": {"polluted": "yes"}, "key": "a", "title": "a", "reference": "a"}], "version": 1}',
  '{"scores": {"__proto__": {"polluted": 1}, "system_completeness": 90}, "version": 1}',
];

// ---- the app --------------------------------------------------------------------------------------------------

describe('fuzz', () => {
  let api: INestApplication;
  let http: Http;
  let db: DataSource;
  let routes: RouteEntry[];
  let fastify: FastifyInstance | undefined;
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  const tokens = new Map<string, string>();
  const fiveHundreds: string[] = [];
  let requests = 0;

  /** One request, in process through Fastify's inject (or supertest under Express). */
  async function send(s: Sent): Promise<Answer> {
    requests++;
    const headers = { ...s.headers };
    let payload: string | undefined;
    if (s.body && 'json' in s.body) {
      payload = JSON.stringify(s.body.json);
      headers['content-type'] ??= 'application/json';
    } else if (s.body) payload = s.body.raw;
    let answer: Answer;
    if (fastify) {
      const res = await fastify.inject({ method: s.method as 'GET', url: s.url, headers, payload });
      let body: unknown = res.body;
      try {
        body = res.json();
      } catch {
        // not JSON (a CSV export, the docs page)
      }
      answer = { status: res.statusCode, body };
    } else {
      const req = request(api.getHttpServer())[s.method.toLowerCase() as 'get'](s.url).set(headers);
      const res = payload === undefined ? await req : await req.send(payload);
      answer = { status: res.status, body: res.body };
    }
    if (answer.status >= 500) {
      fiveHundreds.push(
        `${answer.status} ${s.method} ${s.url.slice(0, 200)} headers=${JSON.stringify(s.headers).slice(0, 200)} body=${(payload ?? '').slice(0, 300)} → ${JSON.stringify(answer.body).slice(0, 300)}`,
      );
    }
    return answer;
  }

  const bearer = (user: string | null): Record<string, string> =>
    user ? { authorization: `Bearer ${tokens.get(user)}` } : {};

  async function signIn(user: string): Promise<void> {
    if (!tokens.has(user)) tokens.set(user, await http.token(user));
  }

  const ids = {
    applications: [] as string[],
    disbursements: [] as string[],
    programmes: [] as string[],
    users: [] as string[],
  };

  beforeAll(async () => {
    api = await startApi();
    http = new Http(api);
    db = api.get(DataSource);
    const adapter = api.getHttpAdapter().getInstance() as Partial<FastifyInstance>;
    fastify = typeof adapter.inject === 'function' ? (adapter as FastifyInstance) : undefined;
    await flushPrefix(redis, TEST_QUEUE_PREFIX);
    await resetDatabase(api);
    routes = routeTable(api);
    for (const user of USERS) await signIn(user);

    // rows in every kind of state for the single requests to aim at
    const f = new Factories(api);
    const states = [S.Draft, S.PreliminaryReview, S.RevisionRequested, S.Acceptance, S.PublicNotice, S.Designated];
    for (const [i, state] of states.entries()) {
      const applicant = (await f.applicant('qd', 9000 + i)).username;
      await f.application(state, { applicant });
    }
    await f.application(S.PreliminaryReview, { applicant: 'cs-applicant', programme: 'HNFTZ-CS-2026' });
    await refreshIds();
    evaluatorIds = await Promise.all(EVALUATORS.map((e) => http.userId(e)));
  }, 120_000);

  afterAll(async () => {
    redis.disconnect();
    await api?.close();
  });

  async function refreshIds(): Promise<void> {
    const pluck = async (sql: string) => ((await db.query(sql)) as { id: string }[]).map((r) => r.id);
    ids.applications = await pluck(`SELECT id FROM applications`);
    ids.disbursements = await pluck(`SELECT id FROM disbursements`);
    ids.programmes = await pluck(`SELECT id FROM programmes`);
    ids.users = await pluck(`SELECT id FROM users`);
  }

  // ---- single requests -----------------------------------------------------------------------------------------

  /** Any id: of the right kind, of another kind, a UUID of nothing, or junk. */
  const anyId = () =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...ids.applications) },
      { weight: 2, arbitrary: fc.constantFrom(...ids.disbursements) },
      { weight: 1, arbitrary: fc.constantFrom(...ids.programmes, ...ids.users) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: oddString.map((v) => encodeURIComponent(v.toWellFormed())) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '2026',
          '2027',
          '370211-FTZ',
          '-1',
          '99999999999999999999',
          '0x10',
          '%',
          '%E0%A4%A',
          '%00',
        ),
      },
    );

  const anyBody = (): fc.Arbitrary<Sent['body']> =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant(undefined) },
      {
        weight: 5,
        arbitrary: fc
          .dictionary(fc.constantFrom(...FIELD_NAMES), oddValue, { maxKeys: 6 })
          .map((json) => ({ json }) as const),
      },
      {
        weight: 3,
        arbitrary: fc
          .record({
            type: fc.oneof(fc.constantFrom(...CLIENT_EVENT_TYPES, E.CloseNotice, E.UpdateMaterials), oddString),
            version: fc.oneof(fc.integer({ min: 0, max: 12 }), oddValue),
            reason: fc.oneof(fc.constant('理由'), oddValue),
            scores: fc.oneof(fc.constant(GOOD_SCORES), fc.dictionary(oddString, oddValue)),
            materials: fc.oneof(fc.constant(MATERIALS), oddValue),
          })
          .chain((full) =>
            fc.subarray(Object.keys(full)).map((keep) => ({
              json: Object.fromEntries(keep.map((k) => [k, full[k as keyof typeof full]])),
            })),
          ),
      },
      { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((json) => ({ json })) },
      { weight: 1, arbitrary: fc.constantFrom(...POLLUTION).map((raw) => ({ raw })) },
      { weight: 1, arbitrary: oddString.map((raw) => ({ raw })) },
      {
        weight: 1,
        arbitrary: fc
          .record({ depth: fc.integer({ min: 1_000, max: 20_000 }), field: fc.constantFrom(...FIELD_NAMES) })
          .map(({ depth, field }) => ({
            raw: `{"type": "SUBMIT_SCORE", "version": 1, "${field}": ${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
          })),
      },
    );

  const anyHeaders = (): fc.Arbitrary<Record<string, string>> =>
    fc
      .record({
        auth: fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom<string | null>(...USERS, null).map(bearer) },
          {
            weight: 2,
            arbitrary: fc
              .oneof(
                asciiJunk,
                asciiJunk.map((t) => `Bearer ${t}`),
                fc.constantFrom('Bearer', 'Bearer ', 'Basic YWRtaW46ZGVtby1wYXNzd29yZA==', 'Bearer a.b.c'),
                fc.constantFrom(...USERS).map((u) => `Bearer ${tokens.get(u)!.slice(0, -3)}abc`),
              )
              .map((authorization) => ({ authorization })),
          },
        ),
        ifMatch: fc.option(fc.oneof(fc.constantFrom('"1"', '"2"', '*', 'W/"1"', '"-1"', '"1e3"', '""'), asciiJunk), {
          freq: 3,
        }),
        contentType: fc.option(
          fc.oneof(
            fc.constantFrom(
              'text/plain',
              'application/json; charset=gbk',
              'application/json; charset=latin1',
              'text/csv',
              'text/csv; charset=gbk',
              'application/x-www-form-urlencoded',
              'multipart/form-data; boundary=x',
              'application/xml',
            ),
            asciiJunk,
          ),
          { freq: 4 },
        ),
        encoding: fc.option(fc.constantFrom('gzip', 'br', 'deflate', 'compress', 'identity', 'gzip, gzip'), {
          freq: 10,
        }),
      })
      .map(({ auth, ifMatch, contentType, encoding }) => ({
        ...auth,
        ...(ifMatch === null ? {} : { 'if-match': ifMatch }),
        ...(contentType === null ? {} : { 'content-type': contentType }),
        ...(encoding === null ? {} : { 'content-encoding': encoding }),
      }));

  const QUERY_KEYS = [
    'state',
    'page',
    'pageSize',
    'programmeId',
    'jurisdictionCode',
    'unitKind',
    'level',
    'status',
    'stuckForMs',
    'from',
    'to',
    'reconciliation',
    'sort',
    'token',
  ];
  const anyQuery = fc
    .dictionary(fc.constantFrom(...QUERY_KEYS), fc.oneof(oddString, oddNumber.map(String)), { maxKeys: 3 })
    .map((q) => (Object.keys(q).length ? '?' + new URLSearchParams(q).toString() : ''));

  /** A request to any route of the app: sign-in is rare (each one costs an Argon2id hash). */
  const anyRequest = (): fc.Arbitrary<Sent> => {
    const signIn = routes.filter((r) => r.path === '/auth/login');
    const others = routes.filter((r) => r.path !== '/auth/login');
    return fc
      .record({
        route: fc.oneof(
          { weight: 60, arbitrary: fc.constantFrom(...others) },
          { weight: 1, arbitrary: fc.constantFrom(...signIn) },
        ),
        id: anyId(),
        id2: anyId(),
        query: anyQuery,
        body: anyBody(),
        headers: anyHeaders(),
      })
      .map(({ route, id, id2, query, body, headers }) => {
        let first = true;
        const path = route.path.replace(/:\w+/g, () => {
          const v = first ? id : id2;
          first = false;
          return v;
        });
        return {
          method: route.method,
          url: path + (route.method === 'GET' ? query : ''),
          headers,
          body: route.method === 'GET' ? undefined : body,
        };
      });
  };

  // ---- event sequences ------------------------------------------------------------------------------------------

  type Actor = 'own-applicant' | (typeof USERS)[number] | 'public';
  type Step =
    | {
        kind: 'event';
        /** the state's next event sent by a user who may send it, instead of `type` by `actor` */
        guided: boolean;
        pick: number;
        actor: Actor;
        type: E;
        fields: Record<string, unknown>;
        version: 'current' | 'stale' | 'none' | 'if-match' | 'junk';
        junk: unknown;
      }
    | { kind: 'close-notice' }
    | { kind: 'money'; actor: 'qd-finance' | 'qd-finance-2' | 'qd-regulator'; action: 'approve' | 'retry' | 'cancel' };

  const step: fc.Arbitrary<Step> = fc.oneof(
    {
      weight: 12,
      arbitrary: fc.record({
        kind: fc.constant('event' as const),
        guided: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        pick: fc.nat(),
        actor: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom<Actor>('own-applicant', 'qd-regulator') },
          { weight: 3, arbitrary: fc.constantFrom<Actor>(...EVALUATORS) },
          { weight: 1, arbitrary: fc.constantFrom<Actor>(...USERS, 'public') },
        ),
        type: fc.constantFrom(...CLIENT_EVENT_TYPES),
        fields: fc.record(
          {
            reason: fc.oneof({ weight: 5, arbitrary: fc.constant('理由') }, { weight: 1, arbitrary: oddValue }),
            evaluatorIndex: fc.nat({ max: EVALUATORS.length - 1 }),
            scores: fc.oneof(
              { weight: 4, arbitrary: fc.constant(GOOD_SCORES) },
              {
                weight: 1,
                arbitrary: fc.record({
                  system_completeness: oddNumber,
                  staff_awareness: fc.integer({ min: -10, max: 110 }),
                  results: fc.integer({ min: 0, max: 100 }),
                }),
              },
            ),
            decision: fc.constantFrom('upheld', 'dismissed', 'maybe'),
            filerName: fc.oneof(fc.constant('张三'), oddString),
            filerContact: fc.constant('13800000000'),
            comment: oddString,
          },
          { requiredKeys: ['reason', 'evaluatorIndex', 'scores', 'decision', 'filerName', 'filerContact'] },
        ),
        version: fc.oneof(
          { weight: 8, arbitrary: fc.constant('current' as const) },
          { weight: 1, arbitrary: fc.constantFrom('stale' as const, 'none' as const, 'if-match' as const) },
          { weight: 1, arbitrary: fc.constant('junk' as const) },
        ),
        junk: oddValue,
      }),
    },
    { weight: 2, arbitrary: fc.constant({ kind: 'close-notice' as const }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('money' as const),
        actor: fc.constantFrom('qd-finance' as const, 'qd-finance-2' as const, 'qd-regulator' as const),
        action: fc.constantFrom('approve' as const, 'retry' as const, 'cancel' as const),
      }),
    },
  );

  let applicantNumber = 0;
  let evaluatorIds: string[] = [];
  let signInMs = 0;
  /** where each sequence left its application, before it was withdrawn to free its applicant */
  const reached = new Map<S, number>();

  /** Applicants whose last application ended (an organisation has one open application per programme). */
  const freeApplicants: string[] = [];

  async function runSequence(steps: Step[]): Promise<void> {
    const applicant = freeApplicants.pop() ?? (await new Factories(api).applicant('qd', applicantNumber++)).username;
    const t0 = Date.now();
    await signIn(applicant);
    signInMs += Date.now() - t0;
    const created = await send({
      method: 'POST',
      url: '/applications',
      headers: bearer(applicant),
      body: { json: { programmeId: await http.programmeId('QDFTZ-2026'), title: 'fuzz', materials: MATERIALS } },
    });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    const id = (created.body as { id: string }).id;
    const versionOf = async (table: 'applications' | 'disbursements', where: string) =>
      (
        (await db.query(`SELECT id, version FROM ${table} WHERE ${where} = $1`, [id])) as {
          id: string;
          version: number;
        }[]
      )[0];

    for (const s of steps) {
      if (s.kind === 'close-notice') {
        // the timer, a month on: closes an open notice, refused (and harmless) otherwise
        TestClock.shift(30 * 86_400_000);
        try {
          await api.get(WorkflowEngine).fire(id, SYSTEM_PRINCIPAL, { type: E.CloseNotice });
        } catch {
          // not in public_notice, or the window has not ended
        } finally {
          TestClock.reset();
        }
        continue;
      }
      if (s.kind === 'money') {
        const d = await versionOf('disbursements', 'application_id');
        if (!d) continue;
        await send({
          method: 'POST',
          url: `/finance/disbursements/${d.id}/${s.action}`,
          headers: bearer(s.actor),
          body: { json: { version: d.version, ...(s.action === 'approve' ? {} : { reason: '处理' }) } },
        });
        continue;
      }
      const { version, snapshot } = (
        (await db.query(`SELECT version, snapshot FROM applications WHERE id = $1`, [id])) as {
          version: number;
          snapshot: AccreditationSnapshot;
        }[]
      )[0];
      let { type, actor } = s;
      let evaluatorId = evaluatorIds[s.fields.evaluatorIndex as number];
      const accepted = eventsAcceptedIn(snapshot).filter((t) => CLIENT_EVENT_TYPES.includes(t));
      // mostly forward: an ending event one time in ten, so that sequences get as far as the money
      const forward = accepted.filter((t) => !SETBACKS.includes(t));
      const next = s.pick % 10 === 0 || forward.length === 0 ? accepted : forward;
      const panel = snapshot.context.panel;
      const active = panel.filter((m) => m.status === 'active').map((m) => m.evaluatorId);
      const unscored = panel.filter((m) => m.status === 'active' && m.scores === null).map((m) => m.evaluatorId);
      if (s.guided && next.length > 0) {
        type = next[s.pick % next.length];
        if (snapshot.state === S.Acceptance && s.pick % 3 !== 0) {
          // two guided steps in three make progress on the panel: fill it, have it score, then open the notice
          type =
            active.length < snapshot.context.rules.panelSize
              ? E.AssignEvaluator
              : unscored.length > 0
                ? E.SubmitScore
                : E.OpenPublicNotice;
        }
        const role = ACCREDITATION_EVENTS[type].roles[0];
        const free = evaluatorIds.filter((e) => !panel.some((m) => m.evaluatorId === e));
        if (type === E.AssignEvaluator && free.length > 0) evaluatorId = free[s.pick % free.length];
        const pool = unscored.length > 0 ? unscored : active;
        const panelist = pool.length > 0 ? EVALUATORS[evaluatorIds.indexOf(pool[s.pick % pool.length])] : null;
        actor =
          role === Role.Applicant
            ? 'own-applicant'
            : role === Role.Evaluator
              ? (panelist ?? EVALUATORS[s.fields.evaluatorIndex as number])
              : role === Role.Regulator
                ? 'qd-regulator'
                : 'public';
      }
      const user = actor === 'own-applicant' ? applicant : actor === 'public' ? null : actor;
      const [objection] =
        type === E.RuleObjection
          ? ((await db.query(`SELECT id FROM objections WHERE application_id = $1 ORDER BY created_at DESC LIMIT 1`, [
              id,
            ])) as { id: string }[])
          : [];
      const values: Record<string, unknown> = {
        reason: s.fields.reason,
        evaluatorId,
        scores: s.fields.scores,
        decision: s.fields.decision,
        objectionId: objection?.id ?? '00000000-0000-4000-8000-000000000000',
        filerName: s.fields.filerName,
        filerContact: s.fields.filerContact,
        ...(s.fields.comment === undefined ? {} : { comment: s.fields.comment }),
      };
      const body: Record<string, unknown> = { type };
      for (const [k, v] of Object.entries(values)) if (fieldsOf(type).includes(k)) body[k] = v;
      const headers: Record<string, string> = bearer(user);
      if (s.version === 'current') body.version = version;
      if (s.version === 'stale') body.version = version - 1;
      if (s.version === 'if-match') headers['if-match'] = `"${version}"`;
      if (s.version === 'junk') body.version = s.junk;
      await send({ method: 'POST', url: `/applications/${id}/events`, headers, body: { json: body } });
    }
    // withdrawn (if it is not over yet) so the applicant may apply again; a title keeps its organisation busy
    const [{ state }] = (await db.query(`SELECT state FROM applications WHERE id = $1`, [id])) as { state: S }[];
    reached.set(state, (reached.get(state) ?? 0) + 1);
    if (state === S.Designated || state === S.Revoked) return;
    if (state !== S.Rejected && state !== S.Withdrawn) {
      await new Factories(api).send(id, applicant, { type: E.Withdraw });
    }
    freeApplicants.push(applicant);
  }

  // ---- what it found, kept as plain cases ------------------------------------------------------------------------

  it('answers a year in the calendar path that is no year with 400, not 500', async () => {
    for (const year of ['99999999999999999999', '2147483648', '-1', '1e3', '2026.5', 'abcd', '1948', '2201']) {
      const res = await send({ method: 'GET', url: `/calendar/${year}`, headers: {} });
      expect({ year, status: res.status, body: res.body }).toMatchObject({
        year,
        status: 400,
        body: { error: 'VALIDATION_FAILED', message: 'year must be a four-digit year from 1949 to 2200' },
      });
    }
    expect((await send({ method: 'GET', url: '/calendar/2026', headers: {} })).status).toBe(200);
  });

  // ---- the properties -------------------------------------------------------------------------------------------

  const singles = Math.round(TEST_FUZZ_RUNS * 0.8);
  const sequences = Math.max(1, Math.round((TEST_FUZZ_RUNS - singles) / SEQUENCE_LENGTH));
  const seed = TEST_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31);

  it(`answers ${singles} arbitrary requests without a 5xx`, async () => {
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(anyRequest(), async (s) => {
        await send(s);
      }),
      { numRuns: singles, seed },
    );
    console.info(
      `fuzz: ${singles} requests in ${Date.now() - started} ms (seed ${seed}), ${fiveHundreds.length} answered 5xx`,
    );
    expect(fiveHundreds).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  }, 600_000);

  it(`runs ${sequences} random event sequences of ${SEQUENCE_LENGTH} steps without a 5xx`, async () => {
    const started = Date.now();
    const before = requests;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: SEQUENCE_LENGTH, maxLength: SEQUENCE_LENGTH }), runSequence),
      { numRuns: sequences, seed, endOnFailure: true },
    );
    console.info(
      `fuzz: ${sequences} sequences, ${requests - before} requests in ${Date.now() - started} ms (seed ${seed}); sign-ins ${signInMs} ms; where they ended: ${[...reached].map(([state, n]) => `${state} ${n}`).join(', ')}`,
    );
    expect(fiveHundreds).toEqual([]);
  }, 600_000);

  it('leaves every history replaying to its row and only sane jobs in the outbox', async () => {
    for (const [table, history, key] of [
      ['applications', 'application_history', 'application_id'],
      ['disbursements', 'disbursement_history', 'disbursement_id'],
    ] as const) {
      // versions 1..n without a gap, each row starting where the one before ended, the last ending in the row's state
      const broken = await db.query(
        `SELECT r.id, r.state, r.version, h.n, h.versions_ok, h.chain_ok, h.last_state
           FROM ${table} r
           LEFT JOIN LATERAL (
             SELECT count(*)::int AS n,
                    bool_and(x.version = x.rn) AS versions_ok,
                    bool_and(CASE WHEN x.rn = 1 THEN x.from_state IS NULL ELSE x.from_state = x.prev END) AS chain_ok,
                    (array_agg(x.to_state ORDER BY x.version DESC))[1] AS last_state
               FROM (SELECT version, from_state, to_state,
                            row_number() OVER (ORDER BY version) AS rn,
                            lag(to_state) OVER (ORDER BY version) AS prev
                       FROM ${history} WHERE ${key} = r.id) x
           ) h ON true
          WHERE h.n IS DISTINCT FROM r.version OR NOT h.versions_ok OR NOT h.chain_ok OR h.last_state IS DISTINCT FROM r.state`,
      );
      expect({ table, broken }).toEqual({ table, broken: [] });
    }
    // the snapshot the engine restores says the same state as the column
    expect(await db.query(`SELECT id FROM applications WHERE snapshot->>'state' IS DISTINCT FROM state`)).toEqual([]);
    // money only for designations: every disbursement's application was designated once, one per policy
    expect(
      await db.query(
        `SELECT d.id FROM disbursements d
          WHERE (SELECT count(*) FROM application_history h WHERE h.application_id = d.application_id AND h.event = 'DESIGNATE') <> 1`,
      ),
    ).toEqual([]);
    // outbox: known queues and jobs, payloads naming rows that exist
    const jobs = (await db.query(`SELECT queue, job_name, job_id, payload FROM outbox`)) as {
      queue: string;
      job_name: JobName;
      job_id: string;
      payload: { applicationId?: string; disbursementId?: string };
    }[];
    const known = new Set(Object.values(JobName));
    const bad = jobs.filter((j) => !known.has(j.job_name) || JOB_QUEUE[j.job_name] !== (j.queue as QueueName));
    expect(bad).toEqual([]);
    const applications = new Set(
      ((await db.query(`SELECT id FROM applications`)) as { id: string }[]).map((r) => r.id),
    );
    const disbursements = new Set(
      ((await db.query(`SELECT id FROM disbursements`)) as { id: string }[]).map((r) => r.id),
    );
    const dangling = jobs.filter(
      (j) =>
        (j.job_name === JobName.CloseNotice && !applications.has(j.payload.applicationId!)) ||
        (j.job_name === JobName.PayDisbursement && !disbursements.has(j.payload.disbursementId!)),
    );
    expect(dangling).toEqual([]);
    // every approved or paying disbursement has its payment job; every open notice its deadline
    expect(
      await db.query(
        `SELECT d.id FROM disbursements d WHERE d.state IN ('approved', 'paying')
            AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.payload->>'disbursementId' = d.id::text)`,
      ),
    ).toEqual([]);
    expect(
      await db.query(
        `SELECT a.id FROM applications a WHERE a.state = 'public_notice'
            AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.payload->>'applicationId' = a.id::text)`,
      ),
    ).toEqual([]);
    console.info(`fuzz: ${requests} requests in all, ${jobs.length} outbox rows checked`);
  }, 60_000);
});

/** The client fields an event takes (required and optional), from the domain's table. */
function fieldsOf(type: E): readonly string[] {
  const spec = ACCREDITATION_EVENTS[type];
  return [...spec.required, ...spec.optional];
}
