import { randomUUID } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import tls from 'node:tls';

/**
 * A minimal SMTP submission client (RFC 5321) over node:net / node:tls: EHLO, STARTTLS when the
 * server offers it, optional AUTH PLAIN, one recipient, a UTF-8 text/plain body in base64.
 * Enough for the few notification mails Tsunagari sends; no package needed.
 *
 * SMTP_URL forms:
 *   smtp://host:587                          plain connection, upgraded with STARTTLS when offered
 *   smtp://user:pass@host:587?from=a@b.jp    with AUTH PLAIN (refused over an unencrypted non-loopback link)
 *   smtps://user:pass@host:465               TLS from the first byte
 * `from` (query) is the sender address; without it `noreply@<host of PUBLIC_URL>` is used.
 * Private CAs: NODE_EXTRA_CA_CERTS, as for any Node TLS client.
 */
export type SmtpSettings = {
  host: string;
  port: number;
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
  from: string | undefined;
  timeoutMs: number;
  /** Extra trusted CA certificates (PEM) in addition to Node's; not settable from SMTP_URL (use NODE_EXTRA_CA_CERTS). */
  ca?: string;
};

export type MailMessage = { from: string; to: string; subject: string; text: string };

/**
 * Failures carry a code, never the server's text (which often echoes addresses).
 * `permanent` (5xx replies, bad settings) means retrying cannot help.
 */
export class SmtpError extends Error {
  override name = 'SmtpError';
  readonly code: string;
  readonly permanent: boolean;
  constructor(code: string, permanent: boolean) {
    super(code);
    this.code = code;
    this.permanent = permanent;
  }
}

export function parseSmtpUrl(raw: string): SmtpSettings {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('SMTP_URL is not a URL (expected smtp://… or smtps://…).');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error('SMTP_URL must start with smtp:// or smtps://.');
  }
  const secure = url.protocol === 'smtps:';
  const from = url.searchParams.get('from') ?? undefined;
  if (from !== undefined && !isMailAddress(from))
    throw new Error('SMTP_URL "from" is not an e-mail address.');
  const timeout = Number(url.searchParams.get('timeout_ms') ?? 30_000);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    from,
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : 30_000,
  };
}

const LOCAL_PART = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$/;
const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/**
 * A plain ASCII address without display name (no SMTPUTF8). Whitespace, CR, LF, `<` and `>` can
 * never pass, so an address cannot inject SMTP commands or headers.
 */
export function isMailAddress(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (value.length > 254 || at <= 0) return false;
  return LOCAL_PART.test(value.slice(0, at)) && DOMAIN.test(value.slice(at + 1));
}

/**
 * RFC 2047 "B" encoding for a header value. Each encoded word stays within 75 characters and
 * holds whole UTF-8 characters, so every word decodes on its own (as mail clients require).
 */
export function encodeHeaderWord(value: string): string {
  // Plain ASCII goes as is, unless it starts or ends with a space: header parsing would trim that.
  if (/^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/.test(value) && !value.includes('=?')) return value;
  const prefix = '=?UTF-8?B?';
  const suffix = '?=';
  // 75 - 12 characters of wrapper leave 63 for base64, i.e. 45 bytes of text per word (63 → 60 → 45).
  const maxBytes = 45;
  const words: string[] = [];
  let chunk: Buffer[] = [];
  let size = 0;
  for (const char of value) {
    const bytes = Buffer.from(char, 'utf8');
    if (size + bytes.length > maxBytes && chunk.length > 0) {
      words.push(prefix + Buffer.concat(chunk).toString('base64') + suffix);
      chunk = [];
      size = 0;
    }
    chunk.push(bytes);
    size += bytes.length;
  }
  if (chunk.length > 0) words.push(prefix + Buffer.concat(chunk).toString('base64') + suffix);
  // Folding whitespace between encoded words is ignored by decoders, so the subject stays unbroken.
  return words.join('\r\n ');
}

/** Base64 of the UTF-8 text, in lines of 76 characters (RFC 2045). */
export function base64Lines(text: string): string {
  const encoded = Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64');
  return encoded.match(/.{1,76}/g)?.join('\r\n') ?? '';
}

/** A line that starts with "." gets another one, so it cannot end the DATA section early (RFC 5321 4.5.2). */
export function dotStuff(data: string): string {
  return data.replace(/(^|\r\n)\./g, '$1..');
}

