import { validateEnvironment } from '@app/config';
import { ConfigService } from '@nestjs/config';
import { DeadlinesProcessor } from '../apps/worker/src/deadlines.processor';
import { DisbursementsProcessor } from '../apps/worker/src/disbursements.processor';
import { startWorker } from './support/apps';

/** The BullMQ workers take JOB_LOCK_MS from the worker module's ConfigService, not from the environment at import. */
describe('worker options', () => {
  it.each([4321, 2500])(
    'JOB_LOCK_MS=%i in ConfigService is the job lock and stalled-job interval of both workers',
    async (lockMs) => {
      const config = new ConfigService(validateEnvironment({ ...process.env, JOB_LOCK_MS: String(lockMs) }));
      const worker = await startWorker((b) => b.overrideProvider(ConfigService).useValue(config));
      try {
        expect(worker.get(DeadlinesProcessor).worker.opts).toMatchObject({
          concurrency: 4,
          lockDuration: lockMs,
          stalledInterval: lockMs,
        });
        expect(worker.get(DisbursementsProcessor).worker.opts).toMatchObject({
          concurrency: 8,
          lockDuration: lockMs,
          stalledInterval: lockMs,
        });
      } finally {
        await worker.close();
      }
    },
  );
});
