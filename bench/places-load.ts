/**
 * The load generator of `bench/places.ts`, run as its own process so that generating load does not
 * share an event loop with the server it measures. Reads its job as JSON from argv[2], prints
 * autocannon's result as JSON on stdout.
 *
 * Every request carries its own X-Forwarded-For (the server trusts the loopback proxy in the bench):
 * public reads are rate-limited per client address, and the bench measures search, not the limiter.
 */
import autocannon from 'autocannon';

type Job = { url: string; paths: string[]; connections: number; seconds: number };

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const requests = job.paths.flatMap((path, i) =>
  Array.from({ length: 25 }, (_, k) => ({
    method: 'GET' as const,
    path,
    headers: {
      'x-forwarded-for': `10.${(i * 25 + k) % 250}.${Math.floor((i * 25 + k) / 250) % 250}.${k + 1}`,
    },
  })),
);

const latencies: number[] = [];
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    { url: job.url, connections: job.connections, duration: job.seconds, requests },
    (error, done) => (error ? reject(error) : resolve(done)),
  );
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
});
latencies.sort((a, b) => a - b);
const at = (q: number) =>
  Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    seconds: job.seconds,
    requestsPerSecond: result.requests.total / job.seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }),
);
