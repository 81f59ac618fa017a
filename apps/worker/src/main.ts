import 'reflect-metadata';
import { loadEnvironment } from '@app/config';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { unhandledJobs } from './handled-jobs';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const env = loadEnvironment();
  const missing = unhandledJobs();
  if (missing.length > 0) throw new Error(`refusing to start: no processor handles ${missing.join(', ')}`);
  const app = await NestFactory.create(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks([], { useProcessExit: true }); // process.exit() so the buffered log lines are written out
  await app.listen(env.WORKER_PORT);
  app
    .get(Logger)
    .log(
      { port: env.WORKER_PORT, node: process.version, pid: process.pid },
      `worker running, health on port ${env.WORKER_PORT} (Node ${process.version})`,
    );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
