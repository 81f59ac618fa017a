import { ChildProcess, spawn } from 'child_process';
import { join } from 'path';
import { sleep } from './apps';

const ROOT = join(__dirname, '..', '..');

/**
 * An app as its own operating-system process (apps/<app>/src/main.ts through ts-node), on a random port, its JSON
 * log kept for assertions.
 */
export class AppProcess {
  readonly child: ChildProcess;
  readonly port = 40_000 + Math.floor(Math.random() * 10_000);
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private log = '';

  constructor(
    readonly app: 'api' | 'worker',
    env: Record<string, string>,
  ) {
    const portVariable = app === 'api' ? 'PORT' : 'WORKER_PORT';
    this.child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', `apps/${app}/src/main.ts`],
      {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'info', [portVariable]: String(this.port), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child.stdout!.on('data', (b: Buffer) => (this.log += b.toString()));
    this.child.stderr!.on('data', (b: Buffer) => (this.log += b.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Waits for /health to answer 200 and returns its body. */
  async ready(timeoutMs = 60_000): Promise<{ status: string; info: Record<string, { status: string }> }> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        throw new Error(`${this.app} exited with ${this.child.exitCode ?? this.child.signalCode}:\n${this.log}`);
      try {
        const res = await fetch(`${this.url}/health`);
        if (res.status === 200) return (await res.json()) as never;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`${this.app} not healthy after ${timeoutMs} ms:\n${this.log}`);
  }

  /** The log lines (pino JSON) that parse. */
  lines(): Record<string, unknown>[] {
    return this.log
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          return {};
        }
      });
  }

  kill(signal: NodeJS.Signals): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
  }
}

/** The worker (apps/worker/src/main.ts) as its own process. */
export class WorkerProcess extends AppProcess {
  constructor(env: Record<string, string>) {
    super('worker', env);
  }
}

/** The API (apps/api/src/main.ts) as its own process: one process, whatever API_PROCESSES says. */
export class ApiProcess extends AppProcess {
  constructor(env: Record<string, string>) {
    super('api', { API_PROCESSES: '1', ...env });
  }
}
