import { EnvironmentVariables } from '@app/config';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'crypto';
import { LoggerModule } from 'nestjs-pino';

/** Structured JSON logs (pino); each request carries an id, taken from X-Request-Id or made here, and echoed back. */
export const loggingModule = LoggerModule.forRootAsync({
  inject: [ConfigService],
  useFactory: (config: ConfigService<EnvironmentVariables, true>) => ({
    pinoHttp: {
      level: config.get('LOG_LEVEL', { infer: true }),
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customProps: (req) => ({ principal: (req as { principal?: { id: string | null; role: string } }).principal?.id ?? undefined }),
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password'],
      serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }) },
      autoLogging: { ignore: (req) => req.url === '/health' },
    },
  }),
});
