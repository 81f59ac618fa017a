'use strict';
/** Latency statistics over a list of milliseconds. */
function summarize(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p) => (s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null);
  const round = (v) => (v === null ? null : Math.round(v * 100) / 100);
  return {
    count: s.length,
    p50: round(q(50)),
    p95: round(q(95)),
    p99: round(q(99)),
    max: round(s[s.length - 1] ?? null),
  };
}

/** Runs `clients` async loops over their own work lists; returns requests/s and latencies. */
async function runClients(clients, work) {
  const latencies = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (const step of work(c)) {
        const t0 = process.hrtime.bigint();
        await step();
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    seconds: Math.round(seconds * 1000) / 1000,
    rate: Math.round((latencies.length / seconds) * 10) / 10,
    latency: summarize(latencies),
  };
}

module.exports = { summarize, runClients };
