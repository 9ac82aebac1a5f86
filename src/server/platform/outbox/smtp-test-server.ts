import net from 'node:net';
import tls from 'node:tls';

/**
 * A tiny SMTP server on 127.0.0.1 for tests (not used by the application): enough of RFC 5321
 * to receive what our client sends, with switches to refuse a recipient or fail temporarily.
 */
export type ReceivedMail = {
  from: string;
  to: string[];
  /** The DATA section with dot-stuffing undone. */
  data: string;
  /** The user that authenticated, if any. */
  user: string | undefined;
  /** Whether the session had been upgraded with STARTTLS when the message arrived. */
  secure: boolean;
};

export type TestSmtpServer = {
  port: number;
  received: ReceivedMail[];
  /** Every command line received (AUTH tokens included), for protocol assertions. */
  commands: string[];
  close(): Promise<void>;
};

export type TestSmtpOptions = {
  /** Accept AUTH PLAIN with these credentials (and advertise it). */
  auth?: { user: string; password: string };
  /** Advertise STARTTLS with this certificate. */
  tls?: { key: string; cert: string };
  /** Reply to RCPT TO for addresses containing this text with the given code. */
  rejectRecipient?: { contains: string; code: number };
  /** Reply to MAIL FROM with this code (e.g. 451 for a temporary failure). */
  mailFromCode?: number;
};

export async function startTestSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const commands: string[] = [];
  const sockets = new Set<net.Socket>();

  const server = net.createServer((raw) => {
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    let socket: net.Socket = raw;
    let secure = false;
    let buffer = '';
    let inData = false;
    let user: string | undefined;
    let from = '';
    let to: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);

    const onLine = (line: string) => {
      if (inData) {
        if (line === '.') {
          inData = false;
          const data = buffer;
          buffer = '';
          received.push({ from, to, data, user, secure });
          reply('250 2.0.0 queued');
          return;
        }
        buffer += `${line.startsWith('..') ? line.slice(1) : line}\r\n`;
        return;
      }
      commands.push(line);
      const verb = line.split(' ')[0]!.toUpperCase();
      if (verb === 'EHLO' || verb === 'HELO') {
        const lines = ['test.smtp.local'];
        if (options.tls && !secure) lines.push('STARTTLS');
        if (options.auth) lines.push('AUTH PLAIN');
        lines.push('8BITMIME');
        for (const [i, text] of lines.entries()) reply(`250${i === lines.length - 1 ? ' ' : '-'}${text}`);
      } else if (verb === 'STARTTLS' && options.tls) {
        reply('220 2.0.0 ready to start TLS');
        socket.removeAllListeners('data');
        const upgraded = new tls.TLSSocket(socket, {
          isServer: true,
          secureContext: tls.createSecureContext({ key: options.tls.key, cert: options.tls.cert }),
        });
        upgraded.on('error', () => {});
        socket = upgraded;
        secure = true;
        listen(upgraded);
      } else if (verb === 'AUTH') {
        const token = line.split(' ')[2] ?? '';
        const [, name, password] = Buffer.from(token, 'base64').toString('utf8').split('\0');
        if (options.auth && name === options.auth.user && password === options.auth.password) {
          user = name;
          reply('235 2.7.0 authenticated');
        } else {
          reply('535 5.7.8 authentication failed');
        }
      } else if (verb === 'MAIL') {
        if (options.mailFromCode) {
          reply(`${options.mailFromCode} try again later`);
          return;
        }
        from = /<([^>]*)>/.exec(line)?.[1] ?? '';
        to = [];
        reply('250 2.1.0 ok');
      } else if (verb === 'RCPT') {
        const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
        if (options.rejectRecipient && address.includes(options.rejectRecipient.contains)) {
          reply(`${options.rejectRecipient.code} 5.1.1 no such user here`);
          return;
        }
        to.push(address);
        reply('250 2.1.5 ok');
      } else if (verb === 'DATA') {
        inData = true;
        reply('354 end data with <CR><LF>.<CR><LF>');
      } else if (verb === 'QUIT') {
        reply('221 2.0.0 bye');
        socket.end();
      } else if (verb === 'RSET' || verb === 'NOOP') {
        reply('250 2.0.0 ok');
      } else {
        reply('502 5.5.2 command not recognised');
      }
    };

    let pending = '';
    const listen = (s: net.Socket) => {
      s.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        let index = pending.indexOf('\r\n');
        while (index >= 0) {
          const line = pending.slice(0, index);
          pending = pending.slice(index + 2);
          onLine(line);
          index = pending.indexOf('\r\n');
        }
      });
    };
    raw.on('error', () => {});
    listen(raw);
    reply('220 test.smtp.local ESMTP ready');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    received,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Splits a received message into headers and text, decoding the RFC 2047 subject and base64 body. */
export function parseReceivedMail(data: string): {
  headers: Map<string, string>;
  subject: string;
  text: string;
} {
  const split = data.indexOf('\r\n\r\n');
  const head = data.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const subject = (headers.get('subject') ?? '')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_m, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
  const text = Buffer.from(data.slice(split + 4).replace(/\r\n/g, ''), 'base64').toString('utf8');
  return { headers, subject, text };
}
