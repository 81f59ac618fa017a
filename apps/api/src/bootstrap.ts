import { EnvironmentVariables } from '@app/config';
import { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { createValidationPipe } from './common/validation.pipe';
import { applyBodyParsers, serveWebConsole, whenReady } from './http-platform';
import { WebConsole } from './common/web-console';
import { createOpenApiDocument } from './openapi/openapi.document';

/** Everything main.ts and the e2e tests both need: pipes, logger, body limit, OpenAPI at /docs, the web console at /. */
export async function configureApp(app: INestApplication, env: EnvironmentVariables): Promise<INestApplication> {
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks([], { useProcessExit: true }); // process.exit() so the buffered log lines are written out
  applyBodyParsers(app, env.HTTP_PLATFORM, env.BODY_LIMIT_BYTES);
  const web = WebConsole.load(env.WEB_DIST_DIR);
  if (web) serveWebConsole(app, env.HTTP_PLATFORM, web);
  else
    app
      .get(Logger)
      .log({ webDistDir: env.WEB_DIST_DIR }, 'no web console built (bash scripts/build-web.sh): / answers 404');
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app));
  await app.init();
  await whenReady(app);
  return app;
}
