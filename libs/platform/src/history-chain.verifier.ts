import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ChainVerification, historyTimestampSql, StoredHistoryRow, verifyChain } from './history-chain.util';
import { TransitionHistoryEntity } from './transition-history.entity';
import { Versioned } from './transition-writer';

/** One aggregate's verdict, as `verifyAll` answers them. */
export interface AggregateChainVerification extends ChainVerification {
  id: string;
}

/**
 * Reads an aggregate's history rows as stored (with `at` to the microsecond) and checks its chain
 * (history-chain.util.ts's verifyChain) against the aggregate's current version. Tables and columns come from the
 * entities' metadata, as for the TransitionWriter.
 *
 *   const chain = new HistoryChainVerifier(db, ApplicationEntity, ApplicationHistoryEntity, 'applicationId');
 *   const verdict = await chain.verify(db.manager, id); // null when there is no such application
 */
export class HistoryChainVerifier<T extends Versioned & ObjectLiteral, H extends TransitionHistoryEntity> {
  private readonly rowsSql: string;
  private readonly aggregateSql: string;
  private readonly pageSql: string;
  private readonly chain: string;

  constructor(db: DataSource, target: EntityTarget<T>, historyTarget: EntityTarget<H>, parentKey: keyof H & string) {
    const row = db.getMetadata(target);
    const history = db.getMetadata(historyTarget);
    const col = (m: typeof row, property: string) => {
      const c = m.findColumnWithPropertyName(property);
      if (!c) throw new Error(`${m.tableName} has no column for property ${property}`);
      return `"${c.databaseName}"`;
    };
    const h = (p: string) => `h.${col(history, p)}`;
    this.chain = history.tableName;
    const parent = h(parentKey);
    this.rowsSql = `SELECT h.${col(history, 'id')}::text AS id, ${parent}::text AS parent, ${h('version')} AS version,
        ${h('event')} AS event, ${h('fromState')} AS "fromState", ${h('toState')} AS "toState",
        ${h('actorId')}::text AS "actorId", ${h('actorRole')} AS "actorRole", ${h('reason')} AS reason,
        ${h('payload')} AS payload, ${historyTimestampSql(h('at'))} AS at,
        ${h('prevHash')} AS "prevHash", ${h('hash')} AS hash
      FROM "${history.tableName}" h WHERE ${parent} = ANY($1::uuid[]) ORDER BY ${parent}, ${h('version')}`;
    const id = col(row, 'id');
    this.aggregateSql = `SELECT ${id}::text AS id, ${col(row, 'version')} AS version FROM "${row.tableName}" WHERE ${id} = $1::uuid`;
    this.pageSql = `SELECT ${id}::text AS id, ${col(row, 'version')} AS version FROM "${row.tableName}"
      WHERE $1::uuid IS NULL OR ${id} > $1::uuid ORDER BY ${id} LIMIT $2::int`;
  }

  /** One aggregate's chain; null when the aggregate does not exist. */
  async verify(manager: EntityManager, id: string): Promise<ChainVerification | null> {
    const [aggregate]: { id: string; version: number }[] = await manager.query(this.aggregateSql, [id]);
    if (!aggregate) return null;
    const [verdict] = await this.verifyPage(manager, [aggregate]);
    const { id: _id, ...rest } = verdict;
    return rest;
  }

  /** Every aggregate's chain, in id order, a page of aggregates at a time. */
  async *verifyAll(manager: EntityManager, pageSize = 500): AsyncGenerator<AggregateChainVerification> {
    let after: string | null = null;
    for (;;) {
      const page: { id: string; version: number }[] = await manager.query(this.pageSql, [after, pageSize]);
      if (page.length === 0) return;
      yield* await this.verifyPage(manager, page);
      after = page[page.length - 1].id;
    }
  }

  private async verifyPage(
    manager: EntityManager,
    aggregates: { id: string; version: number }[],
  ): Promise<AggregateChainVerification[]> {
    const rows: (StoredHistoryRow & { parent: string })[] = await manager.query(this.rowsSql, [
      aggregates.map((a) => a.id),
    ]);
    const byParent = new Map<string, StoredHistoryRow[]>();
    for (const r of rows) {
      const list = byParent.get(r.parent) ?? [];
      list.push(r);
      byParent.set(r.parent, list);
    }
    return aggregates.map((a) => ({ id: a.id, ...verifyChain(this.chain, a.id, byParent.get(a.id) ?? [], a.version) }));
  }
}
