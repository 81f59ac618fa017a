#!/usr/bin/env node
'use strict';
/**
 * npm run bench [-- --quick] [-- --web]
 *
 * Measures the engine against baselines run in the same process, on this machine, and reports ratios (absolute
 * times on shared machines swing from run to run). Uses its own database and Redis key prefix, created here and
 * dropped at the end. See BENCHMARKS.md for what each figure means.
 */
if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(`Node ${process.version}: the benchmark runs on the project's Node 24; start it with npm run bench`);
  process.exit(1);
}
const { execFileSync, execSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Pool } = require('pg');
const IORedis = require('ioredis');
const { Queue, Worker } = require('bullmq');
const { request, waitForHealth, agent } = require('./lib/http');
const { runClients, summarize } = require('./lib/stats');
const { startApp, stopApp, peakRssMb, cpuSnapshot, cpuPerOp } = require('./lib/processes');

/** the HTTP platform the API ships with, and the one the API runs on at the moment */
const PLATFORM = { kept: process.env.BENCH_HTTP_PLATFORM ?? 'fastify', current: '' };

/** the pids of the API and worker children, for CPU accounting */
const PIDS = { api: 0, worker: 0, db: '' };

const ROOT = path.resolve(__dirname, '..');
process.chdir(ROOT);
const QUICK = process.argv.includes('--quick');
/** --only=transitions,platforms,login,disbursements,reads runs just those parts (for profiling one of them) */
const ONLY =
  process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',') ?? null;
/** --todo: only the to-do list at its full size (1,000,000 applications; --quick: 20,000) */
const TODO_ONLY = process.argv.includes('--todo');
/**
 * --export: only the export of the applications list over HTTP, as CSV then XLSX (1,000,000 rows; --quick: 20,000;
 * BENCH_EXPORT_ROWS=50000 for another size), with the API's RSS sampled while it streams
 * --dashboard: only the reads at scale (the dashboard's counts and its page among them), at 10,000 and 1,000,000
 * applications (--quick: 2,000 and 10,000; BENCH_READ_SIZES=10000,100000 for others)
 */
const EXPORT_ONLY = process.argv.includes('--export');
const DASHBOARD_ONLY = process.argv.includes('--dashboard');
const part = (name) =>
  TODO_ONLY
    ? name === 'todo'
    : EXPORT_ONLY
      ? name === 'export'
      : DASHBOARD_ONLY
        ? name === 'reads'
        : name === 'export'
          ? (ONLY ?? []).includes(name) // a million more rows: only when asked
          : ONLY === null || ONLY.includes(name);
/** --web: only the console in Chromium (first visit LCP, first route's JS, later pages' time to interactive) */
const WEB_ONLY = process.argv.includes('--web');
const PG_BASE = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** BENCH_DB names the database (created and dropped here), e.g. a helper's own */
const DB = process.env.BENCH_DB ?? `accreditation_bench_${process.pid}`;
// postgres CPU is counted for this database's backends only (bench/lib/processes.js)
PIDS.db = DB;
/** the superuser: the baselines' raw SQL and the fixtures; the API and the worker connect as the application's role */
const DATABASE_URL = `${PG_BASE}/${DB}`;
const asRole = (role) => {
  const u = new URL(DATABASE_URL);
  u.username = role;
  u.password = '';
  return u.toString();
};
const ROLE_URLS = {
  DATABASE_URL: asRole('accreditation_app'),
  DATABASE_OWNER_URL: asRole('accreditation_owner'),
  DATABASE_ADMIN_URL: `${PG_BASE}/postgres`,
};
const PREFIX = `bench-${process.pid}`;
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3900);
const WORKER_PORT = API_PORT + 1;
const LOG_DIR = path.join(ROOT, 'bench', 'results');

const CONFIG = QUICK
  ? {
      levels: [1, 8],
      appsPerClient: { 1: 4, 8: 2, 32: 1 },
      readSizes: [2_000, 10_000],
      readRequests: 30,
      disbursements: 200,
      todoApplications: 20_000,
      todoRequests: 100,
      exportRows: 20_000,
    }
  : {
      levels: [1, 8, 32],
      appsPerClient: { 1: 60, 8: 16, 32: 6 },
      readSizes: [10_000, 1_000_000],
      readRequests: 300,
      disbursements: 10_000,
      todoApplications: 1_000_000,
      todoRequests: 300,
      exportRows: 1_000_000,
    };
if (process.env.BENCH_DISBURSEMENTS) CONFIG.disbursements = Number(process.env.BENCH_DISBURSEMENTS);
if (process.env.BENCH_EXPORT_ROWS) CONFIG.exportRows = Number(process.env.BENCH_EXPORT_ROWS);
if (process.env.BENCH_READ_SIZES) CONFIG.readSizes = process.env.BENCH_READ_SIZES.split(',').map(Number);

const MATERIALS = ['application_form', 'protection_system', 'training_records', 'self_assessment'];
const RUBRIC = {
  passMark: 70,
  dimensions: [
    { key: 'system_completeness', name: '制度完善', weight: 40, maxScore: 100 },
    { key: 'staff_awareness', name: '人员认知', weight: 30, maxScore: 100 },
    { key: 'results', name: '创建效果', weight: 30, maxScore: 100 },
  ],
};
const SCORES = { system_completeness: 88, staff_awareness: 80, results: 78 };

const log = (...a) => console.log('[bench]', ...a);
const domain = () => require(path.join(ROOT, 'dist/apps/api/libs/domain/src'));

