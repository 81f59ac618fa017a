import { AccreditationState as S } from '@app/domain';
import { ApplicationEntity, ApplicationHistoryEntity } from '@app/accreditation';
import { dataSourceOptions } from '@app/persistence';
import { canonicalJson, HistoryChainVerifier, historyTimestamp, historyTimestampSql } from '@app/platform';
import { asOwner, Factories, resetDatabase, startContexts, TEST_DATABASE_OWNER_URL } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import fc from 'fast-check';
import { DataSource } from 'typeorm';

/**
 * Least privilege: the application's role (what the contexts connect as here) reads and writes rows and can do
 * nothing to the record besides adding to it; the owner can, and the hash chain shows it (history-chain.e2e-spec).
 */
describe('database roles and the history chain', () => {
  let app: INestApplicationContext;
  let db: DataSource;
  let factories: Factories;

  beforeAll(async () => {
    app = await startContexts();
    db = app.get(DataSource);
    factories = new Factories(app);
  });
  beforeEach(() => resetDatabase(app));
  afterAll(() => app.close());

  /** The Postgres error code of what `sql` runs into as the application's role. */
  async function refusal(sql: string): Promise<string> {
    try {
      await db.transaction((tx) => tx.query(sql));
    } catch (e) {
      return `${(e as { code?: string }).code}: ${(e as Error).message}`;
    }
    return 'allowed';
  }

  it('the application role is an ordinary role that owns nothing and is no member of the owner', async () => {
    const [me] = await db.query(
      `SELECT current_user AS name, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin,
              pg_has_role(current_user, 'accreditation_owner', 'MEMBER') AS owner_member
         FROM pg_roles WHERE rolname = current_user`,
    );
    expect(me).toEqual({
      name: 'accreditation_app',
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolreplication: false,
      rolbypassrls: false,
      rolcanlogin: true,
      owner_member: false,
    });
    const owned = await db.query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relowner <> 'accreditation_owner'::regrole`,
    );
    expect(owned).toEqual([]); // the owner holds every table, index and sequence
  });

  it('the application role cannot rewrite, empty or unguard the histories, nor change the schema', async () => {
    await factories.application(S.Recheck);
    for (const table of ['application_history', 'disbursement_history', 'bank_account_history', 'material_downloads']) {
      expect(await refusal(`TRUNCATE ${table}`)).toMatch(/^42501: permission denied/);
      expect(await refusal(`UPDATE ${table} SET id = id`)).toMatch(/^42501: permission denied/);
      expect(await refusal(`DELETE FROM ${table}`)).toMatch(/^42501: permission denied/);
      expect(await refusal(`ALTER TABLE ${table} DISABLE TRIGGER ALL`)).toMatch(/^42501: must be owner/);
    }
    expect(await refusal(`SET session_replication_role = replica`)).toMatch(/^42501: permission denied/);
    expect(await refusal(`TRUNCATE applications CASCADE`)).toMatch(/^42501: permission denied/);
    expect(await refusal(`DROP TABLE objections`)).toMatch(/^42501: must be owner/);
    expect(await refusal(`CREATE TABLE scratch (id int)`)).toMatch(/^42501: permission denied for schema public/);
    expect(
      await refusal(`CREATE TRIGGER t BEFORE INSERT ON applications EXECUTE FUNCTION forbid_history_change()`),
    ).toMatch(/^42501: (permission denied|must be owner)/);
    expect(await refusal(`SELECT * FROM migrations`)).toMatch(/^42501: permission denied/);
    // rows of ordinary tables are the application's to read and write
    expect(await refusal(`UPDATE programmes SET quota = quota`)).toBe('allowed');
  });

  it('canonical JSON survives a round trip through jsonb, and timestamps keep their text', async () => {
    // \u0000 is the one thing jsonb refuses (the write would fail, nothing to hash)
    const json = fc.jsonValue().filter((v) => !JSON.stringify(v).includes('\\u0000'));
    await fc.assert(
      fc.asyncProperty(fc.array(json, { minLength: 1, maxLength: 20 }), async (values) => {
        const [row]: { back: unknown[] }[] = await db.query(`SELECT $1::jsonb AS back`, [JSON.stringify(values)]);
        expect(canonicalJson(row.back)).toBe(canonicalJson(values));
      }),
      { numRuns: 60 },
    );
    const dates = fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });
    await fc.assert(
      fc.asyncProperty(dates, async (at) => {
        const [row]: { text: string }[] = await db.query(`SELECT ${historyTimestampSql('$1::timestamptz')} AS text`, [
          at,
        ]);
        expect(row.text).toBe(historyTimestamp(at));
      }),
      { numRuns: 60 },
    );
  });

  it("the migration's back-fill computes exactly the chains the writer wrote", async () => {
    const ids = [
      (await factories.application(S.PublicNotice)).id,
      (await factories.application(S.Withdrawn, { applicant: 'qd-applicant-2' })).id,
    ];
    const owner = await new DataSource(dataSourceOptions(TEST_DATABASE_OWNER_URL, { extra: { max: 1 } })).initialize();
    const verifier = new HistoryChainVerifier(owner, ApplicationEntity, ApplicationHistoryEntity, 'applicationId');
    const runner = owner.createQueryRunner();
    try {
      const written = await Promise.all(ids.map((id) => verifier.verify(owner.manager, id)));
      expect(written.every((v) => v?.valid)).toBe(true);
      await runner.startTransaction();
      const migration = owner.migrations.find((m) => m.name === 'HistoryHashChain1796324869472')!;
      await migration.down(runner);
      await migration.up(runner);
      const filled = await Promise.all(ids.map((id) => verifier.verify(runner.manager, id)));
      expect(filled).toEqual(written);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
      await owner.destroy();
    }
    expect(
      await asOwner((o) => o.query(`SELECT count(*)::int AS n FROM application_history WHERE hash IS NULL`)),
    ).toEqual([{ n: 0 }]);
  });
});
