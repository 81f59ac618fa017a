import 'tsconfig-paths/register'; // globalSetup runs outside jest's module mapper
import { runMigrations } from '@app/persistence';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { flushPrefix } from './queues';
import { TEST_DATABASE_URL, TEST_QUEUE_PREFIX, TEST_REDIS_URL } from './test-env';

/** Once per run: a fresh test database with every migration applied, and no queue keys left from a former run. */
export default async function globalSetup(): Promise<void> {
  const url = new URL(TEST_DATABASE_URL);
  const name = url.pathname.slice(1);
  const admin = new URL(TEST_DATABASE_URL);
  admin.pathname = '/postgres';
  const root = await new DataSource({ type: 'postgres', url: admin.toString() }).initialize();
  await root.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await root.query(`CREATE DATABASE "${name}"`);
  await root.destroy();

  await runMigrations(TEST_DATABASE_URL);

  const redis = new Redis(TEST_REDIS_URL);
  await flushPrefix(redis, TEST_QUEUE_PREFIX);
  redis.disconnect();
}