function cli(command) {
  execFileSync(process.execPath, ['dist/apps/cli/apps/cli/src/main.js', command], {
    env: { ...process.env, ...ROLE_URLS, QUEUE_PREFIX: PREFIX, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function adminQuery(sql) {
  const pool = new Pool({ connectionString: `${PG_BASE}/postgres`, max: 1 });
  try {
    await pool.query(sql);
  } finally {
    await pool.end();
  }
}

// ---------------------------------------------------------------- fixtures (not measured)

/**
 * Applicants, programmes and drafts for the transition workload, made through the product's use cases by the
 * tests' factory library (bench/fixtures.ts), in one child process for all the sets asked: { tag → { orgs, apps } }.
 */
let applicantsMade = 0;
function fixtures(specs) {
  const first = applicantsMade + 1;
  applicantsMade += specs.reduce((n, s) => n + s.clients, 0);
  const out = execFileSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      'bench/fixtures.ts',
      JSON.stringify(specs),
      String(first),
    ],
    {
      // libs/testing applies its test environment on import: point it at the bench's database, Redis and prefix
      env: {
        ...process.env,
        TEST_DATABASE_URL: DATABASE_URL,
        TEST_REDIS_URL: REDIS_URL,
        TEST_QUEUE_PREFIX: PREFIX,
        DATABASE_URL,
        REDIS_URL,
        QUEUE_PREFIX: PREFIX,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  // the API sat idle while the fixtures were made: its idle keep-alive sockets may be closing (Node's 5 s default)
  agent.destroy();
  return Object.fromEntries(JSON.parse(out.toString('utf8').trim().split('\n').pop()).map((set) => [set.tag, set]));
}

/**
 * Signs in; the answer stands for the user's access token wherever one is sent (`Bearer ${token}`). Access tokens
 * last 15 minutes and a run lasts longer, so it renews itself every 10 minutes with the session's refresh token.
 */
async function login(username, password = 'demo-password') {
  const first = await request(API_PORT, 'POST', '/auth/login', { body: { username, password } });
  const session = {
    accessToken: first.accessToken,
    refreshToken: first.refreshToken,
    toString() {
      return this.accessToken;
    },
  };
  const renew = setInterval(async () => {
    try {
      const next = await request(API_PORT, 'POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } });
      Object.assign(session, { accessToken: next.accessToken, refreshToken: next.refreshToken });
    } catch (e) {
      log(`renewing ${username}'s access token failed (retried in 10 minutes): ${e.message}`);
    }
  }, 10 * 60_000);
  renew.unref();
  return session;
}

// ---------------------------------------------------------------- 1. transitions through HTTP vs raw SQL

async function benchTransitions(db, levels = CONFIG.levels) {
  const regulator = await login('qd-regulator');
  const rechecker = await login('qd-regulator-2'); // 复核 by a second regulator
  const evaluator = await login('qd-evaluator-1');
  const evaluatorId = (
    await request(API_PORT, 'POST', '/auth/login', { body: { username: 'qd-evaluator-1', password: 'demo-password' } })
  ).user.id;
  const results = [];
  const tag = (kind, clients) => `${PLATFORM.current[0]}${kind}${clients}`;
  log(`making the fixtures through the use cases (${levels.join(', ')} clients)`);
  const sets = fixtures(
    levels.flatMap((clients) =>
      ['h', 'r'].map((kind) => ({ tag: tag(kind, clients), clients, perClient: CONFIG.appsPerClient[clients] })),
    ),
  );
  for (const clients of levels) {
    const http = sets[tag('h', clients)];
    const raw = sets[tag('r', clients)];
    const tokens = await Promise.all(http.orgs.map((o) => login(o.username)));

    // the engine through HTTP: eight transitions per application, as the roles that send them
    const engineCpu0 = cpuSnapshot(PIDS);
    const engine = await runClients(clients, function* (c) {
      for (const id of http.apps[c]) {
        let version = 1;
        let objectionId = null;
        const send = (token, body) => async () => {
          const res = await request(API_PORT, 'POST', `/applications/${id}/events`, {
            token,
            body: { ...body, version },
          });
          version = res.application.version;
        };
        yield send(tokens[c], { type: 'SUBMIT' });
        yield send(regulator, { type: 'PASS_PRELIMINARY' });
        yield send(rechecker, { type: 'PASS_RECHECK' });
        yield send(regulator, { type: 'ASSIGN_EVALUATOR', evaluatorId });
        yield send(evaluator, { type: 'SUBMIT_SCORE', scores: SCORES });
        yield send(regulator, { type: 'OPEN_PUBLIC_NOTICE' });
        yield async () => {
          // anyone may object, without signing in: the public endpoint
          const res = await request(API_PORT, 'POST', `/applications/${id}/objections`, {
            body: { reason: 'bench', filerName: 'bench', filerContact: '13800000000' },
            expect: 201,
          });
          // the answer is a receipt only: the objection is one more version of the application
          version += 1;
          objectionId = res.id;
        };
        yield async () =>
          send(regulator, { type: 'RULE_OBJECTION', objectionId, decision: 'dismissed', reason: 'bench' })();
      }
    });

    engine.cpuMsPerRequest = cpuPerOp(engineCpu0, cpuSnapshot(PIDS), engine.latency.count);

    // the same state changes as raw SQL over TCP: lock, version-checked update, history row, one transaction each
    const baselineCpu0 = cpuSnapshot(PIDS);
    const pool = new Pool({ connectionString: DATABASE_URL, max: clients });
    const states = [
      'preliminary_review',
      'recheck',
      'acceptance',
      'acceptance',
      'acceptance',
      'public_notice',
      'public_notice',
      'public_notice',
    ];
    const events = [
      'SUBMIT',
      'PASS_PRELIMINARY',
      'PASS_RECHECK',
      'ASSIGN_EVALUATOR',
      'SUBMIT_SCORE',
      'OPEN_PUBLIC_NOTICE',
      'FILE_OBJECTION',
      'RULE_OBJECTION',
    ];
    const baseline = await runClients(clients, function* (c) {
      for (const id of raw.apps[c]) {
        for (let i = 0; i < states.length; i++) {
          yield () =>
            inTransaction(pool, async (client) => {
              const { rows } = await client.query('SELECT state, version FROM applications WHERE id = $1 FOR UPDATE', [
                id,
              ]);
              const upd = await client.query(
                'UPDATE applications SET state = $2, version = version + 1, updated_at = now() WHERE id = $1 AND version = $3',
                [id, states[i], rows[0].version],
              );
              if (upd.rowCount !== 1) throw new Error('version conflict in baseline');
              await client.query(
                // the hash column is filled (NOT NULL) but not chained: the baseline is the bare statement shape
                `INSERT INTO application_history (application_id, version, event, from_state, to_state, actor_role, payload, hash) VALUES ($1, $2, $3, $4, $5, 'regulator', '{}', sha256(''::bytea))`,
                [id, rows[0].version + 1, events[i], rows[0].state, states[i]],
              );
            });
        }
      }
    });
    baseline.cpuMsPerRequest = cpuPerOp(baselineCpu0, cpuSnapshot(PIDS), baseline.latency.count);
    await pool.end();
    results.push({
      clients,
      platform: PLATFORM.current,
      requests: engine.latency.count,
      engine,
      baseline,
      ratio: round(engine.rate / baseline.rate, 3),
    });
    log(
      `transitions @${clients} (${PLATFORM.current}): engine ${engine.rate}/s p99 ${engine.latency.p99} ms; raw SQL ${baseline.rate}/s; ratio ${round(engine.rate / baseline.rate, 3)}`,
    );
  }
  return results;
}

// ---------------------------------------------------------------- 1b. the same transitions on the other HTTP platform

/**
 * The transition workload again with the API restarted on the other platform (Express), in the same run, then the
 * API back on the platform it ships with. Compared with the Fastify figures of step 1 at the same client counts.
 */
async function benchPlatforms(db, apps) {
  const other = PLATFORM.kept === 'fastify' ? 'express' : 'fastify';
  const levels = QUICK ? [8] : [8, 32];
  await apps.restartApi(other);
  const results = await benchTransitions(db, levels);
  await apps.restartApi(PLATFORM.kept);
  return results;
}

// ---------------------------------------------------------------- 1c. a burst of wrong sign-ins and everyone else

/**
 * 300 wrong passwords sent 20 at a time, while one client reads the public register one request after another:
 * its latency during the burst against the same reads when the API is quiet. Password hashing that ran on the
 * event loop would queue every other request behind it. Every attempt reaches the password hash: the API here
 * allows them all per client and per account, and the account's lock-out (after 5) does not skip the hash, so a
 * locked account costs what a wrong password costs.
 */
async function benchLoginBurst() {
  const read = () => request(API_PORT, 'GET', '/public/register?page=1&pageSize=20');
  const timed = async (n) => {
    const ms = [];
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      await read();
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return ms;
  };
  for (let i = 0; i < 20; i++) await read(); // warm
  const quiet = summarize(await timed(QUICK ? 100 : 300));

  let done = false;
  const attempts = 300;
  const t0 = process.hrtime.bigint();
  const burst = runClients(20, function* () {
    for (let i = 0; i < attempts / 20; i++) {
      yield () =>
        request(API_PORT, 'POST', '/auth/login', {
          // an account no later part signs in as: it is locked after 5 failures, and its attempts are still hashed
          body: { username: 'cs-regulator', password: `wrong-${i}` },
          expect: 401,
        });
    }
  }).finally(() => (done = true));
  const during = [];
  while (!done) {
    const t = process.hrtime.bigint();
    await read();
    during.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const logins = await burst;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const result = {
    attempts,
    seconds: round(seconds, 2),
    loginsPerSecond: round(attempts / seconds, 1),
    login: logins.latency,
    quiet,
    duringBurst: summarize(during),
  };
  log(
    `login burst: ${attempts} wrong sign-ins in ${result.seconds} s; other reads p99 ${quiet.p99} ms quiet, ${result.duringBurst.p99} ms during the burst`,
  );
  return result;
}

/** One transaction of a baseline, on a pooled connection: BEGIN, the work, COMMIT (ROLLBACK on error). */
async function inTransaction(pool, work) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}

// ---------------------------------------------------------------- 2. reads at 10k and 1M applications

async function growApplications(db, target) {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM applications`);
  const have = rows[0].n;
  if (have >= target) return;
  const { startAccreditation } = domain();
  const snapshot = startAccreditation({ rules: { rubric: RUBRIC, panelSize: 3, requiredMaterials: MATERIALS } });
  const p = (await db.query(`SELECT id FROM programmes WHERE code = 'QDFTZ-2026'`)).rows[0].id;
  const org = (await db.query(`SELECT id FROM organisations ORDER BY created_at LIMIT 1`)).rows[0].id;
  const user = (await db.query(`SELECT id FROM users WHERE username = 'qd-applicant'`)).rows[0].id;
  const paths = (await db.query(`SELECT code, path FROM jurisdictions WHERE level = 'district' ORDER BY code`)).rows;
  const states = [
    'draft',
    'preliminary_review',
    'revision_requested',
    'recheck',
    'acceptance',
    'public_notice',
    'notice_closed',
    'designated',
    'rejected',
    'withdrawn',
    'revoked',
  ];
  const chunk = 100_000;
  for (let from = have; from < target; from += chunk) {
    const to = Math.min(target, from + chunk);
    await db.query(
      `WITH ins AS (
         INSERT INTO applications (reference, programme_id, organisation_id, jurisdiction_code, jurisdiction_path, unit_kind, level, title,
                                   state, snapshot, version, materials, created_by, submitted_at, created_at, updated_at)
         SELECT 'BULK-' || i, $1, $2, ($5::text[])[1 + i % $7], ($6::text[])[1 + i % $7], 'point', 'district', 'bulk application ' || i,
                ($4::text[])[1 + (i / 7) % 11], $3::jsonb, 3, '[]', $8,
                now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval, now()
           FROM generate_series($9::int, $10::int - 1) AS i
         RETURNING id, state)
       INSERT INTO application_history (application_id, version, event, from_state, to_state, actor_role, payload, at, hash)
       SELECT id, v, (ARRAY['CREATE', 'SUBMIT', 'PASS_PRELIMINARY'])[v], CASE WHEN v = 1 THEN NULL ELSE 'draft' END, state, 'applicant', '{}', now(),
              sha256(''::bytea) -- read fixtures: a hash of the right length, not a verifiable chain
         FROM ins, generate_series(1, 3) AS v`,
      [
        p,
        org,
        JSON.stringify(snapshot),
        states,
        paths.map((r) => r.code),
        paths.map((r) => r.path),
        paths.length,
        user,
        from,
        to,
      ],
    );
    log(`  ${to.toLocaleString('en')} applications`);
  }
  // the state autovacuum keeps a live table in: statistics current, visibility map set (index-only scans)
  await db.query('VACUUM (ANALYZE) applications');
  await db.query('VACUUM (ANALYZE) application_history');
  // each chunk above updated the same counter rows (the triggers' upserts): autovacuum would clear their old versions
  await db.query('VACUUM (ANALYZE) application_counts');
}

async function benchReads(db) {
  const regulator = await login('qd-regulator');
  const admin = await login('admin');
  const out = [];
  for (const size of CONFIG.readSizes) {
    log(`generating ${size.toLocaleString('en')} applications with 3 history rows each`);
    await growApplications(db, size);
    // applications the regulator (bound to the Qingdao FTZ area) may see
    const ids = (
      await db.query(
        `SELECT id FROM applications WHERE jurisdiction_path LIKE '/CN/370000/370200/370211/370211-FTZ/%' ORDER BY random() LIMIT $1`,
        [CONFIG.readRequests],
      )
    ).rows.map((r) => r.id);
    const measure = async (fn) => {
      const ms = [];
      for (let i = 0; i < CONFIG.readRequests; i++) {
        const t0 = process.hrtime.bigint();
        await fn(i);
        ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      return summarize(ms);
    };
    const queue = await measure((i) =>
      request(
        API_PORT,
        'GET',
        `/applications?state=preliminary_review&jurisdictionCode=370211-FTZ&page=${1 + (i % 5)}&pageSize=20`,
        { token: regulator },
      ),
    );
    const one = await measure(async (i) => {
      await request(API_PORT, 'GET', `/applications/${ids[i % ids.length]}`, { token: regulator });
      await request(API_PORT, 'GET', `/applications/${ids[i % ids.length]}/history`, { token: regulator });
    });
    const counts = await measure(() => request(API_PORT, 'GET', '/reports/counts', { token: regulator }));
    // the dashboard page (counts by programme, jurisdiction, kind, level and state, and the budget), and the counts
    // of the whole country as the national admin
    const dashboard = await measure(() => request(API_PORT, 'GET', '/reports/dashboard', { token: regulator }));
    const national = await measure(() => request(API_PORT, 'GET', '/reports/counts', { token: admin }));
    out.push({
      applications: size,
      reviewQueue: queue,
      applicationWithHistory: one,
      dashboardCounts: counts,
      dashboard,
      nationalCounts: national,
    });
    log(
      `reads @${size}: queue p50 ${queue.p50} p99 ${queue.p99} ms; one+history p99 ${one.p99} ms; counts p99 ${counts.p99} ms; dashboard p99 ${dashboard.p99} ms; national counts p99 ${national.p99} ms`,
    );
  }
  const [small, large] = out;
  return {
    sizes: out,
    growth: large
      ? {
          reviewQueueP99: round(large.reviewQueue.p99 / small.reviewQueue.p99, 2),
          applicationWithHistoryP99: round(large.applicationWithHistory.p99 / small.applicationWithHistory.p99, 2),
          dashboardCountsP99: round(large.dashboardCounts.p99 / small.dashboardCounts.p99, 2),
          dashboardP99: round(large.dashboard.p99 / small.dashboard.p99, 2),
          nationalCountsP99: round(large.nationalCounts.p99 / small.nationalCounts.p99, 2),
        }
      : null,
  };
}

// ---------------------------------------------------------------- 2b. the to-do list (待办) at a million applications

/**
 * A country of applications: 31 provinces × 8 cities × 4 districts (Shandong and Hunan as seeded, the others made
 * up), a provincial and a city programme in each, CONFIG.todoApplications applications spread evenly over the
 * districts, about 3 % of them open (preliminary review, recheck, acceptance, notice closed for the regulators;
 * drafts and revision requests for the applicants), the rest designated, rejected or withdrawn. Their work items
 * are written in bulk as the engines would have (a regulator's scope is the programme's jurisdiction), with due dates
 * from 10 days ago to 30 days ahead, so part of each list is overdue.
 */
async function fillTodo(db, target) {
  const org = (await db.query(`SELECT id FROM organisations ORDER BY created_at LIMIT 1`)).rows[0].id;
  const user = (await db.query(`SELECT id FROM users WHERE username = 'qd-applicant'`)).rows[0].id;
  const { startAccreditation } = domain();
  const snapshot = startAccreditation({ rules: { rubric: RUBRIC, panelSize: 3, requiredMaterials: MATERIALS } });
  await db.query(
    `
    INSERT INTO jurisdictions (code, name, level, is_free_trade_zone, parent_code, path)
    SELECT lpad((10 + p)::text, 2, '0') || '0000', 'province ' || p, 'province', false, 'CN', '/CN/' || lpad((10 + p)::text, 2, '0') || '0000/'
      FROM generate_series(1, 31) p WHERE (10 + p) NOT IN (37, 43)
    ON CONFLICT DO NOTHING;
    INSERT INTO jurisdictions (code, name, level, is_free_trade_zone, parent_code, path)
    SELECT left(pr.code, 2) || lpad((80 + c)::text, 2, '0') || '00', 'city ' || c, 'city', false, pr.code,
           pr.path || left(pr.code, 2) || lpad((80 + c)::text, 2, '0') || '00/'
      FROM jurisdictions pr, generate_series(1, 8) c WHERE pr.level = 'province'
    ON CONFLICT DO NOTHING;
    INSERT INTO jurisdictions (code, name, level, is_free_trade_zone, parent_code, path)
    SELECT left(ci.code, 4) || lpad((80 + d)::text, 2, '0'), 'district ' || d, 'district', false, ci.code,
           ci.path || left(ci.code, 4) || lpad((80 + d)::text, 2, '0') || '/'
      FROM jurisdictions ci, generate_series(1, 4) d WHERE ci.level = 'city' AND ci.code LIKE '__8_00'
    ON CONFLICT DO NOTHING;
    INSERT INTO programmes (code, name, jurisdiction_code, unit_kind, level, year, rubric, panel_size, required_materials,
                            notice_working_days, machine_version, time_limits, opens_at, closes_at,
                            eligible_organisation_kinds)
    SELECT 'TODO-' || j.code, 'bench ' || j.code, j.code, 'enterprise', j.level, 2026, $1::jsonb, 3, $2::jsonb, 5,
           'accreditation@1', '{}', '2026-01-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00', ARRAY['enterprise']
      FROM jurisdictions j WHERE j.level IN ('province', 'city')
    ON CONFLICT DO NOTHING;`
      .replace(/\$1::jsonb/, `'${JSON.stringify(RUBRIC)}'::jsonb`)
      .replace(/\$2::jsonb/, `'${JSON.stringify(MATERIALS)}'::jsonb`),
  );
  const districts = (
    await db.query(
      `SELECT d.code, d.path, ci.code AS city, ci.parent_code AS province
         FROM jurisdictions d JOIN jurisdictions ci ON ci.code = d.parent_code
        WHERE d.level = 'district' AND d.code ~ '^[0-9]{6}$' ORDER BY d.code`,
    )
  ).rows;
  const programmes = Object.fromEntries(
    (await db.query(`SELECT code, id FROM programmes WHERE code LIKE 'TODO-%'`)).rows.map((r) => [r.code, r.id]),
  );
  // per 1000 applications: 30 open (8 preliminary review, 6 recheck, 6 acceptance, 4 notice closed, 4 drafts,
  // 2 revision requests), 970 final
  const states = [
    ...Array(8).fill('preliminary_review'),
    ...Array(6).fill('recheck'),
    ...Array(6).fill('acceptance'),
    ...Array(4).fill('notice_closed'),
    ...Array(4).fill('draft'),
    ...Array(2).fill('revision_requested'),
    ...Array(500).fill('designated'),
    ...Array(300).fill('rejected'),
    ...Array(170).fill('withdrawn'),
  ];
  const chunk = 100_000;
  for (let from = 0; from < target; from += chunk) {
    const to = Math.min(target, from + chunk);
    await db.query(
      `INSERT INTO applications (reference, programme_id, organisation_id, jurisdiction_code, jurisdiction_path, unit_kind,
                                 level, title, state, snapshot, version, materials, created_by, submitted_at, created_at, updated_at)
       SELECT 'TODO-' || i, ($1::uuid[])[1 + (i / 7) % $2 + $2 * (i % 2)], $3, ($4::text[])[1 + (i / 7) % $2],
              ($5::text[])[1 + (i / 7) % $2], 'enterprise', 'district', 'bench application ' || i,
              ($6::text[])[1 + (i::bigint * 7919) % 1000], $7::jsonb, 3, '[]', $8, now() - (i % 50000 || ' minutes')::interval,
              now() - (i % 50000 || ' minutes')::interval, now() - (i % 50000 || ' minutes')::interval
         FROM generate_series($9::int, $10::int - 1) AS i`,
      [
        // odd applications in their province's programme, even ones in their city's
        [
          ...districts.map((d) => programmes[`TODO-${d.city}`]),
          ...districts.map((d) => programmes[`TODO-${d.province}`]),
        ],
        districts.length,
        org,
        districts.map((d) => d.code),
        districts.map((d) => d.path),
        states,
        JSON.stringify(snapshot),
        user,
        from,
        to,
      ],
    );
    log(`  ${to.toLocaleString('en')} to-do applications`);
  }
  const { rows } = await db.query(
    `INSERT INTO work_items (subject_kind, subject_id, subject_reference, subject_title, subject_state, step, next_steps,
                             audience_role, audience_path, audience_organisation_id, entered_at, due_at, limit_working_days)
     SELECT 'application', a.id, a.reference, a.title, a.state, a.state,
            CASE WHEN a.state IN ('draft', 'revision_requested') THEN '{SUBMIT,WITHDRAW}'::varchar[]
                 ELSE '{PASS_PRELIMINARY,REQUEST_REVISION,REJECT}'::varchar[] END,
            CASE WHEN a.state IN ('draft', 'revision_requested') THEN NULL ELSE 'regulator' END,
            CASE WHEN a.state IN ('draft', 'revision_requested') THEN NULL ELSE j.path END,
            CASE WHEN a.state IN ('draft', 'revision_requested') THEN a.organisation_id END,
            a.updated_at,
            CASE WHEN a.state = 'draft' THEN NULL
                 ELSE now() + ((abs(hashtext(a.id::text)) % 40) - 10) * interval '1 day' END,
            CASE WHEN a.state = 'draft' THEN NULL ELSE 10 END
       FROM applications a JOIN programmes p ON p.id = a.programme_id JOIN jurisdictions j ON j.code = p.jurisdiction_code
      WHERE a.reference LIKE 'TODO-%'
        AND a.state IN ('draft','preliminary_review','revision_requested','recheck','acceptance','notice_closed')
     RETURNING 1`,
  );
  log(`  ${rows.length.toLocaleString('en')} open work items`);
  await db.query('VACUUM (ANALYZE) applications');
  await db.query('VACUUM (ANALYZE) work_items');
}

async function benchTodo(db) {
  log(`generating ${CONFIG.todoApplications.toLocaleString('en')} applications across 31 provinces for the to-do list`);
  const t0 = Date.now();
  await fillTodo(db, CONFIG.todoApplications);
  log(`  filled in ${round((Date.now() - t0) / 1000, 1)} s`);
  // Hunan's provincial regulator: every open regulator item of the province (its and its cities' programmes)
  const regulator = await login('hn-regulator');
  const { rows } = await db.query(
    `SELECT count(*)::int AS open, count(*) FILTER (WHERE due_at <= now())::int AS overdue FROM work_items
      WHERE done_at IS NULL AND audience_role = 'regulator' AND audience_path LIKE '/CN/430000/%'`,
  );
  const pages = Math.max(1, Math.floor(rows[0].open / 20));
  const deep = Math.max(1, Math.floor(pages * 0.8));
  const measure = async (url) => {
    const ms = [];
    for (let i = 0; i < CONFIG.todoRequests; i++) {
      const t = process.hrtime.bigint();
      await request(API_PORT, 'GET', url, { token: regulator });
      ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return summarize(ms);
  };
  const first = await measure('/me/todo?page=1&pageSize=20');
  const deepPage = await measure(`/me/todo?page=${deep}&pageSize=20`);
  const summary = await measure('/me/todo/summary');
  log(
    `todo @${CONFIG.todoApplications}: ${rows[0].open} open for the province (${rows[0].overdue} overdue); first page p50 ${first.p50} p99 ${first.p99} ms; page ${deep} p50 ${deepPage.p50} p99 ${deepPage.p99} ms; summary p99 ${summary.p99} ms`,
  );
  return {
    applications: CONFIG.todoApplications,
    provinceOpenItems: rows[0].open,
    provinceOverdue: rows[0].overdue,
    firstPage: first,
    deepPage: { page: deep, ...deepPage },
    summary,
  };
}

// ---------------------------------------------------------------- 2c. exporting a list of a million rows

/** The resident set size (VmRSS) of a running process now, in MB. */
function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * One export downloaded over HTTP as fast as this process reads it: its bytes, its rows (CSV: its records, counted by
 * line ends; XLSX: its <row> elements cannot be counted without unzipping, so the database's count stands), its time,
 * and the API's RSS sampled every 50 ms while it streamed.
 */
function download(urlPath, token) {
  const http = require('http');
  return new Promise((resolve, reject) => {
    let peak = 0;
    const sample = setInterval(() => (peak = Math.max(peak, rssMb(PIDS.api) ?? 0)), 50);
    const t = process.hrtime.bigint();
    const req = http.get(
      { host: '127.0.0.1', port: API_PORT, path: urlPath, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        if (res.statusCode !== 200) {
          clearInterval(sample);
          res.resume();
          return reject(new Error(`GET ${urlPath} → ${res.statusCode}`));
        }
        let bytes = 0;
        let lines = 0;
        res.on('data', (c) => {
          bytes += c.length;
          for (let i = c.indexOf(10); i >= 0; i = c.indexOf(10, i + 1)) lines++;
        });
        res.on('end', () => {
          clearInterval(sample);
          resolve({ bytes, lines, seconds: Number(process.hrtime.bigint() - t) / 1e9, peakRssMb: Math.round(peak) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', (e) => {
      clearInterval(sample);
      reject(e);
    });
  });
}

async function benchExport(db) {
  log(`generating ${CONFIG.exportRows.toLocaleString('en')} applications to export`);
  const t0 = Date.now();
  await fillTodo(db, CONFIG.exportRows);
  log(`  filled in ${round((Date.now() - t0) / 1000, 1)} s`);
  const admin = await login('admin'); // national: every application
  const {
    rows: [{ n }],
  } = await db.query(`SELECT count(*)::int AS n FROM applications`);
  const result = { rows: n, rssBeforeMb: Math.round(rssMb(PIDS.api)) };
  for (const format of ['csv', 'xlsx']) {
    const r = await download(`/applications/export?format=${format}`, String(admin));
    if (format === 'csv' && r.lines !== n + 1) throw new Error(`the CSV export has ${r.lines - 1} rows, expected ${n}`);
    const rowsPerSecond = Math.round(n / r.seconds);
    log(
      `export ${format} @${n}: ${round(r.seconds, 1)} s, ${rowsPerSecond.toLocaleString('en')} rows/s, ${round(r.bytes / 1e6, 1)} MB, API RSS peak ${r.peakRssMb} MB (targets: ≥ 20,000 rows/s, < 300 MB)`,
    );
    result[format] = {
      seconds: round(r.seconds, 2),
      rowsPerSecond,
      megabytes: round(r.bytes / 1e6, 1),
      apiPeakRssMb: r.peakRssMb,
    };
  }
  result.apiPeakRssMbLifetime = peakRssMb(PIDS.api);
  return result;
}

// ---------------------------------------------------------------- 3. disbursements end to end vs bare BullMQ

async function benchDisbursements(db) {
  const n = CONFIG.disbursements;
  const { startAccreditation } = domain();
  const qd = (
    await db.query(
      `SELECT p.jurisdiction_code, j.path FROM programmes p JOIN jurisdictions j ON j.code = p.jurisdiction_code WHERE p.code = 'QDFTZ-2026'`,
    )
  ).rows[0];
  const programme = (
    await db.query(
      `INSERT INTO programmes (code, name, jurisdiction_code, unit_kind, level, year, rubric, panel_size, required_materials, notice_working_days, quota, validity_years, machine_version,
                               opens_at, closes_at, eligible_organisation_kinds)
     VALUES ('BENCH-PAY', 'bench payments', $1, 'point', 'district', 2026, $2, 1, $3, 5, NULL, 3, 'accreditation@1',
             '2026-01-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00', ARRAY['enterprise', 'park']) RETURNING id`,
      [qd.jurisdiction_code, JSON.stringify(RUBRIC), JSON.stringify(MATERIALS)],
    )
  ).rows[0].id;
  await db.query(
    `INSERT INTO subsidy_policies (programme_id, name, amount_fen, one_time, paying_jurisdiction_code, budget_fen, purpose, status)
     VALUES ($1, 'bench grant', 5000000, true, $2, $3, 'bench', 'active')`,
    [programme, qd.jurisdiction_code, 5_000_000 * n],
  );
  const org = (
    await db.query(`SELECT id FROM organisations WHERE bank_account IS NOT NULL ORDER BY created_at LIMIT 1`)
  ).rows[0].id;
  const user = (await db.query(`SELECT id FROM users WHERE username = 'qd-applicant'`)).rows[0].id;
  const evaluator = (await db.query(`SELECT id FROM users WHERE username = 'qd-evaluator-1'`)).rows[0].id;
  const base = startAccreditation({ rules: { rubric: RUBRIC, panelSize: 1, requiredMaterials: MATERIALS } });
  const closed = {
    ...base,
    state: 'notice_closed',
    context: {
      ...base.context,
      materials: MATERIALS,
      panel: [{ evaluatorId: evaluator, status: 'active', scores: SCORES }],
      noticeRound: 1,
      noticeEndsAt: new Date(Date.now() - 86_400_000).toISOString(),
    },
  };
  const ids = (
    await db.query(
      `INSERT INTO applications (reference, programme_id, organisation_id, jurisdiction_code, jurisdiction_path, unit_kind, level, title, state, snapshot, version, materials, created_by)
     SELECT 'PAY-' || i, $1, $2, $3, $4, 'point', 'district', 'bench payment ' || i, 'notice_closed', $5, 10, '[]', $6 FROM generate_series(1, $7) AS i RETURNING id`,
      [programme, org, qd.jurisdiction_code, qd.path, JSON.stringify(closed), user, n],
    )
  ).rows.map((r) => r.id);

  const regulator = await login('qd-regulator');
  // four eyes: one officer verifies (经办), the other approves (审批)
  const finance = await login('qd-finance');
  const approver = await login('qd-finance-2');
  log(`designating ${n} applications through HTTP (32 clients)`);
  const per = Math.ceil(ids.length / 32);
  const designation = await runClients(32, function* (c) {
    for (const id of ids.slice(c * per, (c + 1) * per))
      yield () =>
        request(API_PORT, 'POST', `/applications/${id}/events`, {
          token: regulator,
          body: { type: 'DESIGNATE', version: 10 },
        });
  });
  const disbursementIds = (
    await db.query(`SELECT id FROM disbursements WHERE programme_id = $1`, [programme])
  ).rows.map((r) => r.id);
  if (disbursementIds.length !== n) throw new Error(`expected ${n} entitlements, found ${disbursementIds.length}`);

  log(`verifying and approving ${n} disbursements in bulk; the worker pays them`);
  const payCpu0 = cpuSnapshot(PIDS);
  const t0 = Date.now();
  for (let i = 0; i < disbursementIds.length; i += 1000) {
    const verified = await request(API_PORT, 'POST', '/finance/disbursements/verify', {
      token: finance,
      body: { items: disbursementIds.slice(i, i + 1000).map((id) => ({ id, version: 1 })) },
    });
    if (verified.refused > 0)
      throw new Error(
        `bulk verification refused ${verified.refused}: ${JSON.stringify(verified.results.find((r) => !r.ok))}`,
      );
    const res = await request(API_PORT, 'POST', '/finance/disbursements/approve', {
      token: approver,
      body: { items: verified.results.map((r) => ({ id: r.id, version: r.version })) },
    });
    if (res.refused > 0)
      throw new Error(`bulk approval refused ${res.refused}: ${JSON.stringify(res.results.find((r) => !r.ok))}`);
  }
  const approvedAt = Date.now();
  for (;;) {
    const { rows } = await db.query(
      `SELECT count(*) FILTER (WHERE state = 'paid')::int AS paid, count(*) FILTER (WHERE state = 'failed')::int AS failed FROM disbursements WHERE programme_id = $1`,
      [programme],
    );
    if (rows[0].paid + rows[0].failed >= n) break;
    if (Date.now() - t0 > 30 * 60_000) throw new Error(`payments did not finish: ${JSON.stringify(rows[0])}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const paidAt = Date.now();
  const payCpu = cpuPerOp(payCpu0, cpuSnapshot(PIDS), n);
  const dup = (
    await db.query(
      `SELECT (SELECT count(*)::int FROM simulated_bank_transfers WHERE idempotency_key LIKE 'SUB-PAY-%') AS transfers,
            (SELECT count(*)::int FROM disbursements WHERE programme_id = $1 AND state = 'paid') AS paid,
            (SELECT count(*)::int FROM disbursement_history h JOIN disbursements d ON d.id = h.disbursement_id WHERE d.programme_id = $1 AND h.event = 'PAYMENT_SUCCEEDED') AS successes`,
      [programme],
    )
  ).rows[0];
  const duplicates = dup.transfers - n + (dup.successes - n);
  const engine = {
    designationRate: designation.rate,
    approvalSeconds: round((approvedAt - t0) / 1000, 2),
    endToEndSeconds: round((paidAt - t0) / 1000, 2),
    rate: round(n / ((paidAt - t0) / 1000), 1),
    paid: dup.paid,
    transfers: dup.transfers,
    duplicates,
    cpuMsPerDisbursement: payCpu,
  };

  // baseline: a bare BullMQ worker doing one equivalent Postgres transaction per job, at the worker's concurrency (8)
  await db.query(`CREATE TABLE bench_baseline (id int PRIMARY KEY, state text NOT NULL, version int NOT NULL)`);
  await db.query(
    `CREATE TABLE bench_baseline_history (id bigserial PRIMARY KEY, row_id int NOT NULL, version int NOT NULL, at timestamptz NOT NULL DEFAULT now())`,
  );
  await db.query(`INSERT INTO bench_baseline SELECT i, 'approved', 1 FROM generate_series(1, $1) i`, [n]);
  const pool = new Pool({ connectionString: DATABASE_URL, max: 10 });
  const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('baseline', { connection, prefix: PREFIX });
  let done = 0;
  let resolveAll;
  const all = new Promise((r) => (resolveAll = r));
  const workerConnection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const worker = new Worker(
    'baseline',
    async (job) => {
      await inTransaction(pool, async (client) => {
        const { rows } = await client.query('SELECT version FROM bench_baseline WHERE id = $1 FOR UPDATE', [
          job.data.id,
        ]);
        await client.query(
          `UPDATE bench_baseline SET state = 'paid', version = version + 1 WHERE id = $1 AND version = $2`,
          [job.data.id, rows[0].version],
        );
        await client.query('INSERT INTO bench_baseline_history (row_id, version) VALUES ($1, $2)', [
          job.data.id,
          rows[0].version + 1,
        ]);
      });
      if (++done === n) resolveAll();
    },
    { connection: workerConnection, prefix: PREFIX, concurrency: 8 },
  );
  const baselineCpu0 = cpuSnapshot(PIDS);
  const b0 = Date.now();
  for (let i = 0; i < n; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({
        name: 'pay',
        data: { id: i + k + 1 },
        opts: { jobId: `b.${i + k + 1}`, removeOnComplete: true },
      })),
    );
  }
  await all;
  const baselineRate = round(n / ((Date.now() - b0) / 1000), 1);
  const baselineCpu = cpuPerOp(baselineCpu0, cpuSnapshot(PIDS), n);
  await worker.close();
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  connection.disconnect();
  workerConnection.disconnect();
  await pool.end();
  log(
    `disbursements: ${engine.rate}/s end to end (approval + relay + payment), baseline ${baselineRate}/s, ratio ${round(engine.rate / baselineRate, 3)}, duplicates ${duplicates}`,
  );
  return {
    count: n,
    engine,
    baseline: { rate: baselineRate, cpuMsPerJob: baselineCpu },
    ratio: round(engine.rate / baselineRate, 3),
  };
}

// ---------------------------------------------------------------- orchestration

function round(v, digits) {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function machine() {
  const cpus = os.cpus();
  let pg = '';
  let redis = '';
  try {
    pg = execSync('psql --version', { encoding: 'utf8' }).trim();
  } catch {}
  try {
    redis = execSync('redis-server --version', { encoding: 'utf8' }).trim().split(' ').slice(0, 3).join(' ');
  } catch {}
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    postgres: pg,
    redis,
  };
}

function markdown(r) {
  const lines = [];
  lines.push(
    `Benchmark ${r.quick ? '(quick)' : ''} — ${r.at} — ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, API on ${r.platform}`,
    '',
  );
  lines.push(
    '| transitions | clients | engine req/s | p50 ms | p95 ms | p99 ms | raw SQL req/s | raw p99 ms | engine/raw |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const t of r.transitions)
    lines.push(
      `| HTTP events | ${t.clients} | ${t.engine.rate} | ${t.engine.latency.p50} | ${t.engine.latency.p95} | ${t.engine.latency.p99} | ${t.baseline.rate} | ${t.baseline.latency.p99} | **${t.ratio}** |`,
    );
  lines.push(
    '',
    `| HTTP platform | clients | req/s | p99 ms | API CPU ms/op | engine/raw |`,
    '|---|---|---|---|---|---|',
  );
  for (const o of r.otherPlatform) {
    const kept = r.transitions.find((t) => t.clients === o.clients);
    for (const t of [kept, o].filter(Boolean))
      lines.push(
        `| ${t.platform} | ${t.clients} | ${t.engine.rate} | ${t.engine.latency.p99} | ${t.engine.cpuMsPerRequest.api} | **${t.ratio}** |`,
      );
  }
  const b = r.loginBurst;
  lines.push(
    '',
    '| login burst | wrong sign-ins | seconds | other reads p50 / p99 ms, quiet | other reads p50 / p99 ms, during the burst |',
    '|---|---|---|---|---|',
  );
  lines.push(
    `| 20 at a time | ${b.attempts} | ${b.seconds} | ${b.quiet.p50} / ${b.quiet.p99} | ${b.duringBurst.p50} / ${b.duringBurst.p99} |`,
  );
  lines.push(
    '',
    '| reads | applications | review queue p50 / p99 ms | one + history p50 / p99 ms | dashboard counts p50 / p99 ms | dashboard page p50 / p99 ms | national counts p50 / p99 ms |',
    '|---|---|---|---|---|---|---|',
  );
  for (const s of r.reads.sizes)
    lines.push(
      `| regulator | ${s.applications.toLocaleString('en')} | ${s.reviewQueue.p50} / ${s.reviewQueue.p99} | ${s.applicationWithHistory.p50} / ${s.applicationWithHistory.p99} | ${s.dashboardCounts.p50} / ${s.dashboardCounts.p99} | ${s.dashboard.p50} / ${s.dashboard.p99} | ${s.nationalCounts.p50} / ${s.nationalCounts.p99} |`,
    );
  if (r.reads.growth)
    lines.push(
      `| p99 growth (large/small) | | ${r.reads.growth.reviewQueueP99}× | ${r.reads.growth.applicationWithHistoryP99}× | ${r.reads.growth.dashboardCountsP99}× | ${r.reads.growth.dashboardP99}× | ${r.reads.growth.nationalCountsP99}× |`,
    );
  const d = r.disbursements;
  lines.push(
    '',
    '| disbursements | count | engine /s (approve → paid) | bare BullMQ + tx /s | engine/bare | duplicates |',
    '|---|---|---|---|---|---|',
  );
  lines.push(
    `| simulated bank, 0 ms | ${d.count} | ${d.engine.rate} | ${d.baseline.rate} | **${d.ratio}** | ${d.engine.duplicates} |`,
  );
  const cpu = (label, c) => `| ${label} | ${c.api} | ${c.worker} | ${c.postgres} | ${c.redis} | ${c.bench} |`;
  lines.push(
    '',
    '| CPU ms per operation | API | worker | postgres | redis | bench client |',
    '|---|---|---|---|---|---|',
  );
  for (const t of r.transitions) {
    lines.push(
      cpu(`transition via HTTP, ${t.clients} clients`, t.engine.cpuMsPerRequest),
      cpu(`transition as raw SQL, ${t.clients} clients`, t.baseline.cpuMsPerRequest),
    );
  }
  lines.push(
    cpu('disbursement, approve → paid', d.engine.cpuMsPerDisbursement),
    cpu('bare BullMQ job + transaction', d.baseline.cpuMsPerJob),
  );
  lines.push(
    '',
    '| peak RSS | API after transitions and payments | API after the login burst | API after the reads | worker |',
    '|---|---|---|---|---|',
  );
  lines.push(
    `| MB | ${r.memory.apiMb} | ${r.memory.apiMbAfterLoginBurst} | ${r.memory.apiMbAfterReads} | ${r.memory.workerMb} |`,
  );
  return lines.join('\n');
}

/**
 * --web: builds the API, the CLI and the console, loads the demo data into the bench's database, starts the API alone
 * (it serves dist/web) and measures the console in Chromium (bench/lib/web.js); pass or fail per target.
 */
async function mainWeb() {
  const { benchWeb, webMarkdown } = require('./lib/web');
  // BENCH_WEB_KEEP_DIST=1 re-measures the dist/ already built (the same tree, measured again): the console is rebuilt
  if (process.env.BENCH_WEB_KEEP_DIST !== '1') {
    log('building the API and the CLI');
    execSync('npx nest build api && npx nest build cli', { stdio: 'inherit' });
  }
  log('building the console');
  execSync('bash scripts/build-web.sh', { stdio: 'inherit' });
  fs.mkdirSync(LOG_DIR, { recursive: true });
  await adminQuery(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  cli('db:roles');
  cli('migrate');
  cli('seed');
  const api = startApp(
    'api',
    {
      DATABASE_URL: ROLE_URLS.DATABASE_URL,
      REDIS_URL,
      QUEUE_PREFIX: PREFIX,
      PORT: String(API_PORT),
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      WEB_DIST_DIR: path.join(ROOT, 'dist/web'),
    },
    path.join(LOG_DIR, 'api.log'),
  );
  let ok = false;
  try {
    await waitForHealth(API_PORT);
    const web = await benchWeb(`http://127.0.0.1:${API_PORT}`, {
      runs: QUICK ? 3 : 5,
      rounds: QUICK ? 2 : 3,
      log: (m) => log(m),
    });
    const result = { quick: QUICK, at: new Date().toISOString(), machine: machine(), web };
    fs.writeFileSync(path.join(LOG_DIR, 'latest-web.json'), JSON.stringify(result, null, 2));
    console.log(`\n${webMarkdown(web)}\n`);
    log('results written to bench/results/latest-web.json');
    ok = web.targets.every((t) => t.pass);
  } finally {
    await stopApp(api);
    const redis = new IORedis(REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
    await adminQuery(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  }
  process.exitCode = ok ? 0 : 1;
}

async function main() {
  if (WEB_ONLY) return mainWeb();
  // always build: benchmarking a dist/ older than the source measures the wrong code
  // --no-build: the dist/ of the last build is used as it is (re-running one part on a busy machine)
  if (!process.argv.includes('--no-build')) {
    log('building (npm run build)');
    execSync('npm run build --silent', { stdio: 'inherit' });
  }
  fs.mkdirSync(LOG_DIR, { recursive: true });
  await adminQuery(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  cli('db:roles');
  cli('migrate');
  cli('seed');
  const env = {
    DATABASE_URL: ROLE_URLS.DATABASE_URL,
    REDIS_URL,
    QUEUE_PREFIX: PREFIX,
    PORT: String(API_PORT),
    WORKER_PORT: String(WORKER_PORT),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    DATABASE_POOL_SIZE: process.env.BENCH_API_PROCESSES > 1 ? '16' : '32',
    API_PROCESSES: process.env.BENCH_API_PROCESSES ?? '1',
    SIMULATED_BANK_LATENCY_MS: '0',
    SIMULATED_BANK_FAILURE_RATE: '0',
    OUTBOX_POLL_MS: '50',
    // the login burst sends 300 sign-ins from one address for one account: all of them are to reach the hasher
    RATE_LIMIT_SIGN_IN_PER_CLIENT: '100000',
    RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '100000',
    // every objection of the workload comes from this one client
    RATE_LIMIT_OBJECTIONS_PER_CLIENT: '100000',
    RATE_LIMIT_OBJECTIONS_PER_APPLICATION: '100000',
  };
  const apps = {
    api: null,
    worker: startApp('worker', env, path.join(LOG_DIR, 'worker.log')),
    async restartApi(platform) {
      await stopApp(this.api);
      this.api = startApp('api', { ...env, HTTP_PLATFORM: platform }, path.join(LOG_DIR, 'api.log'));
      PIDS.api = this.api.pid;
      PLATFORM.current = platform;
      await waitForHealth(API_PORT);
    },
  };
  PIDS.worker = apps.worker.pid;
  const db = new Pool({ connectionString: DATABASE_URL, max: 4 });
  const redis = new IORedis(REDIS_URL);
  let ok = false;
  try {
    await apps.restartApi(PLATFORM.kept);
    await waitForHealth(WORKER_PORT);
    const result = {
      quick: QUICK,
      at: new Date().toISOString(),
      machine: machine(),
      config: CONFIG,
      platform: PLATFORM.kept,
    };
    if (part('transitions')) result.transitions = await benchTransitions(db);
    if (part('platforms')) result.otherPlatform = await benchPlatforms(db, apps);
    if (part('disbursements')) result.disbursements = await benchDisbursements(db);
    result.memory = { apiMb: peakRssMb(apps.api.pid), workerMb: peakRssMb(apps.worker.pid) };
    if (part('login')) result.loginBurst = await benchLoginBurst();
    result.memory.apiMbAfterLoginBurst = peakRssMb(apps.api.pid);
    if (part('reads')) result.reads = await benchReads(db);
    result.memory.apiMbAfterReads = peakRssMb(apps.api.pid);
    if (part('todo')) result.todo = await benchTodo(db);
    if (part('export')) result.export = await benchExport(db);
    fs.writeFileSync(path.join(LOG_DIR, 'latest.json'), JSON.stringify(result, null, 2));
    if (ONLY === null && !TODO_ONLY && !EXPORT_ONLY && !DASHBOARD_ONLY) console.log(`\n${markdown(result)}\n`);
    if (
      result.disbursements &&
      (result.disbursements.engine.duplicates !== 0 || result.disbursements.engine.paid !== result.disbursements.count)
    ) {
      throw new Error(`payments were not exactly once: ${JSON.stringify(result.disbursements.engine)}`);
    }
    ok = true;
    log(`results written to bench/results/latest.json`);
  } finally {
    await db.end();
    agent.destroy();
    await stopApp(apps.api);
    await stopApp(apps.worker);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
    await adminQuery(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((e) => {
  console.error('[bench] failed:', e.stack ?? e.message);
  process.exitCode = 1;
});
