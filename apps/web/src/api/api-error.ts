/** An error the API answered, in its global filter's shape: `error` (the code), `message`, `fields`, `errorId`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: string[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static from(status: number, body: unknown): ApiError {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const code = typeof b.error === 'string' ? b.error : status >= 500 ? 'INTERNAL' : `HTTP_${status}`;
    const message = typeof b.message === 'string' ? b.message : typeof body === 'string' ? body : '';
    const fields = Array.isArray(b.fields) ? b.fields.filter((f): f is string => typeof f === 'string') : [];
    return new ApiError(status, code, message, fields, b);
  }
}

/** Any thrown value as an ApiError (a network failure becomes NETWORK). */
export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
}
