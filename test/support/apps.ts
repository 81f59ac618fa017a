import '@app/testing/test-env';
import { loadEnvironment, validateEnvironment } from '@app/config';
import { Clock } from '@app/platform';
import { SeedModule } from '@app/seed';
import {
  Factories,
  flushPrefix,
  resetDatabase,
  TEST_QUEUE_PREFIX,
  TEST_REDIS_URL,
  TestClock,
  type TestZone,
} from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/bootstrap';
import { createHttpAdapter } from '../../apps/api/src/http-platform';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { ConformanceInterceptor, takeConformanceProblems } from './conformance.interceptor';

/**
 * The API as it runs in production, with a movable clock and the seed service for resets; `adjust` may override
 * providers (e.g. ConfigService). An API that refuses to start is closed (its connections too) before the error is
 * rethrown.
 */
export async function startApi(
  adjust: (b: TestingModuleBuilder) => TestingModuleBuilder = (b) => b,
): Promise<INestApplication> {
  const ref = await adjust(
    Test.createTestingModule({ imports: [AppModule, SeedModule] })
      .overrideProvider(Clock)
      .useClass(TestClock),
  ).compile();
  const env = loadEnvironment();
  const app = ref.createNestApplication(createHttpAdapter(env.HTTP_PLATFORM, env.BODY_LIMIT_BYTES, env.TRUST_PROXY), {
    logger: false,
    bufferLogs: false,
  });
  // every answer is checked against the OpenAPI document (useApi fails the file on a difference)
  app.useGlobalInterceptors(new ConformanceInterceptor());
  return configureApp(app, env).catch(closedAfter(app));
}

/** The processes' ConfigService with some variables replaced (the apps validate the environment at import). */
export function configured(overrides: Record<string, string>) {
  const config = new ConfigService(validateEnvironment({ ...process.env, ...overrides }));
  return (b: TestingModuleBuilder) => b.overrideProvider(ConfigService).useValue(config);
}

/** Closes an application that failed to start, then rethrows why. */
function closedAfter(app: INestApplication) {
  return async (e: unknown): Promise<never> => {
    await app.close().catch(() => undefined);
    throw e;
  };
}

/** The worker: processors, outbox relay and sweeper (no HTTP listener); `adjust` may override providers. */
export async function startWorker(
  adjust: (b: TestingModuleBuilder) => TestingModuleBuilder = (b) => b,
): Promise<INestApplication> {
  const ref = await adjust(Test.createTestingModule({ imports: [WorkerModule] })).compile();
  const app = ref.createNestApplication({ logger: false });
  await app.init().catch(closedAfter(app));
  return app;
}

export { resetDatabase, TestClock };

/**
 * The API for one spec file: started once, and before each test a clean slate (reference data reloaded, the
 * tests' queue keys deleted, sign-ins forgotten, the clock back to now). `bind` receives the API and its client.
 */
export function useApi(bind: (started: { api: INestApplication; http: Http }) => void): void {
  let api: INestApplication;
  let http: Http;
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  beforeAll(async () => {
    api = await startApi();
    http = new Http(api);
    bind({ api, http });
  });
  beforeEach(async () => {
    await flushPrefix(redis, TEST_QUEUE_PREFIX);
    await resetDatabase(api);
    http.forget();
    TestClock.reset();
  });
  afterEach(() => TestClock.reset());
  afterAll(async () => {
    redis.disconnect();
    await api.close();
    const problems = takeConformanceProblems();
    if (problems.length > 0)
      throw new Error(
        `answers differ from the OpenAPI document (fix the view or its decorators, then npm run openapi):\n${problems.join('\n')}`,
      );
  });
}

export const PASSWORD = 'demo-password';

/** Signs in demo users once and sends requests as them. */
export class Http {
  private readonly tokens = new Map<string, string>();

  constructor(readonly app: INestApplication) {}

  get server() {
    return this.app.getHttpServer();
  }

  async token(username: string): Promise<string> {
    let t = this.tokens.get(username);
    if (!t) {
      const res = await request(this.server).post('/auth/login').send({ username, password: PASSWORD }).expect(200);
      t = res.body.accessToken as string;
      this.tokens.set(username, t);
    }
    return t;
  }

  forget(): void {
    this.tokens.clear();
  }

  /** The Authorization header of a demo user ({} for the public). */
  async auth(username: string | null): Promise<Record<string, string>> {
    return username ? { Authorization: `Bearer ${await this.token(username)}` } : {};
  }

  async as(username: string | null) {
    const auth = await this.auth(username);
    const server = this.server;
    return {
      get: (url: string) => request(server).get(url).set(auth),
      post: (url: string, body?: object) =>
        request(server)
          .post(url)
          .set(auth)
          .send(body ?? {}),
      put: (url: string, body?: object) =>
        request(server)
          .put(url)
          .set(auth)
          .send(body ?? {}),
    };
  }

  async userId(username: string): Promise<string> {
    const res = await request(this.server).post('/auth/login').send({ username, password: PASSWORD }).expect(200);
    return res.body.user.id;
  }

  async programmeId(code: string): Promise<string> {
    const res = await request(this.server).get('/programmes').expect(200);
    const p = (res.body as { id: string; code: string }[]).find((x) => x.code === code);
    if (!p) throw new Error(`no programme ${code}`);
    return p.id;
  }
}

