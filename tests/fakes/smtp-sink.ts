// A real SMTP server on 127.0.0.1 (smtp-server) that keeps what it accepted, parsed by mailparser,
// with the faults tests need: refuse a mailbox for good (550), defer it (451), refuse the
// credentials (535), or swallow a message without ever answering (the hand-off stays unknown).
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface SinkOptions {
  /** When set, AUTH is required with these credentials. */
  user?: string;
  password?: string;
  /** Port to listen on (0: any free port). */
  port?: number;
}

export interface SmtpSink {
  port: number;
  /** Messages accepted (250 after DATA), parsed, in arrival order. */
  received: ParsedMail[];
  /** Recipients refused for good with 550. */
  rejectMailbox(address: string): void;
  /** Recipients deferred with 451 (each time) until cleared. */
  deferMailbox(address: string): void;
  clearFaults(): void;
  /** The next messages are read but never answered: the client cannot know whether they arrived. */
  swallowNext(count: number): void;
  /** How many messages were swallowed so far. */
  swallowed(): number;
  /** Resolves once `n` messages were accepted. */
  waitFor(n: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(options: SinkOptions = {}): Promise<SmtpSink> {
  const received: ParsedMail[] = [];
  const rejected = new Set<string>();
  const deferred = new Set<string>();
  let swallow = 0;
  let swallowedCount = 0;
  let accepted = 0;
  const parsed = new Map<number, ParsedMail>();
  const waiters: { n: number; resolve(): void }[] = [];
  const serverOptions: SMTPServerOptions = {
    disabledCommands: options.user ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.user,
    allowInsecureAuth: true,
    logger: false,
    // Closing the sink ends open client connections at once (tests close it after each case).
    closeTimeout: 50,
    size: 10 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) return callback(null, { user: auth.username });
      const err = Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 });
      return callback(err);
    },
    onRcptTo(address, _session, callback) {
      const a = address.address.toLowerCase();
      if (rejected.has(a)) return callback(Object.assign(new Error(`5.1.1 <${a}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
      if (deferred.has(a)) return callback(Object.assign(new Error(`4.2.1 <${a}>: mailbox busy, try later`), { responseCode: 451 }));
      return callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (swallow > 0) {
          swallow -= 1;
          swallowedCount += 1;
          return; // never answers: the client times out or is killed with the message in doubt
        }
        // Accepted as soon as it is stored, like a real server's queue; parsed afterwards, kept in
        // arrival order.
        const slot = accepted++;
        callback(null, 'Message queued as ' + String(slot + 1));
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          parsed.set(slot, mail);
          while (parsed.has(received.length)) {
            received.push(parsed.get(received.length)!);
            parsed.delete(received.length - 1);
          }
          for (const w of waiters.filter((w) => received.length >= w.n)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
          }
        });
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    rejectMailbox: (a) => void rejected.add(a.toLowerCase()),
    deferMailbox: (a) => void deferred.add(a.toLowerCase()),
    clearFaults() {
      rejected.clear();
      deferred.clear();
      swallow = 0;
    },
    swallowNext(count) {
      swallow = count;
    },
    swallowed: () => swallowedCount,
    waitFor(n, timeoutMs = 10_000) {
      if (received.length >= n) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`SMTP sink: ${received.length} of ${n} messages after ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
