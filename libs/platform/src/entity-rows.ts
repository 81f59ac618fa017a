import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryFailedError } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { ApplyValueTransformers } from 'typeorm/util/ApplyValueTransformers';

/**
 * An entity's columns as plain SQL, built once from TypeORM's metadata: a select list under a table alias with
 * prefixed names, and the mapping from such a row back to the entity. For the few hot statements that are written
 * as SQL (the engine's locked read), so they need no query builder per call and cannot drift from the entity.
 * `date` columns are read as text, as TypeORM hydrates them ('YYYY-MM-DD'), not as a local-time Date; value
 * transformers (e.g. fen as a number) apply as they do when TypeORM reads the row.
 */
export class EntityRows<T extends ObjectLiteral> {
  readonly selectList: string;
  private readonly columns: { property: string; alias: string; transformer: ColumnMetadata['transformer'] }[];

  constructor(
    db: DataSource,
    private readonly target: EntityTarget<T>,
    tableAlias: string,
  ) {
    const metadata = db.getMetadata(target);
    this.columns = metadata.columns.map((c) => ({
      property: c.propertyName,
      alias: `${tableAlias}_${c.databaseName}`,
      transformer: c.transformer,
    }));
    this.selectList = metadata.columns
      .map(
        (c) =>
          `${tableAlias}."${c.databaseName}"${c.type === 'date' ? '::text' : ''} AS "${tableAlias}_${c.databaseName}"`,
      )
      .join(', ');
  }

  /** The entity held in a row selected with `selectList`. */
  fromRow(row: Record<string, unknown>): T {
    const entity = Object.create((this.target as { prototype: object }).prototype ?? Object.prototype) as Record<
      string,
      unknown
    >;
    for (const c of this.columns) {
      const value = row[c.alias];
      entity[c.property] =
        c.transformer && value !== null ? ApplyValueTransformers.transformFrom(c.transformer, value) : value;
    }
    return entity as T;
  }
}

interface PreparingClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * A statement run as a named prepared statement on the transaction's own connection: Postgres parses and plans
 * it once per connection instead of on every call. For the engine's few statements that run on every transition.
 * Errors come back as TypeORM's QueryFailedError, as from `tx.query`, so the API maps them the same way.
 */
export async function preparedQuery<R>(tx: EntityManager, name: string, text: string, values: unknown[]): Promise<R[]> {
  if (!tx.queryRunner) return (await tx.query(text, values)) as R[];
  const client = (await tx.queryRunner.connect()) as PreparingClient;
  try {
    return (await client.query({ name, text, values })).rows as R[];
  } catch (e) {
    throw new QueryFailedError(text, values, e as Error);
  }
}