export function buildMessage(
  message: MailMessage,
  options: { date?: Date; messageIdHost?: string } = {},
): string {
  const domain = options.messageIdHost ?? message.from.split('@')[1] ?? 'localhost';
  const headers = [
    `From: ${message.from}`,
    `To: ${message.to}`,
    `Subject: ${encodeHeaderWord(message.subject)}`,
    `Date: ${(options.date ?? new Date()).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    'Auto-Submitted: auto-generated',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${base64Lines(message.text)}\r\n`;
}

type Reply = { code: number; lines: string[] };

/** Reads CRLF-terminated reply lines from a socket and groups multi-line replies ("250-…" … "250 …"). */
class ReplyReader {
  private buffer = '';
  private lines: string[] = [];
  private waiting: { resolve(reply: Reply): void; reject(error: Error): void } | undefined;
  private failure: Error | undefined;

  attach(socket: net.Socket): void {
    // Bytes, not a string encoding on the socket: STARTTLS later hands this same socket to TLS.
    // Latin-1 maps bytes one to one; replies are read for their codes and keywords only.
    socket.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('latin1');
      let index = this.buffer.indexOf('\r\n');
      while (index >= 0) {
        this.lines.push(this.buffer.slice(0, index));
        this.buffer = this.buffer.slice(index + 2);
        index = this.buffer.indexOf('\r\n');
      }
      this.deliver();
    });
  }

  fail(error: Error): void {
    this.failure ??= error;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(this.failure);
  }

  next(): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.deliver();
    });
  }

  private deliver(): void {
    if (!this.waiting) return;
    const end = this.lines.findIndex((line) => /^\d{3}(?: |$)/.test(line));
    if (end < 0) return;
    const replyLines = this.lines.splice(0, end + 1);
    const code = Number(replyLines.at(-1)!.slice(0, 3));
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting.resolve({ code, lines: replyLines.map((line) => line.slice(4)) });
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function ehloName(): string {
  const name = os.hostname().replace(/[^A-Za-z0-9.-]/g, '');
  return name.includes('.') ? name : `[127.0.0.1]`;
}

function networkError(error: unknown): SmtpError {
  if (error instanceof SmtpError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return new SmtpError('smtp_connection_refused', false);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new SmtpError('smtp_host_not_found', false);
  if (typeof code === 'string' && code.startsWith('ERR_TLS')) return new SmtpError('smtp_tls_failed', false);
  if (typeof code === 'string' && /CERT|SELF_SIGNED/.test(code))
    return new SmtpError('smtp_tls_certificate', true);
  return new SmtpError('smtp_connection_failed', false);
}

/** Sends one message; resolves when the server has accepted it (250 after DATA). */
export async function sendMail(settings: SmtpSettings, message: MailMessage): Promise<void> {
  if (!isMailAddress(message.from) || !isMailAddress(message.to))
    throw new SmtpError('smtp_invalid_address', true);
  if (/[\r\n]/.test(message.subject)) throw new SmtpError('smtp_invalid_subject', true);

  let socket: net.Socket = await connect(settings);
  let reader = new ReplyReader();
  const watch = (s: net.Socket, r: ReplyReader) => {
    s.setTimeout(settings.timeoutMs, () => {
      r.fail(new SmtpError('smtp_timeout', false));
      s.destroy();
    });
    s.on('error', (error) => r.fail(networkError(error)));
    s.on('close', () => r.fail(new SmtpError('smtp_connection_closed', false)));
    r.attach(s);
  };
  watch(socket, reader);
  let secure = settings.secure;

  const expect = async (accepted: number[], step: string): Promise<Reply> => {
    const reply = await reader.next();
    if (!accepted.includes(reply.code)) {
      throw new SmtpError(`smtp_${step}_${reply.code}`, reply.code >= 500 && reply.code < 600);
    }
    return reply;
  };
  const command = async (line: string, accepted: number[], step: string): Promise<Reply> => {
    socket.write(`${line}\r\n`);
    return expect(accepted, step);
  };

  try {
    await expect([220], 'greeting');
    let capabilities = (await command(`EHLO ${ehloName()}`, [250], 'ehlo')).lines.map((l) => l.toUpperCase());

    if (!secure && capabilities.some((c) => c.startsWith('STARTTLS'))) {
      await command('STARTTLS', [220], 'starttls');
      const plain = socket;
      plain.removeAllListeners('data');
      plain.removeAllListeners('close');
      plain.setTimeout(0);
      socket = await upgrade(plain, settings);
      reader = new ReplyReader();
      watch(socket, reader);
      secure = true;
      capabilities = (await command(`EHLO ${ehloName()}`, [250], 'ehlo')).lines.map((l) => l.toUpperCase());
    }

    if (settings.user !== undefined) {
      // Credentials never cross a network in clear text; a local relay on loopback is the exception.
      if (!secure && !isLoopback(settings.host)) throw new SmtpError('smtp_auth_requires_tls', true);
      if (!capabilities.some((c) => c.startsWith('AUTH') && /\bPLAIN\b/.test(c))) {
        throw new SmtpError('smtp_auth_plain_unsupported', true);
      }
      const token = Buffer.from(`\0${settings.user}\0${settings.password ?? ''}`, 'utf8').toString('base64');
      await command(`AUTH PLAIN ${token}`, [235], 'auth');
    }

    await command(`MAIL FROM:<${message.from}>`, [250], 'mail');
    await command(`RCPT TO:<${message.to}>`, [250, 251], 'rcpt');
    await command('DATA', [354], 'data');
    socket.write(`${dotStuff(buildMessage(message))}.\r\n`);
    await expect([250], 'message');
    // The message is accepted; a failed QUIT must not turn that into an error (and a resend).
    await command('QUIT', [221], 'quit').catch(() => {});
  } catch (error) {
    throw networkError(error);
  } finally {
    socket.destroy();
  }
}

function tlsOptions(settings: SmtpSettings): tls.ConnectionOptions {
  return {
    servername: net.isIP(settings.host) ? undefined : settings.host,
    ...(settings.ca ? { ca: [...tls.rootCertificates, settings.ca] } : {}),
  };
}

function connect(settings: SmtpSettings): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(networkError(error));
    const socket = settings.secure
      ? tls.connect({ host: settings.host, port: settings.port, ...tlsOptions(settings) })
      : net.connect({ host: settings.host, port: settings.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new SmtpError('smtp_timeout', false));
    }, settings.timeoutMs);
    socket.once('error', onError);
    socket.once(settings.secure ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

function upgrade(plain: net.Socket, settings: SmtpSettings): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    // `host` here only names the peer for the certificate check (the socket is already connected).
    const socket = tls.connect({ socket: plain, host: settings.host, ...tlsOptions(settings) });
    socket.once('error', (error) => reject(networkError(error)));
    socket.once('secureConnect', () => resolve(socket));
  });
}
