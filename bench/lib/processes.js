'use strict';
const { spawn } = require('child_process');
const fs = require('fs');

/** Starts one of the built apps as a child process with the bench environment. */
function startApp(name, env, logFile) {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [`dist/apps/${name}/apps/${name}/src/main.js`], {
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

module.exports = { startApp, stopApp, peakRssMb };
