import { createHash } from 'crypto';

/**
 * The tamper-evident chain of a transition history (application_history, disbursement_history). Each row carries
 *
 *   hash = SHA-256(prev_hash ‖ digest)      prev_hash = the hash of the row one version earlier (none for version 1)
 *   digest = SHA-256(canonical JSON of the row's content)
 *
 * The digest is computed here, from the values the writer sends; the chaining step runs in the writer's SQL
 * (`sha256(coalesce(prev.hash, '') || $digest)`) because only the statement that inserts the row knows, at the
 * version it checked, the previous row's hash. The verifier recomputes both from the stored rows.
 *
 * The content is what a row says: which history (the table), whose (the aggregate's id), its place (the version),
 * the event, from and to state, who in which role, why, the payload and when (`at` as stored, to the microsecond).
 * The row's bigserial id is left out: it is a storage key drawn from a sequence inside the statement, while
 * (aggregate id, version) is the row's identity in the chain and is covered.
 */
export interface HistoryContent {
  /** the history table, so a row of one history cannot stand in for a row of another */
  chain: string;
  aggregateId: string;
  version: number;
  event: string;
  fromState: string | null;
  toState: string;
  actorId: string | null;
  actorRole: string;
  reason: string | null;
  payload: unknown;
  /** UTC, ISO 8601 with six fractional digits, as `historyTimestamp` writes it and Postgres stores it */
  at: string;
}

/** SHA-256 of the canonical JSON of a row's content. */
export function historyDigest(c: HistoryContent): Buffer {
  const canonical = canonicalJson({
    chain: c.chain,
    // uuid columns answer in lower case whatever case was sent
    aggregateId: c.aggregateId.toLowerCase(),
    version: c.version,
    event: c.event,
    fromState: c.fromState ?? null,
    toState: c.toState,
    actorId: c.actorId?.toLowerCase() ?? null,
    actorRole: c.actorRole,
    reason: c.reason ?? null,
    payload: c.payload ?? null,
    at: c.at,
  });
  return createHash('sha256').update(canonical, 'utf8').digest();
}

/** The chaining step, as the writer's SQL does it: SHA-256(prev ‖ digest), prev empty for the first row. */
export function chainHash(prev: Buffer | null, digest: Buffer): Buffer {
  return createHash('sha256')
    .update(prev ?? Buffer.alloc(0))
    .update(digest)
    .digest();
}

/**
 * A timestamp as the chain hashes it: UTC with microseconds. A JS Date has milliseconds, which a timestamptz column
 * stores exactly; Postgres's `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` answers the same text.
 */
export function historyTimestamp(at: Date): string {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new Error('a history row needs its time (at)');
  return at.toISOString().replace(/Z$/, '000Z');
}

/** The SQL expression that reads a timestamptz column as `historyTimestamp` writes it. */
export function historyTimestampSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * JSON with object keys sorted (by UTF-16 code units) and no white space; otherwise JSON.stringify's rules (toJSON,
 * undefined and functions left out of objects and null in arrays, non-finite numbers null), so it describes exactly
 * what a jsonb column receives from `JSON.stringify`. jsonb keeps neither key order nor number spelling, but a value
 * read back parses to the same JS values, so the same text comes out (history-chain.int-spec checks it).
 */
export function canonicalJson(value: unknown): string {
  return write(value, true) ?? 'null';
}

function write(value: unknown, inArray: boolean): string | undefined {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function')
    v = (v as { toJSON: () => unknown }).toJSON();
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('a BigInt has no JSON form');
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) return `[${v.map((x) => write(x, true)).join(',')}]`;
      const o = v as Record<string, unknown>;
      const parts: string[] = [];
      for (const key of Object.keys(o).sort()) {
        const text = write(o[key], false);
        if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
      }
      return `{${parts.join(',')}}`;
    }
    default: // undefined, function, symbol
      return inArray ? 'null' : undefined;
  }
}

/** A stored history row as the verifier reads it (`at` through `historyTimestampSql`). */
export interface StoredHistoryRow extends Omit<HistoryContent, 'chain' | 'aggregateId'> {
  id: string;
  prevHash: Buffer | null;
  hash: Buffer | null;
}

export interface ChainVerification {
  valid: boolean;
  /** history rows found */
  rows: number;
  /** the last row's hash (hex): what to note down to detect a later rewrite of the whole chain */
  headHash: string | null;
  /** the first row that does not hold, or the version missing at the end (id null) */
  firstBrokenRow?: { id: string | null; version: number; reason: string };
}

/**
 * Checks one aggregate's chain: versions 1, 2, … without a gap, each row's prev_hash the previous row's hash, each
 * hash matching the row's content, and the last version the aggregate's own (a removed last row shows there).
 * Rows in version order.
 */
export function verifyChain(
  chain: string,
  aggregateId: string,
  rows: readonly StoredHistoryRow[],
  aggregateVersion: number,
): ChainVerification {
  let prev: Buffer | null = null;
  const broken = (id: string | null, version: number, reason: string): ChainVerification => ({
    valid: false,
    rows: rows.length,
    headHash: rows.length ? (rows[rows.length - 1].hash?.toString('hex') ?? null) : null,
    firstBrokenRow: { id, version, reason },
  });
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const expected = i + 1;
    if (row.version !== expected) {
      return broken(
        row.id,
        row.version,
        row.version > expected
          ? `version ${expected} is missing: the history jumps from ${expected - 1} to ${row.version}`
          : `version ${row.version} appears where ${expected} was expected`,
      );
    }
    if (!sameBytes(row.prevHash, prev)) {
      return broken(
        row.id,
        row.version,
        prev === null
          ? 'the first row must have no prev_hash'
          : `prev_hash does not match the hash of version ${row.version - 1}`,
      );
    }
    if (row.hash === null) return broken(row.id, row.version, 'the row has no hash');
    const digest = historyDigest({ ...row, chain, aggregateId });
    if (!chainHash(prev, digest).equals(row.hash))
      return broken(row.id, row.version, 'the row does not match its hash: its content was changed');
    prev = row.hash;
  }
  if (aggregateVersion !== rows.length) {
    return broken(
      null,
      rows.length + 1,
      aggregateVersion > rows.length
        ? `the history ends at version ${rows.length} but the ${chain.replace(/_history$/, '')} is at version ${aggregateVersion}`
        : `the history has ${rows.length} versions but the ${chain.replace(/_history$/, '')} is at version ${aggregateVersion}`,
    );
  }
  return { valid: true, rows: rows.length, headHash: prev?.toString('hex') ?? null };
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}
