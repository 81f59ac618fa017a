'use strict';
const { spawn } = require('child_process');
const fs = require('fs');

/** Starts one of the built apps as a child process with the bench environment. */
function startApp(name, env, logFile) {
  const out = fs.openSync(logFile, 'a');
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=bench/results/prof", profiles the apps under load
  // the same heap limit as `npm start` (NODE_HEAP_MB, default 192)
  // and the same young-generation cap (NODE_SEMI_SPACE_MB, default 16): on Node 24 an uncapped one grew the worker past 250 MB
  const nodeArgs = [
    `--max-old-space-size=${process.env.NODE_HEAP_MB ?? 192}`,
    `--max-semi-space-size=${process.env.NODE_SEMI_SPACE_MB ?? 16}`,
    ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const child = spawn(process.execPath, [...nodeArgs, `dist/apps/${name}/apps/${name}/src/main.js`], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  child.on('exit', (code, signal) => {
    if (!child.stopping) console.error(`[bench] ${name} exited unexpectedly (${code ?? signal}); see ${logFile}`);
  });
  return child;
}

async function stopApp(child) {
  if (!child || child.exitCode !== null) return;
  child.stopping = true;
  child.kill('SIGTERM');
  await new Promise((resolve) => {
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 10_000);
    child.on('exit', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** Peak resident set size (VmHWM) of a running process, in MB. */
function peakRssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** A postgres backend of `db`: its title is "postgres: <cluster>: <user> <db> <host>(<port>) <activity>". */
function ownBackend(pid, db) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(' ')[3] === db;
  } catch {
    return false;
  }
}

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

/**
 * CPU time (ms) used so far by every process of interest, by pid: the API, the worker, each postgres and
 * redis-server process; and this process's own. With `pids.db`, postgres counts only the backends connected to that
 * database (their title names it): other databases' backends and the server's own processes (checkpointer, WAL
 * writer, autovacuum) are left out, so other work on a shared machine does not land in the benchmark's figures.
 */
function cpuSnapshot(pids) {
  const byPid = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(entry);
    const group =
      pid === pids.api
        ? 'api'
        : pid === pids.worker
          ? 'worker'
          : comm.startsWith('postgres')
            ? !pids.db || ownBackend(entry, pids.db)
              ? 'postgres'
              : null
            : comm.startsWith('redis-server')
              ? 'redis'
              : null;
    if (group) byPid.set(pid, { group, ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS }); // utime + stime
  }
  const own = process.cpuUsage();
  return { byPid, bench: (own.user + own.system) / 1000 };
}

/**
 * CPU ms per operation for each group between two snapshots. A process that ended in between (an idle database
 * connection closed by its pool) is left out, so the figures can only err low, never go negative.
 */
function cpuPerOp(before, after, ops) {
  const totals = { api: 0, worker: 0, postgres: 0, redis: 0, bench: after.bench - before.bench };
  for (const [pid, { group, ms }] of after.byPid) totals[group] += ms - (before.byPid.get(pid)?.ms ?? 0);
  const out = {};
  for (const k of Object.keys(totals)) out[k] = Math.round((totals[k] / ops) * 100) / 100;
  return out;
}

module.exports = { startApp, stopApp, peakRssMb, cpuSnapshot, cpuPerOp };
