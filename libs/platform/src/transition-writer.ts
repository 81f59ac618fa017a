import { JobRequest, outboxInsertSql, outboxParams, writeOutbox } from '@app/queue';
import { createHash, randomUUID } from 'crypto';
import { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { ApplyValueTransformers } from 'typeorm/util/ApplyValueTransformers';
import { preparedQuery } from './entity-rows';
import { historyDigest, historyTimestamp } from './history-chain.util';
import { TransitionEntry, TransitionHistoryEntity } from './transition-history.entity';

/**
 * What else every write of the aggregate keeps up to date, inside its transaction (the engines' work items): called
 * after the rows, their history rows and their outbox rows are written, with the ids written and their entries.
 */
export type TransitionFollower = (
  tx: EntityManager,
  written: readonly { id: string; history: TransitionEntry; subject?: unknown }[],
) => Promise<void>;

/** An aggregate the writer can change: an id and a version counted up by one per transition. */
export interface Versioned {
  id: string;
  version: number;
}

/** One transition of one row: written only if the row is still at `fromVersion`; it then gets `fromVersion + 1`. */
export interface TransitionChange<T extends Versioned> {
  id: string;
  fromVersion: number;
  /** the columns to set besides version (state, snapshot, updatedAt, ...); undefined values are left alone */
  set: Partial<Omit<T, 'id' | 'version'>>;
  history: TransitionEntry;
  /** outbox jobs, written in the same transaction if (and only if) the row was written */
  jobs?: readonly JobRequest[];
  /**
   * What the follower needs of the row as written, when the caller already has it (the engine has just changed it):
   * handed to the follower, which then need not read the row back
   */
  subject?: unknown;
}

/**
 * Writes an aggregate's transitions: the row at the version it was read with, its history row and its outbox
 * rows, together or not at all. Tables, columns and their types come from TypeORM's metadata, so the SQL is
 * written once per column set and cannot drift from the entities; each statement runs as a named prepared
 * statement. One change's row, history and outbox rows are one statement (the history and outbox rows are inserted
 * only if the version-checked update matched); for many changes and creations the outbox rows follow in the
 * caller's transaction.
 *
 * Each history row is chained to the one before it (history-chain.util.ts): the digest of its content is computed
 * here, and the statement sets prev_hash from the row at `fromVersion` and hash = sha256(prev_hash ‖ digest). That
 * read needs no lock of its own: the version-checked update only matches when the row is still at `fromVersion`
 * in the statement's snapshot, so the history row of that version is committed and visible to the same statement,
 * and any concurrent writer of the same row is refused (or refuses us) by the version check.
 *
 *   const writer = new TransitionWriter(db, DisbursementEntity, DisbursementHistoryEntity, 'disbursementId');
 *   const history = await writer.write(tx, { id, fromVersion: d.version, set: { state, context, updatedAt }, history: entry, jobs });
 *   if (!history) throw new DomainError(DomainErrorCode.VersionConflict, '...');
 */
export class TransitionWriter<T extends Versioned & ObjectLiteral, H extends TransitionHistoryEntity> {
  private readonly row: Table;
  private readonly history: Table;
  private readonly parentKey: Column;
  private readonly entryColumns: Column[];
  private readonly prevHash: Column;
  private readonly hash: Column;
  /** the history table's name, part of every row's hashed content */
  private readonly chain: string;
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: DataSource,
    target: EntityTarget<T>,
    historyTarget: EntityTarget<H>,
    /** the history entity's property holding the aggregate's id, e.g. 'disbursementId' */
    parentKey: keyof H & string,
    /** run after every write in the same transaction (a write outside one gets a transaction of its own then) */
    private readonly follow?: TransitionFollower,
  ) {
    this.row = new Table(db, db.getMetadata(target));
    this.history = new Table(db, db.getMetadata(historyTarget));
    this.parentKey = this.history.column(parentKey);
    this.entryColumns = ENTRY_PROPERTIES.map((p) => this.history.column(p));
    this.prevHash = this.history.column('prevHash');
    this.hash = this.history.column('hash');
    this.chain = this.history.metadata.tableName;
  }

  /**
   * One row: updated at `fromVersion` with its history row, in one statement, then its jobs. Answers the history
   * row written, or null when the row is not at `fromVersion` (or does not exist): nothing is written then.
   */
  async write(tx: EntityManager, change: TransitionChange<T>): Promise<H | null> {
    if (this.follow && !tx.queryRunner?.isTransactionActive) return this.db.transaction((t) => this.write(t, change));
    assertTransaction(tx, change.jobs);
    const properties = this.setProperties(change);
    const sql = this.statement(`write:${properties.join(',')}`, () => {
      const sets = properties.map((p, i) => {
        const c = this.row.column(p);
        return `"${c.name}" = $${i + 3}::${c.sqlType}`;
      });
      const first = properties.length + 3;
      const entry = this.entryColumns.map((c, i) => `$${first + i}::${c.sqlType}`);
      const digest = `$${first + this.entryColumns.length}::bytea`;
      // the outbox rows too, only if the row was updated (its jobs commit with it or not at all)
      const jobs = outboxInsertSql(first + this.entryColumns.length + 1, 'WHERE EXISTS (SELECT 1 FROM updated)');
      return `WITH updated AS (
          UPDATE ${this.row.name} SET ${[...sets, `"${this.row.version.name}" = $2::int + 1`].join(', ')}
           WHERE "${this.row.id.name}" = $1::${this.row.id.sqlType} AND "${this.row.version.name}" = $2::int
          RETURNING "${this.row.id.name}" AS id),
        jobs AS (${jobs})
        INSERT INTO ${this.history.name} (${this.historyColumnList()})
        SELECT u.id, $2::int + 1, ${entry.join(', ')}, ${this.chained('p', digest)}
          FROM updated u ${this.previousJoin('p', 'u.id', '$2::int')}
        RETURNING ${this.historyReturning()}`;
    });
    const values = [
      change.id,
      change.fromVersion,
      ...properties.map((p) => this.row.column(p).param(change.set[p as keyof typeof change.set])),
      ...this.entryParams(change.history),
      this.digest(change.id, change.fromVersion + 1, change.history),
      ...outboxParams(change.jobs ?? []),
    ];
    const rows = await this.run<WrittenHistory>(tx, sql, values);
    if (rows.length !== 1) return null;
    await this.follow?.(tx, [{ id: change.id, history: change.history, subject: change.subject }]);
    return this.historyRow(rows[0], change.id, change.fromVersion + 1, change.history);
  }

  /**
   * Many rows in one statement (`UPDATE … FROM unnest(…)` and one multi-row history insert); every change must set
   * the same columns and name a different row. Only rows still at their `fromVersion` are written, with their
   * history rows and jobs. Answers, in the order given, each change's history row or null when it was not written.
   */
  async writeMany(tx: EntityManager, changes: readonly TransitionChange<T>[]): Promise<(H | null)[]> {
    if (changes.length === 0) return [];
    if (this.follow && !tx.queryRunner?.isTransactionActive)
      return this.db.transaction((t) => this.writeMany(t, changes));
    assertTransaction(
      tx,
      changes.flatMap((c) => c.jobs ?? []),
    );
    const properties = this.setProperties(changes[0]);
    const key = properties.join(',');
    for (const c of changes) {
      if (this.setProperties(c).join(',') !== key)
        throw new Error(`writeMany: every change must set the same columns (${key})`);
    }
    if (new Set(changes.map((c) => c.id)).size !== changes.length)
      throw new Error('writeMany: a row may change once per statement');
    const columns = properties.map((p) => this.row.column(p));
    for (const c of [...columns, ...this.entryColumns]) {
      if (c.isArray) throw new Error(`writeMany cannot set the array column ${c.name}`);
    }
    const sql = this.statement(`writeMany:${key}`, () => {
      const arrays = [this.row.id, this.row.version, ...columns, ...this.entryColumns, this.hash].map(
        (c, i) => `$${i + 1}::${c.sqlType}[]`,
      );
      const names = [
        'id',
        'from_version',
        ...columns.map((_, i) => `c${i}`),
        ...this.entryColumns.map((_, i) => `h${i}`),
        'digest',
      ];
      const sets = columns.map((c, i) => `"${c.name}" = v.c${i}`);
      return `WITH v AS (SELECT * FROM unnest(${arrays.join(', ')}) AS v(${names.join(', ')})),
        updated AS (
          UPDATE ${this.row.name} t SET ${[...sets, `"${this.row.version.name}" = v.from_version + 1`].join(', ')}
            FROM v WHERE t."${this.row.id.name}" = v.id AND t."${this.row.version.name}" = v.from_version
          RETURNING t."${this.row.id.name}" AS id)
        INSERT INTO ${this.history.name} (${this.historyColumnList()})
        SELECT v.id, v.from_version + 1, ${this.entryColumns.map((_, i) => `v.h${i}`).join(', ')}, ${this.chained('p', 'v.digest')}
          FROM v JOIN updated u ON u.id = v.id ${this.previousJoin('p', 'v.id', 'v.from_version')}
        RETURNING ${this.historyReturning()}`;
    });
    const entries = changes.map((c) => this.entryParams(c.history));
    const values = [
      changes.map((c) => c.id),
      changes.map((c) => c.fromVersion),
      ...columns.map((col, i) => changes.map((c) => col.param(c.set[properties[i] as keyof typeof c.set]))),
      ...this.entryColumns.map((_, i) => entries.map((e) => e[i])),
      changes.map((c) => this.digest(c.id, c.fromVersion + 1, c.history)),
    ];
    const rows = await this.run<WrittenHistory>(tx, sql, values);
    const written = new Map(rows.map((r) => [String(r.parent_id), r]));
    const out = changes.map((c) => {
      const row = written.get(c.id);
      return row === undefined ? null : this.historyRow(row, c.id, c.fromVersion + 1, c.history);
    });
    await this.outbox(
      tx,
      changes.flatMap((c, i) => (out[i] ? (c.jobs ?? []) : [])),
    );
    const followed = changes.flatMap((c, i) => (out[i] ? [{ id: c.id, history: c.history, subject: c.subject }] : []));
    if (this.follow && followed.length > 0) await this.follow(tx, followed);
    return out;
  }

  /**
   * A new row at version 1 with its first history row, in one statement, then its jobs. With `ifAbsent`, a row a
   * unique key already holds is left alone (ON CONFLICT DO NOTHING) and the answer is null. Answers the new row's
   * id and its history row.
   */
  async create(
    tx: EntityManager,
    values: Partial<Omit<T, 'version'>>,
    history: TransitionEntry,
    options: { ifAbsent?: boolean; jobs?: readonly JobRequest[] } = {},
  ): Promise<{ id: string; history: H } | null> {
    if (this.follow && !tx.queryRunner?.isTransactionActive)
      return this.db.transaction((t) => this.create(t, values, history, options));
    assertTransaction(tx, options.jobs);
    // the new row's id is part of its first history row's hash, so it is drawn here rather than by the column default
    if (values.id === undefined) {
      if (this.row.metadata.primaryColumns[0].generationStrategy !== 'uuid')
        throw new Error(`create: ${this.row.metadata.tableName} needs its id given`);
      values = { ...values, id: randomUUID() };
    }
    const properties = Object.keys(values)
      .filter((p) => values[p as keyof typeof values] !== undefined)
      .sort();
    if (properties.includes('version')) throw new Error('create: the writer sets the version');
    const sql = this.statement(`create:${options.ifAbsent ? 'if-absent:' : ''}${properties.join(',')}`, () => {
      const columns = properties.map((p) => this.row.column(p));
      const entry = this.entryColumns.map((c, i) => `$${properties.length + 1 + i}::${c.sqlType}`);
      const digest = `$${properties.length + 1 + this.entryColumns.length}::bytea`;
      return `WITH created AS (
          INSERT INTO ${this.row.name} (${[...columns.map((c) => `"${c.name}"`), `"${this.row.version.name}"`].join(', ')})
          VALUES (${[...columns.map((c, i) => `$${i + 1}::${c.sqlType}`), '1'].join(', ')})
          ${options.ifAbsent ? 'ON CONFLICT DO NOTHING' : ''}
          RETURNING "${this.row.id.name}" AS id)
        INSERT INTO ${this.history.name} (${this.historyColumnList()})
        SELECT id, 1, ${entry.join(', ')}, NULL, sha256(${digest}) FROM created
        RETURNING ${this.historyReturning()}`;
    });
    const params = [
      ...properties.map((p) => this.row.column(p).param(values[p as keyof typeof values])),
      ...this.entryParams(history),
      this.digest(String(values.id), 1, history),
    ];
    const rows = await this.run<WrittenHistory>(tx, sql, params);
    if (rows.length !== 1) return null;
    await this.outbox(tx, options.jobs ?? []);
    const id = String(rows[0].parent_id);
    await this.follow?.(tx, [{ id, history }]);
    return { id, history: this.historyRow(rows[0], id, 1, history) };
  }

  private setProperties(change: TransitionChange<T>): string[] {
    const properties = Object.keys(change.set)
      .filter((p) => change.set[p as keyof typeof change.set] !== undefined)
      .sort();
    if (properties.includes('version') || properties.includes('id'))
      throw new Error('a transition sets neither id nor version: the writer does');
    return properties;
  }

  private historyColumnList(): string {
    return [this.parentKey, this.history.version, ...this.entryColumns, this.prevHash, this.hash]
      .map((c) => `"${c.name}"`)
      .join(', ');
  }

  /** The previous history row of the aggregate `parent`, at `version` (none for a new aggregate). */
  private previousJoin(alias: string, parent: string, version: string): string {
    return `LEFT JOIN ${this.history.name} ${alias} ON ${alias}."${this.parentKey.name}" = ${parent} AND ${alias}."${this.history.version.name}" = ${version}`;
  }

  /** prev_hash and hash of a new row chained to the previous row `alias` (history-chain.util.ts's chainHash). */
  private chained(alias: string, digest: string): string {
    const prev = `${alias}."${this.hash.name}"`;
    return `${prev}, sha256(coalesce(${prev}, ''::bytea) || ${digest})`;
  }

  private historyReturning(): string {
    return [
      `"${this.history.id.name}" AS id`,
      `"${this.parentKey.name}" AS parent_id`,
      `"${this.prevHash.name}" AS prev_hash`,
      `"${this.hash.name}" AS hash`,
    ].join(', ');
  }

  /** SHA-256 of the row's canonical content, as the verifier recomputes it from the stored row. */
  private digest(aggregateId: string, version: number, e: TransitionEntry): Buffer {
    return historyDigest({
      chain: this.chain,
      aggregateId,
      version,
      event: e.event,
      fromState: e.fromState,
      toState: e.toState,
      actorId: e.actorId,
      actorRole: e.actorRole,
      reason: e.reason,
      payload: e.payload,
      at: historyTimestamp(e.at),
    });
  }

  private entryParams(entry: TransitionEntry): unknown[] {
    return this.entryColumns.map((c, i) => c.param(entry[ENTRY_PROPERTIES[i]]));
  }

  private historyRow(written: WrittenHistory, parentId: string, version: number, entry: TransitionEntry): H {
    return Object.assign(
      this.history.metadata.create() as H,
      {
        id: String(written.id),
        [this.parentKey.property]: parentId,
        version,
        prevHash: written.prev_hash,
        hash: written.hash,
      },
      pickEntry(entry),
    );
  }

  private statement(key: string, text: () => string): Statement {
    let s = this.statements.get(key);
    if (!s) {
      const sql = text();
      s = {
        // a hash of the text: well under Postgres's 63-byte limit, and never one name for two statements
        name: `tw_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`,
        text: sql,
      };
      this.statements.set(key, s);
    }
    return s;
  }

  /** On the transaction's connection; outside one, on a connection of its own (one statement is atomic alone). */
  private async run<R>(tx: EntityManager, s: Statement, values: unknown[]): Promise<R[]> {
    if (tx.queryRunner) return preparedQuery<R>(tx, s.name, s.text, values);
    const runner = this.db.createQueryRunner();
    try {
      return await preparedQuery<R>(runner.manager, s.name, s.text, values);
    } finally {
      await runner.release();
    }
  }

  private async outbox(tx: EntityManager, jobs: readonly JobRequest[]): Promise<void> {
    if (jobs.length > 0) await writeOutbox(tx, jobs);
  }
}

