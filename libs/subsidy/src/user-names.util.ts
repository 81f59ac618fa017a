import { DataSource, EntityManager } from 'typeorm';

/**
 * The display names of the users named (the officers of a disbursement or a policy, the actors of its history), by id;
 * nulls and repeats are passed over. Finance and admins of a bureau read each other's names on the money they share.
 */
export async function userNames(
  db: DataSource | EntityManager,
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((u): u is string => !!u))];
  if (wanted.length === 0) return new Map();
  const rows: { id: string; display_name: string }[] = await db.query(
    `SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])`,
    [wanted],
  );
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
