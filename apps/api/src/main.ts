import 'reflect-metadata';
import { EnvironmentVariables, loadEnvironment } from '@app/config';
import { NestFactory } from '@nestjs/core';
import cluster from 'cluster';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap';
import { createHttpAdapter } from './http-platform';

async function serve(env: EnvironmentVariables): Promise<void> {
  const app = await NestFactory.create(
    AppModule,
    createHttpAdapter(env.HTTP_PLATFORM, env.BODY_LIMIT_BYTES, env.TRUST_PROXY),
    {
      bufferLogs: true,
    },
  );
  await configureApp(app, env);
  await app.listen(env.PORT, '0.0.0.0');
  app
    .get(Logger)
    .log(
      { port: env.PORT, node: process.version, platform: env.HTTP_PLATFORM, pid: process.pid },
      `API listening on port ${env.PORT} (Node ${process.version}, ${env.HTTP_PLATFORM})`,
    );
}

/**
 * One process by default; API_PROCESSES > 1 forks that many API processes sharing the port (Node's cluster
 * module), since one Node process uses one core for HTTP and JSON work. A process that dies is replaced.
 */
async function main(): Promise<void> {
  const env = loadEnvironment(); // fail fast with a readable list of bad variables
  if (env.API_PROCESSES <= 1 || !cluster.isPrimary) return serve(env);
  const fork = () => cluster.fork();
  for (let i = 0; i < env.API_PROCESSES; i++) fork();
  let stopping = false;
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`api process ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(sig);
    });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
