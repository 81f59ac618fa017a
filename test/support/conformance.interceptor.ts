import { CallHandler, ExecutionContext, Injectable, NestInterceptor, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { appendFileSync } from 'fs';
import { tap } from 'rxjs';
import { answerProblems } from './openapi-conformance';

/**
 * Checks every handler's answer in the e2e specs against the OpenAPI document (TEST_OPENAPI_CONFORMANCE=<file>: the
 * differences are appended to that file), to measure where the document and the answers part.
 */
@Injectable()
export class ConformanceInterceptor implements NestInterceptor {
  constructor(private readonly file: string) {}

  intercept(context: ExecutionContext, next: CallHandler) {
    const handler = context.getHandler();
    const operationId = `${context.getClass().name}_${handler.name}`;
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
    const status =
      (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
      (method === RequestMethod.POST ? 201 : 200);
    return next.handle().pipe(
      tap((body: unknown) => {
        const problems = answerProblems(operationId, status, body);
        if (problems.length > 0) appendFileSync(this.file, problems.join('\n') + '\n');
      }),
    );
  }
}
