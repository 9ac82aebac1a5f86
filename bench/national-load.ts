/**
 * The load generator of `bench/national.ts`, in its own process so that generating load does not
 * share an event loop with the servers it measures. Job as JSON on stdin: route classes, each with
 * its share of the concurrent connections and the requests it cycles through; all classes run at
 * once for the same seconds. Prints, per class, the completed requests, rate and latency quantiles.
 *
 * Public requests carry their own X-Forwarded-For (the bench server trusts the loopback proxy):
 * public reads are rate-limited per client address, and the bench measures serving, not the limiter.
 */
import autocannon from 'autocannon';

type Request = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };
type RouteClass = { name: string; connections: number; requests: Request[] };
type Job = { url: string; seconds: number; classes: RouteClass[] };

let input = '';
for await (const chunk of process.stdin) input += chunk;
const job = JSON.parse(input) as Job;

async function run(routeClass: RouteClass) {
  const latencies: number[] = [];
  const requests = routeClass.requests.map((r, i) => ({
    ...r,
    headers: {
      ...(r.body ? { 'content-type': 'application/json' } : {}),
      'x-forwarded-for': `10.${i % 250}.${Math.floor(i / 250) % 250}.${(i % 200) + 1}`,
      ...r.headers,
    },
  }));
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: job.url, connections: routeClass.connections, duration: job.seconds, requests },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
  return {
    name: routeClass.name,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / job.seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

process.stdout.write(JSON.stringify(await Promise.all(job.classes.map(run))));
