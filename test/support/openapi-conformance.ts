import { type Middleware } from 'openapi-fetch';
import { readFileSync } from 'fs';
import { join } from 'path';

/** The subset of JSON Schema the document uses (Nest's Swagger module writes OpenAPI 3.0). */
interface SchemaNode {
  $ref?: string;
  allOf?: SchemaNode[];
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
}

interface ResponseDoc {
  content?: Record<string, { schema?: SchemaNode }>;
}

interface Doc {
  paths: Record<string, Record<string, { responses: Record<string, ResponseDoc> }>>;
  components: { schemas: Record<string, SchemaNode> };
}

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
};

/**
 * How `value` differs from `schema`: a wrong type, a missing required field, a null where none is allowed, a value
 * outside the enum or the format, and a property the document does not mention at all.
 */
export function schemaProblems(doc: Doc, value: unknown, schema: SchemaNode, at = '$'): string[] {
  if (schema.$ref) return schemaProblems(doc, value, doc.components.schemas[schema.$ref.split('/').pop() ?? ''], at);
  if (schema.allOf) {
    if (value === null && schema.nullable) return [];
    return schema.allOf.flatMap((s) => schemaProblems(doc, value, s, at));
  }
  if (value === null) return schema.nullable ? [] : [`${at} is null, documented as not nullable`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at} = ${JSON.stringify(value)} is not in its enum`];
  const problems: string[] = [];
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return [`${at} is ${typeof value}, documented as a string`];
      if (schema.format && FORMATS[schema.format] && !FORMATS[schema.format].test(value))
        problems.push(`${at} = ${JSON.stringify(value)} is not a ${schema.format}`);
      break;
    case 'integer':
      if (!Number.isInteger(value)) return [`${at} = ${JSON.stringify(value)}, documented as an integer`];
      break;
    case 'number':
      if (typeof value !== 'number') return [`${at} is ${typeof value}, documented as a number`];
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return [`${at} is ${typeof value}, documented as a boolean`];
      break;
    case 'array':
      if (!Array.isArray(value)) return [`${at} is not an array`];
      if (schema.items) value.forEach((v, i) => problems.push(...schemaProblems(doc, v, schema.items!, `${at}[${i}]`)));
      break;
    case 'object':
    case undefined: {
      if (schema.type === undefined && !schema.properties) break; // documented as any value
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at} is not an object`];
      const record = value as Record<string, unknown>;
      for (const name of schema.required ?? [])
        if (!(name in record)) problems.push(`${at}.${name} is missing, documented as required`);
      for (const [name, v] of Object.entries(record)) {
        const property = schema.properties?.[name];
        if (property) problems.push(...schemaProblems(doc, v, property, `${at}.${name}`));
        else if (typeof schema.additionalProperties === 'object')
          problems.push(...schemaProblems(doc, v, schema.additionalProperties, `${at}.${name}`));
        else if (schema.additionalProperties !== true && schema.properties)
          problems.push(`${at}.${name} is not documented`);
      }
    }
  }
  return problems;
}

const DOC: Doc = JSON.parse(readFileSync(join(__dirname, '../../libs/api-client/openapi.json'), 'utf8'));

/**
 * An openapi-fetch middleware that checks every answer against the document: its status is one the operation
 * documents, and its JSON body matches the schema documented for that status. A document that lies fails the
 * request with what differs.
 */
export const conformsToDocument: Middleware = {
  async onResponse({ request, response, schemaPath }) {
    const method = request.method.toLowerCase();
    const documented = DOC.paths[schemaPath]?.[method]?.responses ?? {};
    const name = `${request.method} ${schemaPath}`;
    const answer = documented[String(response.status)];
    if (!answer) throw new Error(`${name} answered ${response.status}, which the document does not list`);
    const schema = answer.content?.['application/json']?.schema;
    if (!schema || !response.headers.get('content-type')?.includes('application/json')) return;
    const problems = schemaProblems(DOC, await response.clone().json(), schema);
    if (problems.length > 0)
      throw new Error(`${name} ${response.status} differs from the document:\n${problems.join('\n')}`);
  },
};

const OPERATIONS = new Map<string, Record<string, ResponseDoc>>(
  Object.values(DOC.paths).flatMap((item) =>
    Object.values(item).map((op) => [(op as { operationId?: string }).operationId ?? '', op.responses] as const),
  ),
);

/**
 * What a handler's answer does not share with the document (empty when it conforms): the body checked against the
 * schema of the operation's documented 2xx answer, found by its operation id (`Controller_method`).
 */
export function answerProblems(operationId: string, status: number, body: unknown): string[] {
  const responses = OPERATIONS.get(operationId);
  if (!responses) return [`${operationId}: not in the document`];
  const answer = responses[String(status)];
  if (!answer) return [`${operationId}: answers ${status}, which the document does not list`];
  const schema = answer.content?.['application/json']?.schema;
  if (!schema || body === undefined || typeof body === 'string') return [];
  return schemaProblems(DOC, JSON.parse(JSON.stringify(body)), schema).map((p) => `${operationId} ${status}: ${p}`);
}

/**
 * What a handler's streamed answer (a file: an export, a download) does not share with the document: the operation's
 * documented answer for the status must offer a media type other than JSON, and the one the answer was sent as
 * (any, when it documents application/octet-stream).
 */
export function fileAnswerProblems(operationId: string, status: number, mediaType: string | undefined): string[] {
  const responses = OPERATIONS.get(operationId);
  if (!responses) return [`${operationId}: not in the document`];
  const answer = responses[String(status)];
  if (!answer) return [`${operationId}: answers ${status}, which the document does not list`];
  const documented = Object.keys(answer.content ?? {});
  const files = documented.filter((t) => t !== 'application/json');
  if (files.length === 0) return [`${operationId} ${status}: streams a file, documented as JSON only`];
  const sent = (mediaType ?? '').split(';')[0].trim().toLowerCase();
  const anyType = documented.includes('application/octet-stream'); // a download of whatever was uploaded
  if (sent && !anyType && !documented.some((t) => t.toLowerCase() === sent))
    return [`${operationId} ${status}: sent as ${sent}, documented as ${documented.join(', ')}`];
  return [];
}
