/**
 * The benches' SMTP server in a process of its own (announcements.bench.ts
 * forks it), so that the server's CPU is not the drain's: smtp-server on
 * 127.0.0.1, any port, accepting every message. It tells its parent the port
 * ({ port }), and answers { count: true } with how many messages it accepted
 * and the CPU it has used ({ accepted, cpuMs }).
 */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo, Server } from 'node:net';

let accepted = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      accepted++;
      callback();
    });
  },
});
smtp.listen(0, '127.0.0.1', () => {
  const port = ((smtp as unknown as { server: Server }).server.address() as AddressInfo).port;
  process.send!({ port });
});
process.on('message', (message: { count?: boolean; stop?: boolean }) => {
  if (message.count) {
    const cpu = process.cpuUsage();
    process.send!({ accepted, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  if (message.stop) smtp.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
