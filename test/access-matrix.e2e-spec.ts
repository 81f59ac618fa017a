import { ACCREDITATION_EVENTS, AccreditationState as S, CLIENT_EVENT_TYPES, Role } from '@app/domain';
import { Access, type AccessOutcome, type MatrixRole, type Place, Public } from '@app/platform';
import { Factories, flushPrefix, resetDatabase, TEST_QUEUE_PREFIX, TEST_REDIS_URL } from '@app/testing';
import { Controller, Get, INestApplication, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { configured, GOOD_SCORES, Http, MATERIALS, PASSWORD, startApi } from './support/apps';
import { type DeclaredRoute, matrixCells, MOUNTED, type RouteEntry, routeTable } from './support/route-table';

/**
 * The access matrix: every route of the app × every role × the places its scope distinguishes (the caller's own
 * row, another organisation's in the same jurisdiction, another jurisdiction's), each answered as the route's
 * `@Access` declaration, `@Roles` and `@Public` say. The rows are designated applications of three organisations
 * (two in the Qingdao FTZ, Shandong; one in the Changsha FTZ, Hunan) and their disbursements; the callers sit in
 * Qingdao. A request that changes state sends a version nobody has (409 once past access), so no cell changes a row
 * another cell reads.
 */

/** The callers, all of Qingdao (the admin is national): "own" rows are qd-applicant's. */
const CALLERS: Record<MatrixRole, string | null> = {
  [Role.Applicant]: 'qd-applicant',
  [Role.Regulator]: 'qd-regulator',
  [Role.Evaluator]: 'qd-evaluator-1',
  [Role.Finance]: 'qd-finance',
  [Role.Admin]: 'admin',
  [Role.Public]: null,
};

/** Routes that end the caller's session: their cells sign in afresh, so the shared tokens of the other cells live on. */
const SESSION_ENDING = new Set(['POST /auth/logout']);

/** A version no row has: a state-changing request that got past access answers 409 and writes nothing. */
const STALE = 999_999;
const NOBODY = '00000000-0000-4000-8000-000000000000';

interface Rows {
  application: Record<Place, string>;
  disbursement: Record<Place, string>;
  programme: Record<Place, string>;
  jurisdiction: Record<Place, string>;
  evaluator4: string;
  policy: Record<Place, string>;
  /** qd-applicant's organisation (verified): a verification decision on it answers 409 */
  organisation: string;
  /** a notification of each caller (the public's is nobody's) */
  notification: Record<MatrixRole, string>;
}

/** The request of one cell: path parameters from the place, a body well-formed enough to reach the access check. */
function probe(route: DeclaredRoute, role: MatrixRole, place: Place, rows: Rows): { path: string; body?: object } {
  const id = route.path.startsWith('/me/notifications/')
    ? rows.notification[role]
    : route.path.startsWith('/organisations/registrations/')
      ? rows.organisation
      : route.path.startsWith('/staff/') || route.path.startsWith('/experts/')
        ? rows.evaluator4
        : route.path.startsWith('/finance/disbursements')
          ? rows.disbursement[place]
          : route.path.startsWith('/finance/policies')
            ? rows.policy[place]
            : route.path.startsWith('/programmes')
              ? rows.programme[place]
              : rows.application[place];
  const path = route.path
    .replace(':objectionId', NOBODY)
    .replace(':materialCode', 'application_form')
    .replace(':fileId', 'current')
    .replace(':id', id)
    .replace(':year', '2099')
    .replace(':code', rows.jurisdiction[place]);
  const objection = { reason: '异议', filerName: '张三', filerContact: '13800000000' };
  const bodies: Record<string, object> = {
    'POST /applications': { programmeId: rows.programme.own, title: 'matrix', materials: MATERIALS },
    'PUT /applications/:id/materials': { materials: MATERIALS, version: STALE },
    'POST /applications/:id/events': eventFor(role, rows),
    'POST /applications/:id/evaluators': { evaluatorId: rows.evaluator4, version: STALE },
    'PUT /applications/:id/scores': { scores: GOOD_SCORES, version: STALE },
    'POST /applications/:id/conflicts': { reason: '曾任顾问', version: STALE },
    'POST /applications/:id/objections': objection,
    'POST /applications/:id/reinspections': { outcome: 'passed', version: STALE },
    'POST /applications/:id/objections/:objectionId/ruling': {
      decision: 'dismissed',
      reason: '不成立',
      version: STALE,
    },
    'POST /programmes/:id/experts': { evaluatorId: rows.evaluator4 },
    // the applications are designated: past access, a draw or a pick answers 409 (not in acceptance)
    'POST /applications/:id/expert-draws': { seats: [{ field: null, count: 1 }] },
    'POST /applications/:id/invitations': { evaluatorId: rows.evaluator4 },
    // the path names no invitation: past access, 404 (an invitation is known to its evaluator only)
    'POST /evaluator-invitations/:id/accept': { declaration: 'no_conflict' },
    'POST /evaluator-invitations/:id/decline': { conflict: false, reason: '时间冲突' },
    'PUT /experts/:id': { available: true },
    // the default, so the programme is as it was
    'PUT /programmes/:id/time-limits': { recheck: 5 },
    // no area quotas, as the programmes have none: nothing changes
    'PUT /programmes/:id/quotas': { areas: [] },
    'POST /programmes/:id/quota-overrides': {
      jurisdictionCode: rows.jurisdiction[place],
      extraPlaces: 1,
      reason: '追加',
    },
    // a target of a year nobody reads; the second cell of the same bureau answers 409 (it exists)
    'POST /jurisdictions/:code/targets': { unitKind: 'point', year: 2099, target: 1 },
    'PUT /jurisdictions/:code/targets': { targets: [] },
    'PUT /programmes/:id/rules': { noticeWorkingDays: 5 },
    'POST /auth/refresh': { refreshToken: 'not-a-refresh-token' },
    'POST /programmes': {
      code: `MATRIX-${place === 'own' ? 'QD' : 'CS'}`,
      name: 'matrix',
      jurisdictionCode: rows.jurisdiction[place],
      unitKind: 'enterprise',
      level: 'district',
      year: 2027,
      rubric: { passMark: 70, dimensions: [{ key: 'all', name: '全部', weight: 100, maxScore: 100 }] },
      panelSize: 1,
      requiredMaterials: ['application_form'],
      noticeWorkingDays: 5,
    },
    'POST /finance/policies': {
      programmeId: rows.programme[place],
      name: 'matrix',
      amountFen: 100,
      budgetFen: 1000,
      purpose: 'matrix',
    },
    'POST /applications/:id/objections/rulings': {
      objectionIds: [NOBODY],
      decision: 'dismissed',
      reason: '不成立',
      version: STALE,
    },
    'POST /finance/policies/:id/proposals': { amountFen: 100, version: STALE },
    'POST /finance/policies/:id/approve': { version: STALE },
    'POST /finance/policies/:id/reject': { reason: '不同意', version: STALE },
    'POST /finance/disbursements/:id/verify': { version: STALE },
    'POST /finance/disbursements/:id/approve': { version: STALE },
    'POST /finance/disbursements/:id/retry': { reason: '重试', version: STALE },
    'POST /finance/disbursements/:id/cancel': { reason: '注销', version: STALE },
    'PUT /calendar/:year': { days: [], source: 'matrix' },
    'POST /organisations/registrations/:id/verification': { decision: 'verified' },
    // nothing that differs: 400 once past access, nothing changed (the reset does change qd-evaluator-4's password,
    // which no cell signs in with)
    'POST /staff/:id/access': { active: true },
    // valid, so the use case's role check is reached (the API's Clock is the tests' clock: nothing moves)
    'POST /admin/clock/advance': { minutes: 1, reason: 'matrix' },
    'POST /admin/clock/reset': { reason: 'matrix' },
    'PUT /me/notification-preferences': { preferences: [] },
    'PUT /me/email': { email: null },
    // valid, so the use case's check (a regulator of a city) is reached: the matrix's regulator is a district's
    'POST /directory/entries': DIRECTORY_ENTRY,
    'PUT /directory/entries/:id': { ...DIRECTORY_ENTRY, version: STALE },
    'POST /directory/reports': { period: '2026-Q4' },
    // valid, so the use case's lookup is reached: the probe names no report of the caller's (404)
    'POST /pilot-reports/:id/submission': { summary: '进展' },
  };
  return { path, body: bodies[`${route.method} ${route.path}`] };
}

/** An enterprise of a city's directory, well-formed. */
const DIRECTORY_ENTRY = {
  name: '矩阵测试企业',
  creditCode: '91430100MA4L000014',
  industry: '新材料',
  needs: '配方',
  riskTier: 'low',
  assessedOn: '2026-01-05',
  assessmentBasis: '问卷',
  contactName: '王',
  contactPhone: '13800000000',
};

/** The first event of the flow the role may send, with its fields filled in (and a stale version). */
function eventFor(role: MatrixRole, rows: Rows): object {
  const type = CLIENT_EVENT_TYPES.find((t) => ACCREDITATION_EVENTS[t].roles.includes(role)) ?? CLIENT_EVENT_TYPES[0];
  const fields: Record<string, unknown> = {
    reason: '理由',
    filerName: '张三',
    filerContact: '13800000000',
    evaluatorId: rows.evaluator4,
    scores: GOOD_SCORES,
    objectionId: NOBODY,
    decision: 'dismissed',
  };
  const spec = ACCREDITATION_EVENTS[type];
  return { type, version: STALE, ...Object.fromEntries(spec.required.map((f) => [f, fields[f]])) };
}

function outcomeOf(status: number): AccessOutcome | number {
  if (status === 401 || status === 403 || status === 404) return status;
  if (status >= 500) return status;
  return 'allowed';
}

/** One notification row for each caller with an account, so POST /me/notifications/:id/read finds the caller's own. */
async function notificationsOf(db: DataSource): Promise<Record<MatrixRole, string>> {
  const out = { [Role.Public]: NOBODY } as Record<MatrixRole, string>;
  for (const [role, user] of Object.entries(CALLERS)) {
    if (!user) continue;
    const [{ id }] = await db.query(
      `INSERT INTO notifications (event_key, recipient_key, user_id, kind, title, body, link, subject_type, subject_id, email_status)
       SELECT 'matrix', u.id::text, u.id, 'application.decision', 'matrix', 'matrix', '/', 'application', $2, 'no-address'
         FROM users u WHERE u.username = $1 RETURNING id`,
      [user, NOBODY],
    );
    out[role as MatrixRole] = id;
  }
  return out;
}

const isDeclared = (r: RouteEntry): r is DeclaredRoute => r.access !== undefined;

describe('access matrix', () => {
  let api: INestApplication;
  let http: Http;
  let routes: RouteEntry[];
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });

  beforeAll(async () => {
    api = await startApi(configured({ DEMO_MODE: 'true' })); // so the demo clock's routes answer too
    http = new Http(api);
    await flushPrefix(redis, TEST_QUEUE_PREFIX);
    await resetDatabase(api);
    routes = routeTable(api);
  }, 60_000);

  afterAll(async () => {
    redis.disconnect();
    await api.close();
  });

  it('finds every route of the app declared with @Access', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((r) => !isDeclared(r)).map((r) => `${r.key} (${r.handler})`)).toEqual([]);
  });

  it('names a route without a declaration', async () => {
    @Controller('probe')
    class ProbeController {
      @Get('declared') @Public() @Access('none') declared() {}
      @Post(':id/undeclared') undeclared() {}
    }
    const ref = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
    const found = routeTable(ref);
    expect(found.filter((r) => !isDeclared(r)).map((r) => r.key)).toEqual(['POST /probe/:id/undeclared']);
    expect(found.find((r) => r.key === 'GET /probe/declared')).toMatchObject({
      isPublic: true,
      access: { scope: 'none' },
    });
    await ref.close();
  });

  it('answers every route × role × place as declared', async () => {
    const factories = new Factories(api);
    const db = api.get(DataSource);
    const csProgramme = await http.programmeId('HNFTZ-CS-2026');
    const csPolicy = await factories.policy(
      'HNFTZ-CS-2026',
      { name: '长沙片区示范企业奖补', amountFen: 3_000_000, budgetFen: 30_000_000, purpose: 'matrix' },
      'cs-finance',
      'cs-finance-2',
    );
    const own = await factories.application(S.Designated, {
      applicant: 'qd-applicant',
      evaluators: ['qd-evaluator-1', 'qd-evaluator-2', 'qd-evaluator-3'],
    });
    const sibling = await factories.application(S.Designated, {
      applicant: 'qd-applicant-2',
      evaluators: ['qd-evaluator-2', 'qd-evaluator-3', 'qd-evaluator-4'],
    });
    const foreign = await factories.application(S.Designated, {
      applicant: 'cs-applicant',
      programme: 'HNFTZ-CS-2026',
    });
    const disbursementOf = async (applicationId: string): Promise<string> => {
      const [row] = await db.query(`SELECT id FROM disbursements WHERE application_id = $1`, [applicationId]);
      if (!row) throw new Error(`no disbursement for ${applicationId}`);
      return row.id;
    };
    const qdProgramme = await http.programmeId('QDFTZ-2026');
    const [{ id: qdPolicy }] = await db.query(`SELECT id FROM subsidy_policies WHERE programme_id = $1`, [qdProgramme]);
    const rows: Rows = {
      application: { own: own.id, 'other-organisation': sibling.id, 'other-jurisdiction': foreign.id },
      disbursement: {
        own: await disbursementOf(own.id),
        'other-organisation': await disbursementOf(sibling.id),
        'other-jurisdiction': await disbursementOf(foreign.id),
      },
      programme: { own: qdProgramme, 'other-organisation': qdProgramme, 'other-jurisdiction': csProgramme },
      jurisdiction: { own: '370211-FTZ', 'other-organisation': '370211-FTZ', 'other-jurisdiction': '430100-FTZ' },
      evaluator4: await http.userId('qd-evaluator-4'),
      policy: { own: qdPolicy, 'other-organisation': qdPolicy, 'other-jurisdiction': csPolicy.id },
      organisation: own.organisationId,
      notification: await notificationsOf(db),
    };
    // each application has a current file of each material (the factories attach them), so a download that passes
    // access answers 200, not 404 for no file
    const auth = Object.fromEntries(
      await Promise.all(Object.entries(CALLERS).map(async ([role, user]) => [role, await http.auth(user)])),
    ) as Record<MatrixRole, Record<string, string>>;

    const declared = [...routes.filter(isDeclared), ...MOUNTED];
    const cells = matrixCells(declared);
    const wrong: string[] = [];
    const server = api.getHttpServer();
    for (const { route, role, place, expected } of cells) {
      const { path, body } = probe(route, role, place, rows);
      const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch';
      const user = CALLERS[role];
      const headers =
        SESSION_ENDING.has(route.key) && user
          ? {
              Authorization: `Bearer ${(await request(server).post('/auth/login').send({ username: user, password: PASSWORD })).body.accessToken}`,
            }
          : auth[role];
      let req = request(server)[method](path).set(headers);
      if (body !== undefined) req = req.send(body);
      else if (method !== 'get') req = req.send({});
      const res = await req;
      const got = outcomeOf(res.status);
      // past access on a row means the probe reached the row: a 400 there would hide a missing 404
      const unreached = got === 'allowed' && route.access.scope !== 'none' && res.status === 400;
      if (got !== expected || unreached) {
        wrong.push(
          `${route.key} as ${role} (${place}): expected ${expected}, got ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
        );
      }
    }
    const scoped = declared.filter((r) => r.access.scope !== 'none').length;
    console.info(
      `access matrix: ${declared.length} routes (${scoped} about a row), ${cells.length} cells, ${wrong.length} wrong`,
    );
    expect(wrong).toEqual([]);
  }, 120_000);
});
