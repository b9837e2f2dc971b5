import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';

/** One message the sink received in full. */
export interface ReceivedMessage {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: string;
  /** The `Message-ID` header. */
  readonly messageId: string;
  /** Whether the connection was TLS (from the start or after STARTTLS). */
  readonly secure: boolean;
  /** The user the client authenticated as, if it did. */
  readonly user: string | undefined;
}

export interface SinkOptions {
  /** Listen on this port (to bring a server back where it was); a free one by default. */
  readonly port?: number;
  /** Recipients refused with `550` at `RCPT TO`. */
  readonly refuse?: (address: string) => boolean;
  /** Credentials required to send (AUTH PLAIN/LOGIN); none required by default. */
  readonly credentials?: { readonly user: string; readonly pass: string };
  /** TLS key and certificate: offered with STARTTLS, or from the first byte with `secure`. */
  readonly tls?: { readonly key: string; readonly cert: string; readonly secure?: boolean };
  /**
   * Called when a message has been received in full, before the sink answers: the answer waits for the
   * returned promise (a test can kill the sender meanwhile).
   */
  readonly beforeAnswer?: (message: ReceivedMessage) => Promise<void> | void;
}

/** A real SMTP server on loopback that keeps what it receives. */
export interface SmtpSink {
  readonly port: number;
  readonly url: string;
  readonly messages: ReceivedMessage[];
  /** How many times each Message-ID arrived. */
  countsByMessageId(): Map<string, number>;
  close(): Promise<void>;
}

const header = (raw: string, name: string): string => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(raw.split(/\r?\n\r?\n/)[0])?.[1]?.trim() ?? '';

export async function startSmtpSink(options: SinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMessage[] = [];
  const refuse = options.refuse ?? (() => false);
  const serverOptions: SMTPServerOptions = {
    logger: false,
    disableReverseLookup: true,
    // Closing drops connections a pooled client keeps open, as a server going down would.
    closeTimeout: 100,
    authOptional: options.credentials === undefined,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert, secure: options.tls.secure ?? false } : { disabledCommands: ['STARTTLS'] }),
    onAuth(auth, _session, callback) {
      const ok = options.credentials && auth.username === options.credentials.user && auth.password === options.credentials.pass;
      callback(ok ? null : Object.assign(new Error('Invalid username or password'), { responseCode: 535 }), ok ? { user: auth.username } : undefined);
    },
    onRcptTo(address, _session, callback) {
      if (refuse(address.address)) callback(Object.assign(new Error(`<${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', () => undefined); // the client went away mid-message: nothing was received
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const message: ReceivedMessage = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          messageId: header(raw, 'Message-ID'),
          secure: session.secure,
          user: session.user as string | undefined,
        };
        messages.push(message);
        Promise.resolve(options.beforeAnswer?.(message)).then(() => callback(null, 'Ok: queued'), (error: Error) => callback(error));
      });
    },
  };
  if (options.credentials) serverOptions.allowInsecureAuth = false;
  const server = new SMTPServer(serverOptions);
  server.on('error', () => undefined);
  await new Promise<void>((listening, fail) => {
    server.server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => listening());
  });
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    countsByMessageId() {
      const counts = new Map<string, number>();
      for (const m of messages) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
      return counts;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
