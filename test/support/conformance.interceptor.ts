import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  RequestMethod,
  StreamableFile,
} from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { tap } from 'rxjs';
import { answerProblems, fileAnswerProblems } from './openapi-conformance';

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
 * difference, naming the operation. A streamed file (StreamableFile: an export, a download) must be documented with
 * the media type it is sent as.
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
        const problems =
          body instanceof StreamableFile
            ? fileAnswerProblems(operationId, status, contentTypeOf(context))
            : answerProblems(operationId, status, body);
        for (const problem of problems) seen.add(problem);
      }),
    );
  }
}

/** The Content-Type the handler set on the answer (Fastify's reply or Express's response). */
function contentTypeOf(context: ExecutionContext): string | undefined {
  const reply = context.switchToHttp().getResponse<{
    getHeader?: (name: string) => unknown;
    raw?: { getHeader(name: string): unknown };
  }>();
  const value = reply.getHeader?.('content-type') ?? reply.raw?.getHeader('content-type');
  return typeof value === 'string' ? value : undefined;
}
