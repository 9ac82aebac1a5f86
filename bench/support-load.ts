/**
 * The load generator of `bench/support.ts`, in its own process so that generating load does not share
 * an event loop with the server it measures. Job as JSON in argv[2]; prints the result as JSON.
 * Each request goes to a person drawn from the job's list (timeline reads or note writes).
 */
import autocannon from 'autocannon';

type Job = {
  url: string;
  mode: 'read' | 'write';
  personIds: string[];
  headers: Record<string, string>;
  connections: number;
  seconds: number;
};

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const body = JSON.stringify({
  contactType: 'phone',
  occurredAt: '2026-11-20T10:00:00+09:00',
  durationMinutes: 15,
  participants: ['person', 'consultation_staff'],
  text: 'ベンチマークの記録です。電話で近況を聞いた。',
});
// A fixed, shuffled list of requests (autocannon cycles through it): every connection hits many persons.
const requests = job.personIds.map((id) =>
  job.mode === 'read'
    ? { method: 'GET', path: `/api/support/persons/${id}/timeline?limit=50`, headers: job.headers }
    : {
        method: 'POST',
        path: `/api/support/persons/${id}/notes`,
        headers: { ...job.headers, 'content-type': 'application/json' },
        body,
      },
);

const latencies: number[] = [];
let statuses: Record<number, number> = {};
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    { url: job.url, connections: job.connections, duration: job.seconds, requests },
    (error, done) => (error ? reject(error) : resolve(done)),
  );
  instance.on('response', (_client, status, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses = { ...statuses, [status]: (statuses[status] ?? 0) + 1 };
  });
});
latencies.sort((a, b) => a - b);
const at = (q: number) =>
  Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / job.seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    non2xx: result.non2xx,
    errors: result.errors,
    statuses,
  }),
);
