/** The one eviction policy under which BullMQ keeps its jobs: Redis refuses writes when full instead of evicting keys. */
export const REQUIRED_MAXMEMORY_POLICY = 'noeviction';

/** The `maxmemory_policy` line of `INFO memory` (INFO works where managed Redis services disable CONFIG). */
export function maxmemoryPolicyOf(info: string): string | null {
  return /^maxmemory_policy:(\S+)/m.exec(info)?.[1] ?? null;
}

/** Why a policy is unsafe for BullMQ, with the fix; null when it is `noeviction`. */
export function evictionProblem(policy: string | null): string | null {
  if (policy === REQUIRED_MAXMEMORY_POLICY) return null;
  return (
    `Redis maxmemory-policy is ${policy ?? 'unknown'}, it must be ${REQUIRED_MAXMEMORY_POLICY} (BullMQ loses jobs when ` +
    `Redis evicts keys): run CONFIG SET maxmemory-policy ${REQUIRED_MAXMEMORY_POLICY} and set ` +
    `"maxmemory-policy ${REQUIRED_MAXMEMORY_POLICY}" in redis.conf`
  );
}
