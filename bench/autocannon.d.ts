/** The part of autocannon's API the bench uses (the package ships no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    type Request = {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      /** Called before each sending of this request; what it returns is sent. */
      setupRequest?: (request: Request) => Request;
    };
    type Options = { url: string; connections?: number; duration?: number; requests?: Request[] };
    type Result = {
      requests: { total: number; average: number };
      latency: Record<string, number>;
      non2xx: number;
      errors: number;
      timeouts: number;
    };
    type Instance = EventEmitter & {
      on(
        event: 'response',
        listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void,
      ): Instance;
    };
  }
  function autocannon(
    options: autocannon.Options,
    callback: (error: Error | null, result: autocannon.Result) => void,
  ): autocannon.Instance;
  export default autocannon;
}
