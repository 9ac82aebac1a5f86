import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSmtpUrl, SmtpError, sendMail } from './smtp.ts';
import { parseReceivedMail, startTestSmtpServer, type TestSmtpServer } from './smtp-test-server.ts';

const subject = '【つながり】新しい相談が届きました（髙橋・山﨑）';
const text =
  '新しい相談が届きました。内容はシステムで確認してください: https://city.example.jp/console/x\n.先頭のドット\n';

let server: TestSmtpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A throw-away certificate for 127.0.0.1 (openssl ships with the Debian images we run on). */
function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tsunagari-smtp-tls-'));
  try {
    const [keyFile, certFile] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
    const subject = ['-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'];
    const keyType = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
    execFileSync(
      'openssl',
      ['req', '-x509', ...keyType, '-nodes', '-days', '1', ...subject, '-keyout', keyFile, '-out', certFile],
      {
        stdio: 'ignore',
      },
    );
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const settingsFor = (url: string) => ({ ...parseSmtpUrl(url), timeoutMs: 5_000 });

describe('SMTP client against an in-test server', () => {
  it('delivers subject and body with the Japanese text intact', async () => {
    server = await startTestSmtpServer();
    await sendMail(settingsFor(`smtp://127.0.0.1:${server.port}`), {
      from: 'noreply@city.example.jp',
      to: 'staff@city.example.jp',
      subject,
      text,
    });
    expect(server.received).toHaveLength(1);
    const [mail] = server.received;
    expect(mail!.from).toBe('noreply@city.example.jp');
    expect(mail!.to).toEqual(['staff@city.example.jp']);
    const parsed = parseReceivedMail(mail!.data);
    expect(parsed.subject).toBe(subject);
    expect(parsed.text).toBe(text.replace(/\n/g, '\r\n'));
    expect(parsed.headers.get('to')).toBe('staff@city.example.jp');
    expect(server.commands.at(-1)).toBe('QUIT');
  });

  it('authenticates with AUTH PLAIN', async () => {
    server = await startTestSmtpServer({ auth: { user: 'relay', password: 'pa:ss' } });
    await sendMail(settingsFor(`smtp://relay:pa%3Ass@127.0.0.1:${server.port}`), {
      from: 'noreply@city.example.jp',
      to: 'staff@city.example.jp',
      subject: 'test',
      text: 'テスト',
    });
    expect(server.received[0]?.user).toBe('relay');
  });

  it('reports a refused recipient as a permanent failure with a code, not the server text', async () => {
    server = await startTestSmtpServer({ rejectRecipient: { contains: 'nobody', code: 550 } });
    const error = await sendMail(settingsFor(`smtp://127.0.0.1:${server.port}`), {
      from: 'noreply@city.example.jp',
      to: 'nobody@city.example.jp',
      subject: 'x',
      text: 'x',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmtpError);
    expect(error).toMatchObject({ code: 'smtp_rcpt_550', permanent: true });
    expect((error as Error).message).not.toContain('nobody');
    expect(server.received).toHaveLength(0);
  });

  it('reports a 4xx reply as temporary', async () => {
    server = await startTestSmtpServer({ mailFromCode: 451 });
    await expect(
      sendMail(settingsFor(`smtp://127.0.0.1:${server.port}`), {
        from: 'noreply@city.example.jp',
        to: 'staff@city.example.jp',
        subject: 'x',
        text: 'x',
      }),
    ).rejects.toMatchObject({ code: 'smtp_mail_451', permanent: false });
  });

  it('reports a closed port as a temporary connection failure', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(
      sendMail(settingsFor(`smtp://127.0.0.1:${port}`), {
        from: 'noreply@city.example.jp',
        to: 'staff@city.example.jp',
        subject: 'x',
        text: 'x',
      }),
    ).rejects.toMatchObject({ code: 'smtp_connection_refused', permanent: false });
  });

  it('upgrades with STARTTLS when offered, before authenticating', async () => {
    const { key, cert } = selfSignedCertificate();
    server = await startTestSmtpServer({ tls: { key, cert }, auth: { user: 'relay', password: 'secret' } });
    await sendMail(
      { ...settingsFor(`smtp://relay:secret@127.0.0.1:${server.port}`), ca: cert },
      { from: 'noreply@city.example.jp', to: 'staff@city.example.jp', subject, text: 'TLS 経由の本文' },
    );
    expect(server.commands.slice(0, 3).map((c) => c.split(' ')[0])).toEqual(['EHLO', 'STARTTLS', 'EHLO']);
    expect(server.received[0]).toMatchObject({ secure: true, user: 'relay' });
    expect(parseReceivedMail(server.received[0]!.data).text).toBe('TLS 経由の本文');
  });

  it('refuses a server certificate it does not trust (permanent: retrying cannot help)', async () => {
    server = await startTestSmtpServer({ tls: selfSignedCertificate() });
    await expect(
      sendMail(settingsFor(`smtp://127.0.0.1:${server.port}`), {
        from: 'noreply@city.example.jp',
        to: 'staff@city.example.jp',
        subject: 'x',
        text: 'x',
      }),
    ).rejects.toMatchObject({ code: 'smtp_tls_certificate', permanent: true });
    expect(server.received).toHaveLength(0);
  });
});
