import 'reflect-metadata';
import { loadEnvironment } from '@app/config';
import { ensureDatabase, revertLastMigration, runMigrations } from '@app/persistence';
import { NestFactory } from '@nestjs/core';
import { CliModule } from './cli.module';
import { SeedService } from '@app/seed';
import { type AccountRole } from '@app/domain';
import { ChangeUserAccessUseCase, type UserAccessChange } from '@app/identity';

const USAGE = `usage: node dist/apps/cli/main.js <command>
  migrate          create the database if missing and run pending migrations
  migrate:revert   revert the last migration
  seed             load the official holiday calendars and the demo data set (idempotent)
  seed:calendar    load the official holiday calendars only
  user:disable <username>                        disable a user; their sessions end at their next request
  user:enable <username>                         enable a disabled user (they sign in again)
  user:set-role <username> <role> [jurisdiction] give a user another role (and jurisdiction); their sessions end`;

/** The access change a `user:*` command asks for. */
function accessChange(command: string, args: string[]): UserAccessChange {
  switch (command) {
    case 'user:disable':
      return { active: false };
    case 'user:enable':
      return { active: true };
    default:
      return { role: args[1] as AccountRole, ...(args[2] !== undefined ? { jurisdictionCode: args[2] } : {}) };
  }
}

async function main(command: string | undefined, args: string[]): Promise<void> {
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
    case 'user:disable':
    case 'user:enable':
    case 'user:set-role': {
      if (!args[0] || (command === 'user:set-role' && !args[1])) {
        console.error(USAGE);
        process.exitCode = 2;
        return;
      }
      const app = await NestFactory.createApplicationContext(CliModule, { logger: ['warn', 'error'] });
      try {
        const done = await app.get(ChangeUserAccessUseCase).execute(args[0], accessChange(command, args));
        console.log(`${args[0]}: token version ${done.tokenVersion}, ${done.sessionsEnded} open session(s) ended`);
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

main(process.argv[2], process.argv.slice(3)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
