import { chainHash, historyDigest, historyTimestampSql } from '@app/platform';
import { QueryRunner } from 'typeorm';

const BATCH = 5000;

interface Row {
  id: string;
  parent: string;
  version: number;
  event: string;
  from_state: string | null;
  to_state: string;
  actor_id: string | null;
  actor_role: string;
  reason: string | null;
  payload: unknown;
  at: string;
}

/** Chains every aggregate's rows in version order, a batch at a time (keyset on aggregate, version). */
export async function backfillHistoryChain(queryRunner: QueryRunner, table: string, parent: string): Promise<void> {
  let after: { parent: string; version: number } | null = null;
  let prev: { parent: string; hash: Buffer } | null = null;
  for (;;) {
    const rows: Row[] = await queryRunner.query(
      `SELECT id::text, "${parent}"::text AS parent, version, event, from_state, to_state, actor_id::text, actor_role,
              reason, payload, ${historyTimestampSql('at')} AS at
         FROM "${table}"
        ${after ? `WHERE ("${parent}", version) > ($1::uuid, $2::int)` : ''}
        ORDER BY "${parent}", version LIMIT ${BATCH}`,
      after ? [after.parent, after.version] : [],
    );
    if (rows.length === 0) return;
    const ids: string[] = [];
    const prevs: (Buffer | null)[] = [];
    const hashes: Buffer[] = [];
    for (const r of rows) {
      const before = prev?.parent === r.parent ? prev.hash : null;
      const digest = historyDigest({
        chain: table,
        aggregateId: r.parent,
        version: r.version,
        event: r.event,
        fromState: r.from_state,
        toState: r.to_state,
        actorId: r.actor_id,
        actorRole: r.actor_role,
        reason: r.reason,
        payload: r.payload,
        at: r.at,
      });
      const hash = chainHash(before, digest);
      ids.push(r.id);
      prevs.push(before);
      hashes.push(hash);
      prev = { parent: r.parent, hash };
    }
    await queryRunner.query(
      `UPDATE "${table}" h SET prev_hash = v.prev_hash, hash = v.hash
         FROM unnest($1::bigint[], $2::bytea[], $3::bytea[]) AS v(id, prev_hash, hash) WHERE h.id = v.id`,
      [ids, prevs, hashes],
    );
    const last = rows[rows.length - 1];
    after = { parent: last.parent, version: last.version };
  }
}
