import { CloseNoticeUseCase } from '@app/accreditation';
import request from 'supertest';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Flow, Http, sleep } from './apps';

export interface DisbursementView {
  id: string;
  reference: string;
  applicationId: string;
  state: string;
  version: number;
  amountFen: number;
  amountYuan: string;
  attempts: number;
  autoRetry: boolean;
  verifiedBy: string | null;
  approvedBy: string | null;
  bankReference: string | null;
  lastError: string | null;
  reconciliation: string | null;
  history: {
    version: number;
    event: string;
    fromState: string | null;
    toState: string;
    actorId: string | null;
    actorRole: string;
    reason: string | null;
    at: string;
  }[];
}

/**
 * An application of `programme` driven through HTTP to `designated`: submitted, accepted, scored, put on a notice
 * whose window has already ended, closed by the same use case the worker's deadline job runs (or by that job, where
 * a worker process runs beside the spec), and designated.
 */
export async function designatedApplication(
  http: Http,
  applicant = 'qd-applicant',
  programme = 'QDFTZ-2026',
): Promise<Flow> {
  const flow = await Flow.create(http, applicant, programme);
  await flow.toAcceptance(applicant);
  await flow.scoredPanel();
  await flow.openEndedNotice();
  const outcome = await http.app.get(CloseNoticeUseCase).execute(flow.id, 1);
  // where a worker process runs beside the spec, its deadline job (the same use case) may close the ended notice first
  const state = await flow.state();
  if (outcome.kind !== 'closed' && state !== 'notice_closed')
    throw new Error(`notice did not close: ${JSON.stringify(outcome)}, state ${state}`);
  await flow.ok('qd-regulator', { type: 'DESIGNATE', comment: '同意认定' });
  return flow;
}

/** The ids of the disbursements an application's designation created (read straight from the database). */
export async function disbursementIdsOf(app: INestApplication, applicationId: string): Promise<string[]> {
  const rows: { id: string }[] = await app
    .get(DataSource)
    .query(`SELECT id FROM disbursements WHERE application_id = $1 ORDER BY created_at`, [applicationId]);
  return rows.map((r) => r.id);
}

/** One disbursement with its history, as a finance officer sees it. */
export async function disbursement(http: Http, id: string, username = 'qd-finance'): Promise<DisbursementView> {
  const res = await (await http.as(username)).get(`/finance/disbursements/${id}`);
  if (res.status !== 200)
    throw new Error(`GET disbursement ${id} as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as DisbursementView;
}

/** Polls until the disbursement is in `state` (and `also` holds); fails with the last seen state and error. */
export async function waitForDisbursement(
  http: Http,
  id: string,
  state: string,
  also: (d: DisbursementView) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<DisbursementView> {
  const until = Date.now() + timeoutMs;
  let last: DisbursementView;
  do {
    last = await disbursement(http, id);
    if (last.state === state && also(last)) return last;
    await sleep(100);
  } while (Date.now() < until);
  throw new Error(
    `disbursement ${id} did not reach ${state}: it is ${last.state} (last error: ${last.lastError ?? 'none'})`,
  );
}

/** How many transfers the simulated bank booked under this reference: the money that actually left. */
export async function bankTransfers(app: INestApplication, reference: string): Promise<number> {
  const [{ count }] = await app
    .get(DataSource)
    .query(`SELECT count(*)::int AS count FROM simulated_bank_transfers WHERE idempotency_key = $1`, [reference]);
  return count;
}

/** Sets a policy's budget straight in the database (tests of the budget rule). */
export async function setBudget(app: INestApplication, programmeCode: string, budgetFen: number): Promise<void> {
  await app
    .get(DataSource)
    .query(
      `UPDATE subsidy_policies SET budget_fen = $2 WHERE programme_id = (SELECT id FROM programmes WHERE code = $1)`,
      [programmeCode, budgetFen],
    );
}

/**
 * Four eyes through HTTP: `verifier` verifies (经办) and `approver` approves (审批), each at the version it reads;
 * answers the approval's response (the verification must succeed).
 */
export async function verifyAndApprove(
  http: Http,
  id: string,
  verifier = 'qd-finance',
  approver = 'qd-finance-2',
): Promise<request.Response> {
  const before = await disbursement(http, id, verifier);
  const verified = await (
    await http.as(verifier)
  ).post(`/finance/disbursements/${id}/verify`, {
    version: before.version,
  });
  if (verified.status !== 200)
    throw new Error(`VERIFY ${id} as ${verifier}: ${verified.status} ${JSON.stringify(verified.body)}`);
  return (await http.as(approver)).post(`/finance/disbursements/${id}/approve`, {
    version: verified.body.disbursement.version,
  });
}