/** Jobs commit with their row or not at all, so they need the caller's transaction; refused before anything is written. */
function assertTransaction(tx: EntityManager, jobs: readonly JobRequest[] = []): void {
  if (jobs.length > 0 && !tx.queryRunner?.isTransactionActive)
    throw new Error("outbox jobs are written in the transition's transaction: pass a transaction");
}

const ENTRY_PROPERTIES = [
  'event',
  'fromState',
  'toState',
  'actorId',
  'actorRole',
  'reason',
  'payload',
  'at',
] as const satisfies readonly (keyof TransitionEntry)[];

function pickEntry(e: TransitionEntry): TransitionEntry {
  return {
    event: e.event,
    fromState: e.fromState,
    toState: e.toState,
    actorId: e.actorId,
    actorRole: e.actorRole,
    reason: e.reason,
    payload: e.payload,
    at: e.at,
  };
}

/** What the history insert answers for each row it wrote. */
interface WrittenHistory {
  id: string;
  parent_id: string;
  prev_hash: Buffer | null;
  hash: Buffer;
}

interface Statement {
  name: string;
  text: string;
}

/** A column as the SQL needs it: its name, its type for casts, and how a property value becomes a parameter. */
class Column {
  readonly name: string;
  readonly property: string;
  readonly sqlType: string;
  readonly isArray: boolean;
  private readonly json: boolean;

