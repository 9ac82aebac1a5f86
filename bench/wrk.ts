import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Measure } from './directory.ts';

/**
 * wrk (C, one thread; Debian: `apt-get install wrk`) as the HTTP load generator where it is installed.
 * On a 2-core machine the generator shares the cores with the server it measures, and a Node
 * generator (autocannon) spent about as much CPU per request as the server answering it: it lowered
 * the HTTP figures it was meant to measure, and the more so the cheaper the answer. The benchmarks
 * fall back to their Node generator, and say so in their report, where wrk is missing.
 */
export const WRK = ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((p) => existsSync(p));

const WRK_SCRIPTS = fileURLToPath(new URL('./wrk/', import.meta.url));

/**
 * Runs wrk with bench/wrk/crowd.lua (public reads from a crowd of addresses; it prints one JSON line of
 * figures) for `seconds` at `connections` over `paths`, sending `acceptEncoding` if given.
 */
export async function runWrk(options: {
  url: string;
  paths: readonly string[];
  acceptEncoding?: string;
  connections: number;
  seconds: number;
}): Promise<Measure> {
  if (!WRK) throw new Error('wrk is not installed (apt-get install wrk)');
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      WRK,
      [
        '-t1',
        `-c${options.connections}`,
        `-d${options.seconds}s`,
        '-s',
        path.join(WRK_SCRIPTS, 'crowd.lua'),
        options.url,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: {
          ...process.env,
          PATHS: options.paths.join('\n'),
          ...(options.acceptEncoding ? { ENCODING: options.acceptEncoding } : {}),
        },
      },
    );
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}`))));
  });
  const line = out.split('\n').find((l) => l.startsWith('{"requests"'));
  if (!line) throw new Error(`wrk printed no figures:\n${out}`);
  const r = JSON.parse(line) as Measure & { seconds: number };
  return {
    requests: r.requests,
    requestsPerSecond: r.requests / r.seconds,
    p50: r.p50,
    p95: r.p95,
    p99: r.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}
