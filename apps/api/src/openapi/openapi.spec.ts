import { NestFactory } from '@nestjs/core';
import { type OpenAPIObject } from '@nestjs/swagger';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { AppModule } from '../app.module';
import { apiClientFiles } from './api-client-files';
import { createOpenApiDocument } from './openapi.document';

const ROOT = join(__dirname, '../../../..');

/** Redocly's recommended rules, with these raised to errors. */
const LINT_RULES = {
  'operation-operationId-unique': 'error',
  'operation-operationId-url-safe': 'error',
  'no-ambiguous-paths': 'error',
  'no-identical-paths': 'error',
  'path-parameters-defined': 'error',
  'operation-2xx-response': 'error',
  'operation-summary': 'error',
  'security-defined': 'error',
  'no-unused-components': 'error',
  'no-invalid-media-type-examples': 'error',
} as const;

/**
 * Warnings accepted, each with its reason; any other warning fails.
 * - info-license: the project is private and unlicensed (package.json), there is no licence to name;
 * - operation-4xx-response: these public reads take no input and need no token, so no 4xx answer exists for them.
 */
const ACCEPTED_WARNINGS: Record<string, string[]> = {
  'info-license': ['#/info'],
  'operation-4xx-response': [
    '#/paths/~1programmes/get/responses',
    '#/paths/~1jurisdictions/get/responses',
    '#/paths/~1health/get/responses',
    '#/paths/~1experts~1fields/get/responses',
  ],
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const ERROR_BODY = '#/components/schemas/ErrorBody';

type Json = Record<string, unknown>;
/** The document as plain JSON, as a client reads it. */
interface Doc {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components?: { schemas?: Record<string, Json> };
}
interface Operation {
  operationId?: string;
  responses: Record<string, Json>;
  security?: unknown[];
  parameters?: Json[];
  requestBody?: unknown;
}

/** What is missing or wrong in each operation, named `METHOD /path: ...` (empty when the document is truthful). */
function untruthfulOperations(doc: Doc): string[] {
  const problems: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const name = `${method.toUpperCase()} ${path} (${op.operationId})`;
      const say = (what: string) => problems.push(`${name}: ${what}`);
      const responses = op.responses;
      const statuses = Object.keys(responses);
      const success = statuses.filter((s) => s.startsWith('2'));
      if (success.length === 0) say('no 2xx response');
      for (const s of success)
        if (s !== '204' && !responses[s].content)
          say(`${s} documents no body: add @ApiOkResponse/@ApiCreatedResponse({ type: SomeView })`);
      const errors = statuses.filter((s) => /^[45]/.test(s));
      for (const s of errors) {
        const schema = (responses[s].content as Record<string, { schema?: Json }> | undefined)?.['application/json']
          ?.schema;
        if (path !== '/health' && schema?.$ref !== ERROR_BODY) say(`${s} does not answer the ErrorBody schema`);
      }
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (!Array.isArray(op.security)) say('no security requirement (public: [], else the bearer token)');
      if (!isPublic && !(statuses.includes('401') && statuses.includes('403')))
        say('needs a token but documents no 401/403');
      const params = op.parameters ?? [];
      if ((op.requestBody || params.some((p) => p.in !== 'header')) && !statuses.includes('400'))
        say('takes input but documents no 400');
      if (params.some((p) => p.in === 'path') && !statuses.includes('404')) say('has a path id but documents no 404');
      if (!statuses.includes('500') || !statuses.includes('503')) say('documents no 500/503');
      const headers = params.filter((p) => p.in === 'header').map((p) => String(p.name).toLowerCase());
      if (new Set(headers).size !== headers.length) say(`a header documented twice: ${headers.join(', ')}`);
      if (headers.includes('if-match') && !statuses.includes('409')) say('takes If-Match but documents no 409');
      for (const p of params) {
        const schema = p.schema as Json | undefined;
        if (!schema || (!schema.type && !schema.$ref && !schema.enum)) say(`parameter ${String(p.name)} has no type`);
        if (schema?.type === 'object') say(`parameter ${String(p.name)} is typed as an object`);
      }
    }
  }
  return problems;
}

