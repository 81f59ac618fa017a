import 'tsconfig-paths/register'; // globalSetup runs outside jest's module mapper
import { recreateDatabase, runMigrations } from '@app/persistence';
import Redis from 'ioredis';
import { flushPrefix } from './queues';
import { TEST_DATABASE_URL, TEST_QUEUE_PREFIX, TEST_REDIS_URL } from './test-env';

/** Once per run: a fresh test database with every migration applied, and no queue keys left from a former run. */
export default async function globalSetup(): Promise<void> {
  await recreateDatabase(TEST_DATABASE_URL);
  await runMigrations(TEST_DATABASE_URL);

  const redis = new Redis(TEST_REDIS_URL);
  await flushPrefix(redis, TEST_QUEUE_PREFIX);
  redis.disconnect();
}
