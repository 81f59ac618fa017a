import { DomainErrorCode } from '@app/domain';
import { ACCESS, type AccessDeclaration, IS_PUBLIC, RATE_LIMITS } from '@app/platform';
import { INestApplication, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import {
  DocumentBuilder,
  type OpenAPIObject,
  type ParameterObject,
  type ReferenceObject,
  type SchemaObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { statusOf } from '../common/domain-exception.filter';
import { API_ERRORS } from './api-errors.decorator';
import { ErrorBody, FrameworkErrorCode } from './error-body.view';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export const BEARER = 'bearer';

/** What a handler's decorators say, keyed by the operation id Nest's Swagger module gives it (`Controller_method`). */
interface HandlerFacts {
  isPublic: boolean;
  access?: AccessDeclaration;
  rateLimited: boolean;
  errors: DomainErrorCode[];
  /** the status of a successful answer: @HttpCode's, else Nest's default (201 for POST, 200 otherwise) */
  status: number;
}

/**
 * The OpenAPI document of the API, served at /docs-json and written to libs/api-client by `npm run openapi`. Nest's
 * Swagger module reads the controllers, views and DTOs; this step then derives in one place what the decorators do
 * not say: the error answers of each operation (all with the one ErrorBody schema), its security (none on public
 * routes) and the one If-Match header (Nest documents `@Headers('if-match')` as a second, required, lower-case one).
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Trade-secret protection demonstration units — accreditation API')
    .setDescription(
      'Applications for the title of trade-secret protection demonstration unit (商业秘密保护示范单位): review, expert scoring, public notice, designation. Sign in at POST /auth/login and send the token as a bearer token.',
    )
    .setVersion('1')
    .addServer('/', 'this API (the clients pass its base URL)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER)
    .build();
  const doc = SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody] });
  const facts = handlerFacts(app);
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const f = op.operationId ? facts.get(op.operationId) : undefined;
      if (!f) throw new Error(`no handler found for ${method.toUpperCase()} ${path} (${op.operationId})`);
      truthful(op, f);
    }
  }
  const schemas = doc.components?.schemas ?? {};
  schemas.ErrorBody = { ...schemas.ErrorBody, additionalProperties: true };
  for (const schema of Object.values(schemas)) if ('properties' in schema) plainReferences(schema.properties ?? {});
  return doc;
}

/**
 * A property that is just a named enum or view: Nest wraps the reference in a one-element `allOf` (so a description can
 * sit beside it, which OpenAPI 3.0 ignores beside a bare `$ref`); linters flag it. A nullable one keeps its `allOf`.
 */
function plainReferences(properties: Record<string, SchemaObject | ReferenceObject>): void {
  for (const [name, p] of Object.entries(properties)) {
    if (
      'allOf' in p &&
      p.allOf?.length === 1 &&
      !p.nullable &&
      Object.keys(p).every((k) => ['allOf', 'description'].includes(k))
    )
      properties[name] = p.allOf[0];
  }
}

function truthful(op: Operation, f: HandlerFacts): void {
  const params = (op.parameters ?? []) as ParameterObject[];
  // one If-Match header: Nest adds `if-match` (required, from @Headers) beside the documented `If-Match`
  const kept = params.filter((p) => !(p.in === 'header' && p.name === 'if-match'));
  const ifMatch = kept.find((p) => p.in === 'header' && p.name === 'If-Match');
  if (!ifMatch && params.some((p) => p.in === 'header' && p.name === 'if-match'))
    kept.push({ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } });
  for (const p of kept) {
    // ids in paths are UUIDs (the routes' ParseUUIDPipe, or the rows' keys); a year is a whole number
    if (p.in === 'path' && (p.name === 'id' || p.name.endsWith('Id'))) p.schema = { type: 'string', format: 'uuid' };
    if (p.in === 'path' && p.name === 'year') p.schema = { type: 'integer' };
  }
  op.parameters = kept;
  op.security = f.isPublic ? [] : [{ [BEARER]: [] }];
  // @ApiOkResponse on a POST without @HttpCode(200) documents 200 where the route answers 201: the route is the truth
  const documented = Object.keys(op.responses).filter((s) => s.startsWith('2'));
  if (!documented.includes(String(f.status)) && documented.length === 1) {
    op.responses[f.status] = op.responses[documented[0]];
    delete op.responses[documented[0]];
  }

  const codes = new Set<string>(f.errors);
  const hasBody = op.requestBody !== undefined;
  if (hasBody || kept.some((p) => p.in !== 'header')) codes.add(DomainErrorCode.ValidationFailed);
  if (hasBody) codes.add(DomainErrorCode.PayloadTooLarge).add(DomainErrorCode.UnsupportedMediaType);
  if (!f.isPublic) {
    codes.add(DomainErrorCode.Unauthenticated).add(DomainErrorCode.Forbidden);
    codes.add(DomainErrorCode.PasswordChangeRequired);
  }
  const scope = f.access?.scope;
  if (kept.some((p) => p.in === 'path') || (scope && scope !== 'none' && scope !== 'jurisdiction'))
    codes.add(DomainErrorCode.NotFound);
  if (scope === 'jurisdiction') codes.add(DomainErrorCode.Forbidden);
  if (kept.some((p) => p.in === 'header' && p.name === 'If-Match'))
    codes.add(DomainErrorCode.VersionConflict).add(DomainErrorCode.VersionRequired);
  if (f.rateLimited) codes.add(DomainErrorCode.RateLimited);
  codes.add(DomainErrorCode.ServiceUnavailable).add(FrameworkErrorCode.Internal);

  const byStatus = new Map<number, string[]>();
  for (const code of codes) {
    const status = httpStatusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const existing = op.responses[status] as { content?: object } | undefined;
    if (existing?.content) continue; // the route documents its own error body (e.g. /health's 503)
    op.responses[status] = {
      description: list.join(', '),
      // 429 and 503 say when to try again (rate-limit.guard.ts, the filter)
      ...(status === 429 || status === 503
        ? { headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } } }
        : {}),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    };
  }
}

function httpStatusOf(code: string): number {
  switch (code) {
    case DomainErrorCode.PayloadTooLarge:
      return 413;
    case DomainErrorCode.UnsupportedMediaType:
      return 415;
    case FrameworkErrorCode.Internal:
      return 500;
    default:
      return statusOf(code as DomainErrorCode);
  }
}

function handlerFacts(app: INestApplication): Map<string, HandlerFacts> {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const facts = new Map<string, HandlerFacts>();
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
    if (!controller) continue;
    for (const name of scanner.getAllMethodNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name] as () => unknown;
      if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      const targets = [handler, controller];
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      facts.set(`${controller.name}_${name}`, {
        isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false,
        access: reflector.getAllAndOverride<AccessDeclaration | undefined>(ACCESS, targets),
        rateLimited: (reflector.getAllAndOverride<string[] | undefined>(RATE_LIMITS, targets) ?? []).length > 0,
        errors: reflector.getAllAndMerge<DomainErrorCode[]>(API_ERRORS, targets) ?? [],
        status:
          (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
          (method === RequestMethod.POST ? 201 : 200),
      });
    }
  }
  return facts;
}
