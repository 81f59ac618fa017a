import { evictionProblem, maxmemoryPolicyOf } from './redis-policy.util';

describe('Redis maxmemory policy', () => {
  const info = (policy: string) =>
    `# Memory\r\nused_memory:1024\r\nmaxmemory:0\r\nmaxmemory_policy:${policy}\r\nallocator_frag_ratio:1.0\r\n`;

  it('reads the policy from INFO memory', () => {
    expect(maxmemoryPolicyOf(info('allkeys-lru'))).toBe('allkeys-lru');
    expect(maxmemoryPolicyOf('# Memory\r\nused_memory:1\r\n')).toBeNull();
  });

  it('accepts noeviction only, and says how to fix anything else', () => {
    expect(evictionProblem('noeviction')).toBeNull();
    const problem = evictionProblem('allkeys-lru');
    expect(problem).toContain('maxmemory-policy is allkeys-lru');
    expect(problem).toContain('CONFIG SET maxmemory-policy noeviction');
    expect(problem).toContain('redis.conf');
    expect(evictionProblem(null)).toContain('unknown');
  });
});
