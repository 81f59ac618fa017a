/** Query parameters whose values never reach a log line: tokens, tickets, passwords, secrets, keys. */
const SECRET_PARAM = /token|ticket|password|secret|key|code_verifier/i;

export const REDACTED = '[Redacted]';

/**
 * A request URL fit for the log: the value of every query parameter that may carry a credential (`token`, `ticket`,
 * `access_token`, `refreshToken`, `password`, ...) replaced by [Redacted]; the path and other parameters are kept
 * as they came. Works on the raw text, so a malformed query is redacted too.
 */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // a malformed escape: judge the raw name
      }
      return SECRET_PARAM.test(decoded) && eq >= 0 ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

/**
 * Paths pino removes from every log line (request and response headers that carry credentials, secret fields of
 * bodies), whatever the logger that writes them.
 */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'req.body.password',
  'req.body.currentPassword',
  'req.body.newPassword',
  'req.body.user.password',
  'req.body.token',
  'res.body.oneTimePassword',
  'req.body.refreshToken',
  'req.body.ticket',
  'headers.authorization',
  'headers.cookie',
];
