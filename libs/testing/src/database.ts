import { hashPassword } from '@app/identity';
import { DEMO_PASSWORD, SeedService } from '@app/seed';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TEST_DATABASE_OWNER_URL } from './test-env';

const TABLES = [
  'application_history',
  'evaluator_assignments',
  'objections',
  'outbox',
  'applications',
  'programmes',
  'users',
  'organisations',
  'jurisdictions',
  'calendar_days',
  'calendar_years',
];

// hashed once per test process, so reloading the reference data stays quick
let passwordHash: Promise<string> | undefined;

/** The hash of the demo password, computed once per test process. */
export function demoPasswordHash(): Promise<string> {
  return (passwordHash ??= hashPassword(DEMO_PASSWORD));
}

/**
 * Empties every table and loads the reference data set (no demo application) and the official calendars. The
 * emptying is done as the owner (the application's role may not TRUNCATE, nor delete history), on a connection of
 * its own; the reload through the application's services, as the processes do it.
 */
export async function resetDatabase(app: INestApplicationContext): Promise<void> {
  await asOwner(async (owner) => {
    const existing: { tablename: string }[] = await owner.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
    );
    const names = existing.map((t) => t.tablename).filter((t) => t !== 'migrations');
    const ordered = [...TABLES.filter((t) => names.includes(t)), ...names.filter((t) => !TABLES.includes(t))];
    await owner.query(`TRUNCATE ${ordered.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
  });
  const seed = app.get(SeedService);
  await seed.seedCalendar();
  await seed.seedDemo({ demoApplication: false, passwordHash: await demoPasswordHash() });
}

/** Runs `work` on a connection as the test database's owner (for resets, and for tests that play a tampering owner). */
export async function asOwner<R>(work: (owner: DataSource) => Promise<R>): Promise<R> {
  const owner = await new DataSource({
    type: 'postgres',
    url: TEST_DATABASE_OWNER_URL,
    extra: { max: 1 },
  }).initialize();
  try {
    return await work(owner);
  } finally {
    await owner.destroy();
  }
}
