import 'reflect-metadata';
import { loadEnvironment } from '@app/config';
import { ensureDatabase, revertLastMigration, runMigrations } from '@app/persistence';
import { NestFactory } from '@nestjs/core';
import { CliModule } from './cli.module';
import { SeedService } from '@app/seed';

const USAGE = `usage: node dist/apps/cli/main.js <command>
  migrate          create the database if missing and run pending migrations
  migrate:revert   revert the last migration
  seed             load the official holiday calendars and the demo data set (idempotent)
  seed:calendar    load the official holiday calendars only`;

async function main(command: string | undefined): Promise<void> {
  const env = loadEnvironment();
  switch (command) {
    case 'migrate': {
      await ensureDatabase(env.DATABASE_URL);
      const applied = await runMigrations(env.DATABASE_URL);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      return;
    }
    case 'migrate:revert':
      await revertLastMigration(env.DATABASE_URL);
      return;
    case 'seed':
    case 'seed:calendar': {
      const app = await NestFactory.createApplicationContext(CliModule, { logger: ['log', 'warn', 'error'] });
      try {
        const seed = app.get(SeedService);
        await seed.seedCalendar();
        if (command === 'seed') await seed.seedDemo();
      } finally {
        await app.close();
      }
      return;
    }
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main(process.argv[2]).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
