'use strict';
const http = require('http');

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** A JSON request over a keep-alive connection; rejects on a status other than `expect` (a status or a list). */
function request(port, method, path, { token, body, expect = 200 } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (![expect].flat().includes(res.statusCode))
            return reject(
              new Error(
                `${method} ${path}${body?.username ? ` as ${body.username}` : ''} → ${res.statusCode}: ${text.slice(0, 300)}`,
              ),
            );
          try {
            resolve(text ? JSON.parse(text) : null);
          } catch {
            resolve(text);
          }
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** BENCH_HEALTH_TIMEOUT_MS: how long a started process may take to answer /health (a loaded machine boots slowly) */
async function waitForHealth(port, timeoutMs = Number(process.env.BENCH_HEALTH_TIMEOUT_MS ?? 30_000)) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await request(port, 'GET', '/health');
      return;
    } catch (e) {
      if (Date.now() > until) throw new Error(`no healthy answer on port ${port}: ${e.message}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

module.exports = { request, waitForHealth, agent };
