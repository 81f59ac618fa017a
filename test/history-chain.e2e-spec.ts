import { asOwner, TEST_DATABASE_ADMIN_URL, TEST_DATABASE_OWNER_URL, TEST_DATABASE_URL } from '@app/testing';
import { INestApplication } from '@nestjs/common';
import { execFile } from 'child_process';
import { join } from 'path';
import { promisify } from 'util';
import { Http, useApi } from './support/apps';
import { designatedApplication, disbursementIdsOf } from './support/subsidy';

/**
 * Tamper evidence through HTTP and the CLI: every history row is chained to the one before by its hash; a row the
 * owner changes or removes behind the application's back is named by GET …/history/verify and by `cli verify`.
 */
describe('history hash chain', () => {
  let api: INestApplication;
  let http: Http;

  useApi((s) => ({ api, http } = s));

  /** As the database owner (who may switch the append-only trigger off): what no application path can do. */
  async function tamper(table: string, sql: string, params: unknown[]): Promise<void> {
    await asOwner(async (owner) => {
      await owner.transaction(async (tx) => {
        await tx.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
        await tx.query(sql, params);
        await tx.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
      });
    });
  }

  async function verifyApplication(id: string, username = 'qd-regulator') {
    return (await (await http.as(username)).get(`/applications/${id}/history/verify`).expect(200)).body;
  }

  async function historyIds(table: string, key: string, id: string): Promise<{ id: string; version: number }[]> {
    return asOwner((o) => o.query(`SELECT id::text, version FROM ${table} WHERE ${key} = $1 ORDER BY version`, [id]));
  }

  it('an untouched application history verifies, for whoever may read it, and names the row the owner changed', async () => {
    const flow = await designatedApplication(http);
    const rows = await historyIds('application_history', 'application_id', flow.id);
    expect(rows.length).toBeGreaterThan(8);

    const valid = await verifyApplication(flow.id);
    expect(valid).toEqual({ valid: true, rows: rows.length, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await verifyApplication(flow.id, 'qd-applicant')).toEqual(valid); // the applicant reads their history
    await (await http.as('qd-applicant-2')).get(`/applications/${flow.id}/history/verify`).expect(404);
    await (await http.as('cs-regulator')).get(`/applications/${flow.id}/history/verify`).expect(404);
    await (await http.as(null)).get(`/applications/${flow.id}/history/verify`).expect(401);

    const target = rows[4];
    await tamper(
      'application_history',
      `UPDATE application_history SET payload = payload || '{"forged":true}' WHERE id = $1`,
      [target.id],
    );
    expect(await verifyApplication(flow.id)).toMatchObject({
      valid: false,
      rows: rows.length,
      firstBrokenRow: {
        id: target.id,
        version: target.version,
        reason: 'the row does not match its hash: its content was changed',
      },
    });
  });

  it('a removed middle row is named through the row after it, a removed last row through the version', async () => {
    const flow = await designatedApplication(http);
    const rows = await historyIds('application_history', 'application_id', flow.id);
    await tamper('application_history', `DELETE FROM application_history WHERE id = $1`, [rows[2].id]);
    expect((await verifyApplication(flow.id)).firstBrokenRow).toEqual({
      id: rows[3].id,
      version: 4,
      reason: 'version 3 is missing: the history jumps from 2 to 4',
    });

    const other = await designatedApplication(http, 'qd-applicant-2');
    const last = (await historyIds('application_history', 'application_id', other.id)).pop()!;
    await tamper('application_history', `DELETE FROM application_history WHERE id = $1`, [last.id]);
    expect((await verifyApplication(other.id)).firstBrokenRow).toEqual({
      id: null,
      version: last.version,
      reason: `the history ends at version ${last.version - 1} but the application is at version ${last.version}`,
    });
  });

  it('disbursement histories are chained too, bulk approval included; finance of another bureau cannot verify', async () => {
    const flow = await designatedApplication(http);
    const [id] = await disbursementIdsOf(api, flow.id);
    const finance = await http.as('qd-finance');
    const items = (version: number) => ({ items: [{ id, version }] });
    expect((await finance.post('/finance/disbursements/verify', items(1)).expect(200)).body.verified).toBe(1);
    const approver = await http.as('qd-finance-2');
    expect((await approver.post('/finance/disbursements/approve', items(2)).expect(200)).body.approved).toBe(1);
    const verify = () => finance.get(`/finance/disbursements/${id}/history/verify`).expect(200);
    expect((await verify()).body).toEqual({ valid: true, rows: 3, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await (await http.as('cs-finance')).get(`/finance/disbursements/${id}/history/verify`).expect(404);
    await (await http.as('qd-applicant')).get(`/finance/disbursements/${id}/history/verify`).expect(403);

    const [, , approval] = await historyIds('disbursement_history', 'disbursement_id', id);
    await tamper('disbursement_history', `UPDATE disbursement_history SET actor_id = NULL WHERE id = $1`, [
      approval.id,
    ]);
    expect((await verify()).body.firstBrokenRow).toEqual({
      id: approval.id,
      version: 3,
      reason: 'the row does not match its hash: its content was changed',
    });
  });

  it('the CLI verifies one chain or all of them and exits 1 naming what is broken', async () => {
    const flow = await designatedApplication(http);
    const good = await cli(['verify', 'application', flow.id]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(new RegExp(`application ${flow.id}: valid \\(\\d+ rows, head [0-9a-f]{64}\\)`));

    const [, , third] = await historyIds('application_history', 'application_id', flow.id);
    await tamper('application_history', `UPDATE application_history SET reason = 'rewritten' WHERE id = $1`, [
      third.id,
    ]);
    const all = await cli(['verify']);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain(
      `application ${flow.id}: BROKEN at version 3 (history row ${third.id}): the row does not match its hash`,
    );
    expect(all.stdout).toMatch(/disbursement histories checked: 1\n/);
    expect(all.stdout).toContain('1 broken history chain(s)');
  }, 180_000); // two CLI processes compiled from source
});

/** The CLI from its sources, with the tests' database settings (as the application's role). */
async function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  const root = join(__dirname, '..');
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/cli/src/main.ts', ...args],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: TEST_DATABASE_URL,
          DATABASE_OWNER_URL: TEST_DATABASE_OWNER_URL,
          DATABASE_ADMIN_URL: TEST_DATABASE_ADMIN_URL,
          LOG_LEVEL: 'warn',
        },
      },
    );
    return { code: 0, stdout };
  } catch (e) {
    const err = e as { code?: number; stdout?: string };
    if (typeof err.code !== 'number') throw e;
    return { code: err.code, stdout: err.stdout ?? '' };
  }
}
