/**
 * The benchmark's fixtures for the transition workload, made by the tests' factory library (libs/testing's
 * Factories): applicants, programmes and drafts created through the product's own use cases, so the bench measures
 * rows the product could have written. Run by bench/run.js with the bench database in DATABASE_URL:
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register bench/fixtures.ts '<json>' <first>
 *
 * where <json> is a list of { tag, clients, perClient } and <first> the number of the first applicant to make
 * (applicants are numbered, so several calls on one database must not overlap); prints, as one JSON line, for each set the applicants
 * ({ orgId, userId, username }, password: the demo password) and per applicant the ids of its drafts, each draft of
 * an applicant in a programme of its own with a panel of one.
 *
 * The million-application read test keeps its bulk SQL generation: through the use cases it would take an hour.
 */
import 'reflect-metadata';
import { startContexts } from '../libs/testing/src/contexts-app';
import { Factories } from '../libs/testing/src/factories';

interface FixtureSpec {
  tag: string;
  clients: number;
  perClient: number;
}

async function main(): Promise<void> {
  const specs = JSON.parse(process.argv[2] ?? '[]') as FixtureSpec[];
  const app = await startContexts();
  const factories = new Factories(app);
  let n = Number(process.argv[3] ?? '1') - 1;
  const sets = [];
  for (const { tag, clients, perClient } of specs) {
    const programmes = [];
    for (let k = 0; k < perClient; k++) programmes.push(await factories.programme(`B-${tag}-${k}`));
    const orgs = [];
    const apps: string[][] = [];
    for (let c = 0; c < clients; c++) {
      const applicant = await factories.applicant('qd', ++n);
      orgs.push({ orgId: applicant.organisation.id, userId: applicant.user.id, username: applicant.username });
      const ids = [];
      for (const programme of programmes) {
        ids.push((await factories.draft(applicant.username, { programme: programme.code, title: `bench ${tag}` })).id);
      }
      apps.push(ids);
    }
    sets.push({ tag, orgs, apps });
  }
  await app.close();
  process.stdout.write(`${JSON.stringify(sets)}\n`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
