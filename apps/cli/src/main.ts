import 'reflect-metadata';
import { loadEnvironment } from '@app/config';
import { dataSourceOptions } from '@app/persistence';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { CliModule } from './cli.module';
import { SeedService } from '@app/seed';

const USAGE = `usage: node dist/apps/cli/main.js <command>
  migrate          create the database if missing and run pending migrations
  migrate:revert   revert the last migration
  seed             load the official holiday calendars and the demo data set (idempotent)
  seed:calendar    load the official holiday calendars only`;

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const ds = new DataSource({ type: 'postgres', url: admin.toString() });
  await ds.initialize();
  try {
    const rows = await ds.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) await ds.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await ds.destroy();
  }
}

async function main(command: string | undefined): Promise<void> {
  const env = loadEnvironment();
  switch (command) {
    case 'migrate':
    case 'migrate:revert': {
      if (command === 'migrate') await ensureDatabase(env.DATABASE_URL);
      const ds = await new DataSource(dataSourceOptions(env.DATABASE_URL)).initialize();
      try {
        if (command === 'migrate') {
          const done = await ds.runMigrations({ transaction: 'each' });
          console.log(done.length ? `applied: ${done.map((m) => m.name).join(', ')}` : 'database is up to date');
        } else {
          await ds.undoLastMigration({ transaction: 'each' });
        }
      } finally {
        await ds.destroy();
      }
      return;
    }
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

