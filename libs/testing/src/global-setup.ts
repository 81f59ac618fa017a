import 'tsconfig-paths/register'; // globalSetup runs outside jest's module mapper
import { ensureDatabaseRoles, grantApplicationRole, recreateDatabase, runMigrations } from '@app/persistence';
import Redis from 'ioredis';
import { flushPrefix } from './queues';
import {
  adminOnMaintenanceDatabase,
  TEST_DATABASE_ADMIN_URL,
  TEST_DATABASE_OWNER_URL,
  TEST_DATABASE_URL,
  TEST_QUEUE_PREFIX,
  TEST_REDIS_URL,
} from './test-env';

/**
 * Once per run: a fresh test database owned by the owner role, every migration applied as the owner, the
 * application's role granted as `npm run migration:run` grants it, and no queue keys left from a former run. The
 * roles are shared by every database of the server; creating them is safe while other runs do the same.
 */
export default async function globalSetup(): Promise<void> {
  await recreateDatabase(TEST_DATABASE_ADMIN_URL);
  await ensureDatabaseRoles({
    adminUrl: adminOnMaintenanceDatabase(),
    ownerUrl: TEST_DATABASE_OWNER_URL,
    appUrl: TEST_DATABASE_URL,
  });
  await runMigrations(TEST_DATABASE_OWNER_URL);
  await grantApplicationRole(TEST_DATABASE_OWNER_URL, TEST_DATABASE_URL);

  const redis = new Redis(TEST_REDIS_URL);
  await flushPrefix(redis, TEST_QUEUE_PREFIX);
  redis.disconnect();
}
