import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, operations, paths } from './schema';
export type ApiClient = Client<paths>;
/** A view or DTO of the API by its schema name, e.g. `Schema<'ApplicationDetailView'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/**
 * A client of the API typed by its OpenAPI document (libs/api-client/openapi.json, `npm run openapi`): paths,
 * parameters, bodies and answers are checked by the compiler. `token` is sent as a bearer token; `fetch` may be
 * replaced (tests).
 */
export function createApiClient(
  baseUrl: string,
  token?: string,
  options: Omit<ClientOptions, 'baseUrl'> = {},
): ApiClient {
  return createClient<paths>({
    ...options,
    baseUrl,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(options.headers ?? {}) },
  });
}
