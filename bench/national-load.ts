/**
 * The load generator of `bench/national.ts`, in its own process so that generating load does not
 * share an event loop with the servers it measures. Job as JSON on stdin: route classes, each with
 * its share of the concurrent connections and the requests it cycles through; all classes run at
 * once for the same seconds. Prints, per class, the completed requests, rate and latency quantiles.
 *
 * Every request carries an X-Forwarded-For from a pool of CROWD addresses, taken in turn (the bench
 * server trusts the loopback proxy): a burst of readers after a TV programme is thousands of people,
 * each under the public read limit, not one client. The limiter still counts every request in
 * PostgreSQL (reads batched per process, forms one by one), as it does in production; only its refusals
 * are kept out of the measurement.
 */
import autocannon from 'autocannon';

type Request = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };
type RouteClass = { name: string; connections: number; requests: Request[] };
type Job = { url: string; seconds: number; classes: RouteClass[] };

// 120 reads a minute per address (PUBLIC_READ_RATE_LIMIT): at up to ~3,000 req/s a pool of 65,000
// addresses keeps every one of them below it.
const CROWD = 65_000;
let nextAddress = 0;
function crowdAddress(): string {
  const n = nextAddress++ % CROWD;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const job = JSON.parse(input) as Job;

async function run(routeClass: RouteClass) {
  const latencies: number[] = [];
  const requests = routeClass.requests.map((r) => ({
    ...r,
    headers: { ...(r.body ? { 'content-type': 'application/json' } : {}), ...r.headers },
    setupRequest: (request: autocannon.Request) => ({
      ...request,
      headers: { ...request.headers, 'x-forwarded-for': crowdAddress() },
    }),
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
