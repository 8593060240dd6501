/**
 * The benchmark's SMTP sink, a process of its own: takes every message and counts it. Tells the
 * parent its port ({ port }) and answers { count } whenever asked ('count').
 */
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  // No reverse DNS lookup of each client: it would measure this machine's resolver, not the path.
  disableReverseLookup: true,
  onData(stream, _session, callback) {
    stream.resume();
    stream.on('end', () => {
      received += 1;
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.server.address() as AddressInfo).port });
});
process.on('message', (message) => {
  if (message === 'count') {
    process.send?.({ count: received });
  }
});
process.on('disconnect', () => process.exit(0));
