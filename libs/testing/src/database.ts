import { hashPassword } from '@app/identity';
import { DEMO_PASSWORD, SeedService } from '@app/seed';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';

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

/** Empties every table and loads the reference data set (no demo application) and the official calendars. */
export async function resetDatabase(app: INestApplicationContext): Promise<void> {
  const db = app.get(DataSource);
  const existing: { tablename: string }[] = await db.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
  );
  const names = existing.map((t) => t.tablename).filter((t) => t !== 'migrations');
  const ordered = [...TABLES.filter((t) => names.includes(t)), ...names.filter((t) => !TABLES.includes(t))];
  await db.query(`TRUNCATE ${ordered.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
  const seed = app.get(SeedService);
  await seed.seedCalendar();
  await seed.seedDemo({ demoApplication: false, passwordHash: await demoPasswordHash() });
}
