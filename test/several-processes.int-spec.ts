import { AccreditationState } from '@app/domain';
import { Factories, TestClock } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PASSWORD, sleep, useApi, waitFor } from './support/apps';
import { setBudget } from './support/subsidy';
import { ApiProcess, AppProcess, WorkerProcess } from './support/worker-process';

/** Full size (issue 9: 1,000 disbursements, a minute of kills) with SEVERAL_PROCESSES_FULL=1 (npm run test:faults). */
const FULL = process.env.SEVERAL_PROCESSES_FULL === '1';
const PAYMENTS = FULL ? 1000 : 40;
const NOTICES = FULL ? 100 : 10;
/**
 * Workers are killed for at least this long and at least MIN_KILLS times; a loaded machine boots a worker slowly
 * (tens of seconds), so the kills may take up to CHAOS_CAP_MS.
 */
const CHAOS_MS = FULL ? 60_000 : 10_000;
const MIN_KILLS = FULL ? 15 : 3;
const CHAOS_CAP_MS = FULL ? 600_000 : 300_000;
const APPROVAL_BATCH = 50;

/**
 * The service as it runs in production, in miniature: two API processes and two worker processes (real processes,
 * on the test database and Redis prefix). Finance approves the disbursements in batches through both APIs while a
 * random worker is SIGKILLed every 1.5–4 s and replaced, and public notices whose window has ended wait for their
 * deadline job (and the sweepers of both workers). Nothing may be lost or done twice: every disbursement paid, one
 * bank transfer per reference, one PAYMENT_SUCCEEDED each, and every notice closed by exactly one CLOSE_NOTICE.
 */
