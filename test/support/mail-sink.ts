import { simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  /** Raw header values by lower-case name, as sent. */
  rawHeaders: Record<string, string>;
  /** `content` as UTF-8 text; `raw` the bytes (an image); `cid` for an image shown in the HTML. */
  attachments: Array<{ filename?: string; contentType: string; content: string; raw: Buffer; cid?: string }>;
  /** When the sink had the whole message (ms since the epoch). */
  receivedAt: number;
  /** When the client connected to send it (ms since the epoch): with a pool, maybe messages ago. */
  connectedAt: number;
  /** When the client began this message (its MAIL FROM), before any parsing: when sending began. */
  startedAt: number;
}

/** smtp-server's own session object, as far as `stall` uses it. */
interface SinkConnection {
  send(code: number, message: string): void;
  close(): void;
}

interface Refusal {
  code: number;
  times: number;
}

/**
 * Where a stalling server stops answering: before its greeting (it accepted the connection) or
 * after the message (it took DATA and never gives its verdict).
 */
export type StallPhase = 'greeting' | 'data';

/**
 * A real SMTP server in the test process: the app's worker sends to it over TCP, and tests read what
 * arrived. It can refuse a recipient with a chosen SMTP code to test retries and failures.
 */
export class MailSink {
  readonly messages: ReceivedMail[] = [];
  private readonly refusals = new Map<string, Refusal>();
  private server?: SMTPServer;
  private stallPhase: StallPhase | null = null;
  private readonly connectedAt = new Map<string, number>();
  private readonly startedAt = new Map<string, number>();
  /** Sessions left hanging by `stall` (each one a client waiting for an answer that never comes). */
  stalledSessions = 0;
  /** Open sessions closed by `stall` when it began. */
  droppedSessions = 0;
  /** Each message is accepted (answered 250, and recorded) only this long after its data arrived. */
  holdDataMs = 0;
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onConnect: (session, callback) => {
        this.connectedAt.set(session.id, Date.now());
        if (this.stallPhase === 'greeting') {
          this.stalledSessions += 1;
          return; // never greets
        }
        callback();
      },
      onMailFrom: (_address, session, callback) => {
        this.startedAt.set(session.id, Date.now());
        callback();
      },
      onRcptTo: (address, _session, callback) => {
        const refusal = this.refusals.get(address.address.toLowerCase());
        if (refusal && refusal.times > 0) {
          refusal.times -= 1;
          const error = Object.assign(new Error(`Refused by the test sink (${refusal.code})`), {
            responseCode: refusal.code,
          });
          callback(error);
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const connectedAt = this.connectedAt.get(session.id) ?? Date.now();
        const startedAt = this.startedAt.get(session.id) ?? Date.now();
        if (this.stallPhase === 'data') {
          // Takes the whole message, then never answers: the message is not accepted.
          this.stalledSessions += 1;
          stream.resume();
          return;
        }
        simpleParser(stream)
          .then(async (parsed) => {
            if (this.holdDataMs > 0) {
              await new Promise((resolve) => setTimeout(resolve, this.holdDataMs));
            }
            const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) =>
              a.value.map((v) => (v.address ?? '').toLowerCase()),
            );
            this.messages.push({
              to,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: parsed.headers,
              attachments: parsed.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: a.content.toString('utf8'),
                raw: a.content,
                cid: a.cid,
              })),
              receivedAt: Date.now(),
              connectedAt,
              startedAt,
              rawHeaders: Object.fromEntries(
                parsed.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()]),
              ),
            });
            callback();
          })
          .catch(callback);
      },
    });
    // A client's connection cut mid-message (a worker killed on purpose, a pool closed) is reported
    // by smtp-server as an 'error' event; it is expected here, and must not crash the test file.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  /** Refuse mail to `address` with `code` for the next `times` attempts. */
  refuse(address: string, code: number, times = Number.POSITIVE_INFINITY): void {
    this.refusals.set(address.toLowerCase(), { code, times });
  }

  /**
   * From now on, new sessions hang at `phase` (null: answer normally again). A server that starts
   * stalling is one that went wrong or restarted: the sessions open at that moment (a client's kept-open
   * connections among them) are told 421 and closed, so no client can carry on over a connection it
   * opened before. Sessions already hanging stay so until the client gives up, as with a real stalled
   * server.
   */
  stall(phase: StallPhase | null): void {
    if (phase && this.server) {
      const open = (this.server as unknown as { connections: Set<SinkConnection> }).connections;
      for (const connection of open) {
        this.droppedSessions += 1;
        connection.send(421, 'Service not available, closing transmission channel');
        connection.close();
      }
    }
    this.stallPhase = phase;
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }

  /** Waits for the `count`th message to `address` to arrive. */
  async waitFor(address: string, count = 1, timeoutMs = 15_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const received = this.to(address);
      if (received.length >= count) {
        return received[count - 1];
      }
      await sleep(25);
    }
    throw new Error(`No mail #${count} to ${address} within ${timeoutMs} ms`);
  }

  /**
   * Waits for a message to `address` with this subject. Mails written close together go out in one
   * relay batch and may arrive in either order: where a test has not waited for the earlier one, it
   * picks the later one out by what it is, not by its place.
   */
  async waitForSubject(address: string, subject: string | RegExp, timeoutMs = 15_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    const matches = (m: ReceivedMail) =>
      typeof subject === 'string' ? m.subject === subject : subject.test(m.subject);
    while (Date.now() < deadline) {
      const found = this.to(address).find(matches);
      if (found) {
        return found;
      }
      await sleep(25);
    }
    const seen = this.to(address).map((m) => m.subject);
    throw new Error(
      `No mail to ${address} with subject ${String(subject)} within ${timeoutMs} ms (had: ${seen.join(' | ')})`,
    );
  }
}
