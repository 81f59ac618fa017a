import { DataSource } from 'typeorm';

/**
 * Least privilege in the database: two roles per installation.
 *
 * - the **owner** (DATABASE_OWNER_URL) owns the database, its schema and every table; migrations run as it;
 * - the **application** (DATABASE_URL) logs in and reads and writes rows, and owns nothing: SELECT, INSERT, UPDATE
 *   and DELETE on the tables, USAGE on the sequences, SELECT and INSERT only on the append-only histories (the
 *   tables with the `forbid_history_change` trigger), no TRUNCATE, REFERENCES or TRIGGER, no DDL, no way to switch
 *   a trigger off (only an owner may) or to set `session_replication_role` (superusers only).
 *
 * Both are plain roles: NOSUPERUSER, NOCREATEDB, NOCREATEROLE, NOREPLICATION, NOBYPASSRLS, and the application's is
 * no member of the owner's. `ensureDatabaseRoles` creates them (as an administrator: a superuser or a CREATEROLE
 * role), `grantApplicationRole` gives the application its rights (as the owner, after every migration run).
 */
export interface DatabaseRoleUrls {
  /** a role that may create roles and databases, on the maintenance database (e.g. postgres://postgres@host/postgres) */
  adminUrl: string;
  ownerUrl: string;
  appUrl: string;
}

interface Role {
  name: string;
  password: string | null;
}

/**
 * Creates the owner and application roles if missing, makes sure neither is privileged, creates the database
 * owned by the owner if missing and hands it (its `public` schema and everything in it) to the owner. Idempotent,
 * and safe when several processes run it at once against one server (role names are cluster-wide: test databases
 * side by side share them): the role work is serialised by an advisory lock on the maintenance database.
 */
export async function ensureDatabaseRoles(urls: DatabaseRoleUrls): Promise<void> {
  const owner = roleOf(urls.ownerUrl, 'DATABASE_OWNER_URL');
  const app = roleOf(urls.appUrl, 'DATABASE_URL');
  const database = databaseOf(urls.ownerUrl);
  if (databaseOf(urls.appUrl) !== database)
    throw new Error(
      `DATABASE_URL and DATABASE_OWNER_URL name different databases (${databaseOf(urls.appUrl)}, ${database})`,
    );
  if (owner.name === app.name)
    throw new Error(`DATABASE_URL and DATABASE_OWNER_URL must log in as two different roles (both are ${app.name})`);

  await withConnection(urls.adminUrl, async (db) => {
    await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('accreditation:database-roles'))`);
      for (const role of [owner, app]) await ensureRole(tx.query.bind(tx), role);
      // the application must not be able to become the owner
      const [member] = await tx.query(`SELECT pg_has_role($1, $2, 'MEMBER') AS yes`, [app.name, owner.name]);
      if (member.yes) await tx.query(`REVOKE ${ident(owner.name)} FROM ${ident(app.name)}`);
    });
    const [existing] = await db.query(`SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1`, [
      database,
    ]);
    if (!existing) {
      try {
        await db.query(`CREATE DATABASE ${ident(database)} OWNER ${ident(owner.name)}`);
      } catch (e) {
        if (!['42P04', '23505'].includes(codeOf(e))) throw e; // created meanwhile by another process
      }
    } else if (existing.owner !== owner.name) {
      await db.query(`ALTER DATABASE ${ident(database)} OWNER TO ${ident(owner.name)}`);
    }
  });

  // inside the database: the schema and what an older set-up created as another role go to the owner
  await withConnection(onDatabase(urls.adminUrl, database), async (db) => {
    await db.query(`ALTER SCHEMA public OWNER TO ${ident(owner.name)}`);
    await db.query(`REVOKE ALL ON SCHEMA public FROM PUBLIC`);
    await db.query(`REVOKE ALL ON DATABASE ${ident(database)} FROM PUBLIC`);
    await db.query(`GRANT CONNECT ON DATABASE ${ident(database)} TO ${ident(app.name)}`);
    const objects: { kind: string; name: string }[] = await db.query(
      `SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind,
              format('%I.%I', n.nspname, c.relname) AS name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND c.relowner <> $1::regrole
          -- a sequence owned by a column follows its table; members of an extension stay the extension's
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
       UNION ALL
       SELECT 'FUNCTION', p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.proowner <> $1::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
       UNION ALL
       SELECT 'TYPE', format('%I.%I', n.nspname, t.typname) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND t.typowner <> $1::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')`,
      [owner.name],
    );
    for (const o of objects) await db.query(`ALTER ${o.kind} ${o.name} OWNER TO ${ident(owner.name)}`);
  });
}