export interface HistoryRow {
  version: number;
  event: string;
  fromState: string | null;
  toState: string;
  actorId: string | null;
  actorRole: string;
  reason: string | null;
  payload: Record<string, unknown>;
  at: string;
  /** the fields withheld from the reader, when any is */
  withheld?: string[];
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` until it answers something truthy, which it returns; fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Version and history row count of an application read straight from the database (no access rules). */
export async function recordOf(
  app: INestApplication,
  id: string,
): Promise<{ state: string; version: number; historyRows: number }> {
  const db = app.get(DataSource);
  const [row] = await db.query(
    `SELECT a.state, a.version, (SELECT count(*)::int FROM application_history h WHERE h.application_id = a.id) AS "historyRows"
       FROM applications a WHERE a.id = $1`,
    [id],
  );
  if (!row) throw new Error(`no application ${id}`);
  return row;
}

export const MATERIALS = ['application_form', 'protection_system', 'training_records', 'self_assessment'].map(
  (key) => ({
    key,
    title: key,
    reference: `test://${key}.pdf`,
  }),
);

export const GOOD_SCORES = { system_completeness: 88, staff_awareness: 80, results: 78 };

/**
 * Drives an application through HTTP as the right users. Each step reads the current version and sends it back.
 */
/** The demo regulator who re-checks (复核) what each demo regulator passed in preliminary review (初审). */
export const RECHECKER: Record<string, string> = {
  'qd-regulator': 'qd-regulator-2',
  'qd-regulator-2': 'qd-regulator',
  'cs-regulator': 'cs-regulator-2',
  'cs-regulator-2': 'cs-regulator',
  'hn-regulator': 'hn-regulator-2',
  'hn-regulator-2': 'hn-regulator',
};

export class Flow {
  version = 0;
  constructor(
    readonly http: Http,
    readonly id: string,
  ) {}

  static async create(http: Http, applicant = 'qd-applicant', programme = 'QDFTZ-2026'): Promise<Flow> {
    const api = await http.as(applicant);
    const res = await api.post('/applications', {
      programmeId: await http.programmeId(programme),
      title: 'test application',
      materials: MATERIALS,
    });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
    // a file for each material, as uploads would leave them (without their UPDATE_MATERIALS rows)
    await new Factories(http.app).attachFiles(
      res.body.id,
      MATERIALS.map((m) => m.key),
    );
    const flow = new Flow(http, res.body.id);
    flow.version = res.body.version;
    return flow;
  }

  /** Sends an event and returns the raw response; tracks the version on success. */
  async send(username: string | null, body: Record<string, unknown>) {
    const api = await this.http.as(username);
    const res = await api.post(`/applications/${this.id}/events`, { version: this.version, ...body });
    if (res.status === 200) this.version = res.body.application.version;
    return res;
  }

  /** Sends an event that must succeed. */
  async ok(username: string | null, body: Record<string, unknown>) {
    const res = await this.send(username, body);
    if (res.status !== 200)
      throw new Error(`${String(body.type)} by ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async state(username = 'qd-regulator'): Promise<string> {
    const res = await (await this.http.as(username)).get(`/applications/${this.id}`).expect(200);
    this.version = res.body.version;
    return res.body.state;
  }

  /** 初审 by `regulator`, 复核 by a second regulator (the programmes' rule, on by default). */
  async toAcceptance(
    applicant = 'qd-applicant',
    regulator = 'qd-regulator',
    rechecker = RECHECKER[regulator] ?? regulator,
  ): Promise<void> {
    await this.ok(applicant, { type: 'SUBMIT' });
    await this.ok(regulator, { type: 'PASS_PRELIMINARY' });
    await this.ok(rechecker, { type: 'PASS_RECHECK' });
  }

  /** The application as `username` sees it (tracks the version). */
  async detail(username = 'qd-regulator') {
    const res = await (await this.http.as(username)).get(`/applications/${this.id}`);
    if (res.status !== 200) throw new Error(`GET ${this.id} as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    this.version = res.body.version;
    return res.body as Record<string, unknown> & { state: string; version: number; allowedEvents: string[] };
  }

  /** The history rows as `username` sees them. */
  async history(username = 'qd-regulator'): Promise<HistoryRow[]> {
    const res = await (await this.http.as(username)).get(`/applications/${this.id}/history`);
    if (res.status !== 200)
      throw new Error(`GET ${this.id}/history as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as HistoryRow[];
  }

  /** Polls until the application is in `state` (as seen by `username`). */
  async waitForState(state: string, timeoutMs = 10_000, username = 'qd-regulator'): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if ((await this.state(username)) === state) return;
      await sleep(100);
    }
    throw new Error(`application did not reach ${state}; it is ${await this.state(username)}`);
  }

  async scoredPanel(evaluators = ['qd-evaluator-1', 'qd-evaluator-2', 'qd-evaluator-3']): Promise<void> {
    for (const e of evaluators)
      await this.ok('qd-regulator', { type: 'ASSIGN_EVALUATOR', evaluatorId: await this.http.userId(e) });
    for (const e of evaluators) await this.ok(e, { type: 'SUBMIT_SCORE', scores: GOOD_SCORES });
  }

  /** Opens the notice with the clock set back so its window has already ended. */
  async openEndedNotice(): Promise<void> {
    TestClock.shift(-30 * 86_400_000);
    try {
      await this.ok('qd-regulator', { type: 'OPEN_PUBLIC_NOTICE' });
    } finally {
      TestClock.reset();
    }
  }
}

/**
 * A further enterprise in the zone with a payee account and its own applicant login (the demo data has one or two
 * per zone, and an organisation applies once per programme). Returns the username.
 */
export async function extraApplicant(app: INestApplication, zone: TestZone, n: number): Promise<string> {
  return (await new Factories(app).applicant(zone, n)).username;
}