describe('two API and two worker processes', () => {
  let api: INestApplication;
  let db: DataSource;
  const processes: AppProcess[] = [];

  useApi((s) => {
    api = s.api;
    db = api.get(DataSource);
  });
  afterEach(async () => {
    for (const p of processes.splice(0)) {
      p.kill('SIGKILL');
      await p.exited;
    }
  });

  // short job locks and sweeps, so a killed worker's jobs are taken over (stalled, or failed and re-armed) in seconds
  const env = {
    JOB_LOCK_MS: '2000',
    PAYMENT_STUCK_MS: '3000',
    SWEEP_MS: '1000',
    SIMULATED_BANK_LATENCY_MS: '200',
    PAYMENT_ATTEMPTS: '5',
    PAYMENT_BACKOFF_MS: '500',
  };
  const spawnWorker = () => {
    const w = new WorkerProcess(env);
    processes.push(w);
    return w;
  };

  it(`${PAYMENTS} disbursements and ${NOTICES} notice deadlines, workers SIGKILLed at random: none lost, none twice`, async () => {
    // the APIs boot (seconds each) while the data is made; the workers after it (the factories close notices
    // themselves, which a worker's deadline job would race)
    const made = Date.now();
    const apis = [new ApiProcess({ ...env, LOG_LEVEL: 'warn' }), new ApiProcess({ ...env, LOG_LEVEL: 'warn' })];
    processes.push(...apis);

    await setBudget(api, 'QDFTZ-2026', PAYMENTS * 5_000_000);
    await db.query(`UPDATE programmes SET quota = NULL WHERE code = 'QDFTZ-2026'`);
    const factories = new Factories(api);
    const designated: string[] = [];
    for (let n = 0; n < PAYMENTS; n++) {
      const applicant = n === 0 ? 'qd-applicant' : (await factories.applicant('qd', n)).username;
      designated.push((await factories.application(AccreditationState.Designated, { applicant })).id);
    }
    // notices opened 30 days ago: their windows have ended, their deadline jobs are due now
    const notices: string[] = [];
    TestClock.shift(-30 * 86_400_000);
    try {
      for (let n = PAYMENTS; n < PAYMENTS + NOTICES; n++) {
        const { username } = await factories.applicant('qd', n);
        notices.push((await factories.application(AccreditationState.PublicNotice, { applicant: username })).id);
      }
    } finally {
      TestClock.reset();
    }
    const disbursements: { id: string; reference: string }[] = await db.query(
      `SELECT id, reference FROM disbursements WHERE application_id = ANY($1::uuid[]) ORDER BY reference`,
      [designated],
    );
    expect(disbursements).toHaveLength(PAYMENTS);
    const ids = disbursements.map((d) => d.id);
    const makingMs = Date.now() - made;
    const workers: WorkerProcess[] = [spawnWorker(), spawnWorker()];
    await Promise.all(apis.map((a) => a.ready(300_000)));

    // the chaos: a random worker that is up is killed every 1.5–4 s and a new one started at once
    const up = new Set<WorkerProcess>();
    const watch = (w: WorkerProcess) =>
      w.ready(300_000).then(
        () => up.add(w),
        () => undefined, // killed while booting
      );
    for (const w of workers) void watch(w);
    await waitFor('a worker to be up', async () => up.size > 0, 300_000);
    let kills = 0;
    let killedMidPayment = 0;
    let approvalsDone = false;
    const started = Date.now();
    const chaosGoesOn = () => {
      const ran = Date.now() - started;
      return !approvalsDone || (ran < CHAOS_CAP_MS && (ran < CHAOS_MS || kills < MIN_KILLS));
    };
    const chaos = (async () => {
      while (chaosGoesOn()) {
        await sleep(1500 + Math.random() * 2500);
        const candidates = workers.filter((w) => up.has(w));
        if (candidates.length === 0) continue;
        const victim = candidates[Math.floor(Math.random() * candidates.length)];
        const [{ paying }] = await db.query(
          `SELECT count(*)::int AS paying FROM disbursements WHERE id = ANY($1::uuid[]) AND state = 'paying'`,
          [ids],
        );
        victim.kill('SIGKILL');
        await victim.exited;
        up.delete(victim);
        workers.splice(workers.indexOf(victim), 1);
        kills++;
        if (paying > 0) killedMidPayment++;
        const replacement = spawnWorker();
        workers.push(replacement);
        void watch(replacement);
      }
    })();

    // finance verifies (经办) and approves (审批) through both APIs, batch by batch: one officer verifies through one
    // API, a second approves through the other, each item at the version it was last read
    const verifiers = await Promise.all(apis.map((a) => login(a, 'qd-finance')));
    const approvers = await Promise.all(apis.map((a) => login(a, 'qd-finance-2')));
    const decide = async (k: number, token: string, step: 'verify' | 'approve', items: object[]) => {
      const res = await fetch(`${apis[k].url}/finance/disbursements/${step}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ items }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { results: { id: string; ok: boolean; version?: number }[] };
    };
    const versions: { id: string; version: number }[] = await db.query(
      `SELECT id, version FROM disbursements WHERE id = ANY($1::uuid[]) ORDER BY reference`,
      [ids],
    );
    let approved = 0;
    for (let i = 0; i < versions.length; i += APPROVAL_BATCH) {
      const k = (i / APPROVAL_BATCH) % 2;
      const verified = await decide(k, verifiers[k], 'verify', versions.slice(i, i + APPROVAL_BATCH));
      expect(verified.results.every((r) => r.ok)).toBe(true);
      const items = verified.results.map((r) => ({ id: r.id, version: r.version }));
      const done = await decide(1 - k, approvers[1 - k], 'approve', items);
      approved += done.results.filter((r) => r.ok).length;
    }
    approvalsDone = true;
    expect(approved).toBe(PAYMENTS);
    await chaos;
    const chaosMs = Date.now() - started;
    const [{ unpaid }] = await db.query(
      `SELECT count(*)::int AS unpaid FROM disbursements WHERE id = ANY($1::uuid[]) AND state <> 'paid'`,
      [ids],
    );

    // the two workers left run undisturbed until everything is done
    const recovering = Date.now();
    await waitFor(
      'every payment to be made and every notice closed',
      async () => {
        const [{ paid }] = await db.query(
          `SELECT count(*)::int AS paid FROM disbursements WHERE id = ANY($1::uuid[]) AND state = 'paid'`,
          [ids],
        );
        const [{ closed }] = await db.query(
          `SELECT count(*)::int AS closed FROM applications WHERE id = ANY($1::uuid[]) AND state = 'notice_closed'`,
          [notices],
        );
        return paid === PAYMENTS && closed === NOTICES;
      },
      FULL ? 300_000 : 120_000,
    );
    const recoveryMs = Date.now() - recovering;

    // money: one transfer per reference and nothing else, one success on each history, the bank's reference recorded
    const [bank] = await db.query(
      `SELECT count(*)::int AS transfers, count(DISTINCT idempotency_key)::int AS references FROM simulated_bank_transfers`,
    );
    const [money] = await db.query(
      `SELECT count(*) FILTER (WHERE d.bank_reference = 'SIMBANK-' || d.reference)::int AS recorded,
              count(*) FILTER (WHERE h.successes = 1)::int AS once,
              coalesce(sum(h.starts), 0)::int AS starts
         FROM disbursements d
         JOIN LATERAL (SELECT count(*) FILTER (WHERE event = 'PAYMENT_SUCCEEDED') AS successes,
                              count(*) FILTER (WHERE event = 'START_PAYMENT') AS starts
                         FROM disbursement_history WHERE disbursement_id = d.id) h ON true
        WHERE d.id = ANY($1::uuid[])`,
      [ids],
    );
    // the deadlines: one CLOSE_NOTICE each, by the system
    const closes: { closes: number; by_system: number }[] = await db.query(
      `SELECT count(h.*) FILTER (WHERE h.event = 'CLOSE_NOTICE')::int AS closes,
              count(h.*) FILTER (WHERE h.event = 'CLOSE_NOTICE' AND h.actor_role = 'system')::int AS by_system
         FROM applications a LEFT JOIN application_history h ON h.application_id = a.id
        WHERE a.id = ANY($1::uuid[]) GROUP BY a.id`,
      [notices],
    );
    process.stdout.write(
      `2 API + 2 worker processes (test data made in ${makingMs} ms): ${PAYMENTS} disbursements approved through both APIs and ${NOTICES} notice deadlines; ` +
        `${kills} worker SIGKILLs in ${chaosMs} ms (${killedMidPayment} with payments at the bank), ${unpaid} unpaid when ` +
        `the kills stopped, all paid and closed ${recoveryMs} ms after; ${money.starts} payment starts for ${PAYMENTS} ` +
        `payments, ${bank.transfers} bank transfers for ${bank.references} references, ` +
        `${closes.filter((c) => c.closes === 1).length} of ${NOTICES} notices closed exactly once\n`,
    );
    expect(bank).toEqual({ transfers: PAYMENTS, references: PAYMENTS });
    expect(money).toMatchObject({ recorded: PAYMENTS, once: PAYMENTS });
    expect(closes).toHaveLength(NOTICES);
    expect(closes.every((c) => c.closes === 1 && c.by_system === 1)).toBe(true);
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
  }, 3_600_000); // the test data alone (through the engine, one application at a time) takes minutes at full size
});

/** Signs in on one API process and answers the access token. */
async function login(api: AppProcess, username: string): Promise<string> {
  const res = await fetch(`${api.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in on ${api.url}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
