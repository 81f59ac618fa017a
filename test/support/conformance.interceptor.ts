import { CallHandler, ExecutionContext, Injectable, NestInterceptor, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { tap } from 'rxjs';
import { answerProblems } from './openapi-conformance';

const seen = new Set<string>();

/** The differences between the answers and the document seen since the last call (each once). */
export function takeConformanceProblems(): string[] {
  const problems = [...seen];
  seen.clear();
  return problems;
}

/**
 * Checks every handler's answer in the e2e specs against the OpenAPI document (libs/api-client/openapi.json): the
 * status and the body of each success as documented, no undocumented property. useApi fails the spec file on any
 * difference, naming the operation.
 */
@Injectable()
export class ConformanceInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    const handler = context.getHandler();
    const operationId = `${context.getClass().name}_${handler.name}`;
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
    const status =
      (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
      (method === RequestMethod.POST ? 201 : 200);
    return next.handle().pipe(
      tap((body: unknown) => {
        for (const problem of answerProblems(operationId, status, body)) seen.add(problem);
      }),
    );
  }
}
