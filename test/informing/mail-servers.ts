import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  data: string;
}

/**
 * A real SMTP server in this process (smtp-server), plain and without auth,
 * that keeps what it accepted. `reject` decides per recipient: a code
 * (e.g. 451 temporary, 550 permanent) refuses it.
 */
export async function startSmtp(reject: (address: string) => number | null = () => null) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = reject(address.address);
      if (code) {
        const error = new Error(`refused ${address.address}`) as Error & { responseCode: number };
        error.responseCode = code;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = ((server as unknown as { server: Server }).server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** An SMS gateway's webhook: keeps the JSON bodies and headers it got; `status` answers each (200 by default). */
export async function startWebhook(status: (body: any) => number = () => 200) {
  const received: { body: any; idempotencyKey: string | undefined }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const code = status(body);
      if (code < 300) received.push({ body, idempotencyKey: req.headers['idempotency-key'] as string | undefined });
      res.statusCode = code;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/sms`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The opt-out link in a message (quoted-printable soft breaks undone). */
export function optOutLink(mail: string): string {
  const text = mail.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const match = /https?:\/\/[^\s<>]+\/notifications\/opt-out\?token=[A-Za-z0-9_-]+/.exec(text);
  if (!match) throw new Error('no opt-out link in the message');
  return match[0];
}