/**
 * The application's rights on what the migrations made, as the owner: rows of every table (and of the tables later
 * migrations make, through default privileges), sequences, and only SELECT and INSERT on the append-only histories;
 * nothing on the migrations table. Run after every migration run (the CLI's `migrate` does), idempotent.
 */
export async function grantApplicationRole(ownerUrl: string, appUrl: string): Promise<void> {
  const owner = roleOf(ownerUrl, 'DATABASE_OWNER_URL');
  const app = ident(roleOf(appUrl, 'DATABASE_URL').name);
  await withConnection(ownerUrl, async (db) => {
    await db.transaction(async (tx) => {
      const q = (sql: string) => tx.query(sql);
      await q(`GRANT USAGE ON SCHEMA public TO ${app}`);
      await q(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app}`);
      await q(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
      await q(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
      const forRole = `ALTER DEFAULT PRIVILEGES FOR ROLE ${ident(owner.name)} IN SCHEMA public`;
      await q(`${forRole} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`);
      await q(`${forRole} GRANT USAGE, SELECT ON SEQUENCES TO ${app}`);
      await q(`REVOKE ALL ON "migrations" FROM ${app}`);
      for (const table of await appendOnlyTables(tx.query.bind(tx)))
        await q(`REVOKE UPDATE, DELETE ON ${table} FROM ${app}`);
    });
  });
}

/** The tables whose rows may only be added: those the `forbid_history_change` trigger guards. */
async function appendOnlyTables(query: Query): Promise<string[]> {
  const rows: { name: string }[] = await query(
    `SELECT DISTINCT t.tgrelid::regclass::text AS name FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE p.proname = 'forbid_history_change' AND NOT t.tgisinternal ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

type Query = (sql: string, params?: unknown[]) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ATTRIBUTES = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';

async function ensureRole(query: Query, role: Role): Promise<void> {
  const [found] = await query(
    `SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls OR NOT rolcanlogin AS differs,
            rolsuper AS superuser
       FROM pg_roles WHERE rolname = $1`,
    [role.name],
  );
  const password = role.password === null ? '' : ` PASSWORD ${literal(role.password)}`;
  if (!found) {
    try {
      await query(`CREATE ROLE ${ident(role.name)} ${ATTRIBUTES}${password}`);
    } catch (e) {
      // created meanwhile by a process that did not take the lock: it is there, which is all that was asked
      if (!['42710', '23505'].includes(codeOf(e))) throw e;
    }
  } else if (found.superuser) {
    // never demote a superuser by accident (e.g. DATABASE_URL still naming postgres)
    throw new Error(`role ${role.name} is a superuser: the application and the owner must be ordinary roles`);
  } else if (found.differs || role.password !== null) {
    await query(`ALTER ROLE ${ident(role.name)} ${ATTRIBUTES}${password}`);
  }
}

function codeOf(e: unknown): string {
  const err = e as { code?: string; driverError?: { code?: string } };
  return err.driverError?.code ?? err.code ?? '';
}

function roleOf(url: string, setting: string): Role {
  const u = new URL(url);
  if (!u.username) throw new Error(`${setting} must name the role it logs in as (postgres://role@host/database)`);
  return { name: decodeURIComponent(u.username), password: u.password ? decodeURIComponent(u.password) : null };
}

function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** The same server and credentials, on another database. */
function onDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function withConnection<R>(url: string, work: (db: DataSource) => Promise<R>): Promise<R> {
  const db = await new DataSource({ type: 'postgres', url, extra: { max: 1 } }).initialize();
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
