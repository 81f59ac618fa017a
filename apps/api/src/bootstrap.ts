import { EnvironmentVariables } from '@app/config';
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { createValidationPipe } from './common/validation.pipe';
import { applyBodyParsers, serveWebConsole, whenReady } from './http-platform';
import { WebConsole } from './common/web-console';

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
  const doc = new DocumentBuilder()
    .setTitle('Trade-secret protection demonstration units — accreditation API')
    .setDescription(
      'Applications for the title of trade-secret protection demonstration unit (商业秘密保护示范单位): review, expert scoring, public notice, designation. Sign in at POST /auth/login and send the token as a bearer token.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc));
  await app.init();
  await whenReady(app);
  return app;
}