  constructor(
    db: DataSource,
    private readonly metadata: ColumnMetadata,
  ) {
    this.name = metadata.databaseName;
    this.property = metadata.propertyName;
    if (metadata.enum) throw new Error(`column ${this.name}: enum columns are not supported by the transition writer`);
    const base = db.driver.normalizeType(metadata);
    this.isArray = metadata.isArray;
    this.sqlType = base + (metadata.isArray ? '[]' : '');
    this.json = base === 'json' || base === 'jsonb';
  }

  param(value: unknown): unknown {
    const v = this.metadata.transformer ? ApplyValueTransformers.transformTo(this.metadata.transformer, value) : value;
    if (v === null || v === undefined) return null;
    return this.json ? JSON.stringify(v) : v;
  }
}

class Table {
  readonly name: string;
  readonly id: Column;
  readonly version: Column;
  private readonly described = new Map<string, Column>();

  constructor(
    private readonly db: DataSource,
    readonly metadata: EntityMetadata,
  ) {
    this.name = `"${metadata.tableName}"`;
    if (metadata.primaryColumns.length !== 1)
      throw new Error(`${metadata.tableName}: the transition writer needs a single-column primary key`);
    this.id = this.column(metadata.primaryColumns[0].propertyName);
    this.version = this.column('version');
  }

  /** Described when first used, so a column the writer never touches cannot get in its way. */
  column(property: string): Column {
    let c = this.described.get(property);
    if (!c) {
      const metadata = this.metadata.findColumnWithPropertyName(property);
      if (!metadata) throw new Error(`${this.metadata.tableName} has no column for property ${property}`);
      c = new Column(this.db, metadata);
      this.described.set(property, c);
    }
    return c;
  }
}
