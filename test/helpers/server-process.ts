import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A Tsunagari server started as a real process, as an operator starts it. */
export type ServerProcess = {
  child: ChildProcess;
  /** Known once the server says it is ready (it is started with PORT=0). */
  port: number;
  /** Its stdout and stderr, line by line. */
  output: string[];
  exited: Promise<number | null>;
};

/**
 * Starts `node <script>` from the project's root on a port of the system's choosing (PORT=0), read
 * from the server's ready line. A port chosen here and released before the seconds of start-up could
 * be taken meanwhile by another process: the API tiers and the browser tier run side by side.
 */
export function spawnServer(script: string, env: NodeJS.ProcessEnv): ServerProcess {
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server: ServerProcess = { child, port: 0, output: [], exited: Promise.resolve(null) };
  const record = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      server.output.push(line);
      const ready = /\[tsunagari\] ready: http:\/\/[^:]+:(\d+)/.exec(line);
      if (ready && server.port === 0) server.port = Number(ready[1]);
    }
  };
  child.stdout!.on('data', record);
  child.stderr!.on('data', record);
  server.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return server;
}

/** Waits for a 200 from /healthz; fails with the server's output if it exits first. */
export async function untilHealthy(server: ServerProcess): Promise<void> {
  for (;;) {
    if (server.child.exitCode !== null)
      throw new Error(`server exited (${server.child.exitCode}):\n${server.output.join('\n')}`);
    const ok =
      server.port !== 0 &&
      (await fetch(`http://127.0.0.1:${server.port}/healthz`)
        .then((r) => r.ok)
        .catch(() => false));
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** SIGTERM, as a service manager stops it; SIGKILL if it has not exited 20 s later. */
export async function stopServer(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 20_000);
  await server.exited;
  clearTimeout(timer);
}