/** Properties whose type says less than the value: empty objects, ids without uuid, times without date-time. */
function vagueProperties(doc: Doc): string[] {
  const problems: string[] = [];
  for (const [schemaName, schema] of Object.entries(doc.components?.schemas ?? {})) {
    for (const [name, p] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
      const at = `${schemaName}.${name}`;
      if (!p.type && !p.$ref && !p.allOf && !p.oneOf && !p.enum) problems.push(`${at}: no type`);
      if (p.type === 'object' && !p.properties && !p.additionalProperties && !p.allOf)
        problems.push(`${at}: an object without properties (give it a view class or additionalProperties)`);
      if (p.type === 'string' && (name === 'id' || name.endsWith('Id')) && p.format !== 'uuid' && !p.pattern)
        problems.push(`${at}: an id without format: 'uuid' (or the pattern of a row number)`);
      if (p.type === 'string' && name.endsWith('At') && p.format !== 'date-time')
        problems.push(`${at}: a time without format: 'date-time'`);
      if (p.type === 'number' && /(^version$|Fen$|^page$|^pageSize$|^total$|^count$)/.test(name))
        problems.push(`${at}: a whole number typed as number (type: 'integer')`);
    }
  }
  return problems;
}

describe('the OpenAPI document', () => {
  let doc: OpenAPIObject;
  let plain: Doc;

  beforeAll(async () => {
    const app = await NestFactory.create(AppModule, { preview: true, logger: false });
    doc = createOpenApiDocument(app);
    plain = JSON.parse(JSON.stringify(doc));
    await app.close();
  });

  it('documents every operation truthfully: success body, error answers, security, one If-Match', () => {
    expect(untruthfulOperations(plain)).toEqual([]);
  });

  it('types every property: ids as uuid, times as date-time, whole numbers as integers, no empty objects', () => {
    expect(vagueProperties(plain)).toEqual([]);
  });

  it('names each schema after one class only (two classes of one name would share, and lie about, one schema)', () => {
    const src = join(__dirname, '..');
    const owners = new Map<string, string[]>();
    for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file.endsWith('spec.ts')) continue;
      for (const [, name] of readFileSync(join(src, file), 'utf8').matchAll(/^(?:export )?class (\w+)/gm)) {
        owners.set(name, [...(owners.get(name) ?? []), file]);
      }
    }
    expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
  });

  it('marks public operations public and the others as needing the bearer token', () => {
    const security = (path: string, method: 'get' | 'post') => doc.paths[path][method]?.security;
    expect(security('/applications/{id}/objections', 'post')).toEqual([]);
    expect(security('/public/register', 'get')).toEqual([]);
    expect(security('/auth/login', 'post')).toEqual([]);
    expect(security('/applications/{id}/events', 'post')).toEqual([{ bearer: [] }]);
  });

  it('passes the Redocly linter (recommended rules) with no error and only the accepted warnings', async () => {
    const config = await createConfig({ extends: ['recommended'], rules: LINT_RULES });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const unexpected = problems
      .filter(
        (p) => p.severity === 'error' || !(ACCEPTED_WARNINGS[p.ruleId] ?? []).includes(p.location[0]?.pointer ?? ''),
      )
      .map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(unexpected).toEqual([]);
  });

  it('is what libs/api-client holds (run `npm run openapi` after changing a route, a view or a DTO)', async () => {
    for (const [path, text] of Object.entries(await apiClientFiles(doc))) {
      const committed = readFileSync(join(ROOT, path), 'utf8');
      if (committed !== text) throw new Error(`${path} is out of date: run \`npm run openapi\` and commit it`);
    }
  });
});
