import 'reflect-metadata';
import { ApplicationHistoryChain, MaterialFilesQueries, MigrateApplicationsUseCase } from '@app/accreditation';
import { loadEnvironment } from '@app/config';
import {
  ensureDatabase,
  ensureDatabaseRoles,
  grantApplicationRole,
  revertLastMigration,
  runMigrations,
} from '@app/persistence';
import { type ChainVerification } from '@app/platform';
import { DisbursementHistoryChain } from '@app/subsidy';
import { INestApplicationContext, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CliModule } from './cli.module';
import { describeMigration, parseMigrateApplications } from './migrate-applications.command';
import { SeedService } from '@app/seed';
import { type AccountRole } from '@app/domain';
import { ChangeUserAccessUseCase, type UserAccessChange } from '@app/identity';

const USAGE = `usage: node dist/apps/cli/main.js <command>
  db:roles         create the owner and application roles and the database if missing (as DATABASE_ADMIN_URL)
  migrate          create the database if missing, run pending migrations (as DATABASE_OWNER_URL) and grant the
                   application's role (DATABASE_URL) its rights
  migrate:revert   revert the last migration
  seed             load the official holiday calendars and the demo data set (idempotent)
  seed:calendar    load the official holiday calendars only
  verify [application|disbursement <id>]
                   check the history hash chains (every one, or one aggregate's); exits 1 when one is broken
  files:sweep [minutes]
                   delete stored material files that no file row names (their upload's transaction failed)
                   and that were written more than [minutes] ago (default 60)
  user:disable <username>                        disable a user; their sessions end at their next request
  user:enable <username>                         enable a disabled user (they sign in again)
  user:set-role <username> <role> [jurisdiction] give a user another role (and jurisdiction); their sessions end
  migrate-applications --programme CODE --to VERSION [--dry-run]
                   move the programme's running applications to another accreditation machine version where their
                   state exists in it (a history row each); the dry run lists what it would move and what it
                   cannot, and writes nothing. Exits 1 when some cannot move`;

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

/** Exit codes: 0 done, 1 failed or a history chain is broken, 2 wrong usage or no such aggregate. */
async function main([command, ...args]: string[]): Promise<void> {
  const env = loadEnvironment();
  switch (command) {
    case 'db:roles':
      await ensureDatabaseRoles({
        adminUrl: env.DATABASE_ADMIN_URL,
        ownerUrl: env.DATABASE_OWNER_URL,
        appUrl: env.DATABASE_URL,
      });
      console.log(
        `roles ${roleOf(env.DATABASE_OWNER_URL)} (owner) and ${roleOf(env.DATABASE_URL)} (application) ready`,
      );
      return;
    case 'migrate': {
      if (databaseOf(env.DATABASE_OWNER_URL) !== databaseOf(env.DATABASE_URL))
        throw new Error('DATABASE_URL and DATABASE_OWNER_URL name different databases');
      await ensureDatabase(env.DATABASE_OWNER_URL);
      const applied = await runMigrations(env.DATABASE_OWNER_URL);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      if (roleOf(env.DATABASE_OWNER_URL) === roleOf(env.DATABASE_URL)) {
        console.warn(`warning: DATABASE_URL logs in as the owner (${roleOf(env.DATABASE_URL)}): no least privilege`);
      } else {
        await grantApplicationRole(env.DATABASE_OWNER_URL, env.DATABASE_URL);
      }
      return;
    }
    case 'migrate:revert':
      await revertLastMigration(env.DATABASE_OWNER_URL);
      return;
    case 'seed':
    case 'seed:calendar':
      await withContext(async (app) => {
        const seed = app.get(SeedService);
        await seed.seedCalendar();
        if (command === 'seed') await seed.seedDemo();
      });
      return;
    case 'verify':
      await verify(args);
      return;
    case 'files:sweep': {
      const minutes = args[0] === undefined ? 60 : Number(args[0]);
      if (!Number.isInteger(minutes) || minutes < 0) {
        console.error(USAGE);
        process.exitCode = 2;
        return;
      }
      await withContext(async (app) => {
        const deleted = await app.get(MaterialFilesQueries).sweepOrphans(minutes * 60_000);
        console.log(`deleted ${deleted.length} orphan file(s)${deleted.length ? `: ${deleted.join(', ')}` : ''}`);
      });
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
      await withContext(
        async (app) => {
          const done = await app.get(ChangeUserAccessUseCase).execute(args[0], accessChange(command, args));
          console.log(`${args[0]}: token version ${done.tokenVersion}, ${done.sessionsEnded} open session(s) ended`);
        },
        ['warn', 'error'],
      );
      return;
    }
    case 'migrate-applications': {
      const cmd = parseMigrateApplications(args);
      if (!cmd) {
        console.error(USAGE);
        process.exitCode = 2;
        return;
      }
      await withContext(
        async (app) => {
          const report = await app.get(MigrateApplicationsUseCase).execute(cmd);
          for (const line of describeMigration(report)) console.log(line);
          if (report.cannot.length > 0) process.exitCode = 1;
        },
        ['warn', 'error'],
      );
      return;
    }
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

/** `verify`: every chain, or `verify application|disbursement <id>`: one; prints each broken chain. */
async function verify(args: string[]): Promise<void> {
  const [kind, id] = args;
  if (args.length !== 0 && !((kind === 'application' || kind === 'disbursement') && id && args.length === 2)) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  await withContext(
    async (app) => {
      const chains = {
        application: app.get(ApplicationHistoryChain),
        disbursement: app.get(DisbursementHistoryChain),
      };
      if (kind === 'application' || kind === 'disbursement') {
        const verdict = await chains[kind].verify(id);
        if (!verdict) {
          console.error(`no ${kind} ${id}`);
          process.exitCode = 2;
          return;
        }
        console.log(describe(kind, id, verdict));
        if (!verdict.valid) process.exitCode = 1;
        return;
      }
      let broken = 0;
      for (const [name, chain] of Object.entries(chains)) {
        let checked = 0;
        for await (const verdict of chain.verifyAll()) {
          checked++;
          if (!verdict.valid) {
            broken++;
            console.log(describe(name, verdict.id, verdict));
          }
        }
        console.log(`${name} histories checked: ${checked}`);
      }
      console.log(broken ? `${broken} broken history chain(s)` : 'every history chain holds');
      if (broken) process.exitCode = 1;
    },
    ['warn', 'error'],
  );
}

function describe(kind: string, id: string, v: ChainVerification): string {
  if (v.valid) return `${kind} ${id}: valid (${v.rows} rows, head ${v.headHash})`;
  const b = v.firstBrokenRow!;
  return `${kind} ${id}: BROKEN at version ${b.version}${b.id ? ` (history row ${b.id})` : ''}: ${b.reason}`;
}

async function withContext(
  work: (app: INestApplicationContext) => Promise<void>,
  logger: LogLevel[] = ['log', 'warn', 'error'],
): Promise<void> {
  const app = await NestFactory.createApplicationContext(CliModule, { logger });
  try {
    await work(app);
  } finally {
    await app.close();
  }
}

function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
