/** The part of a pino logger the outbox needs: the server passes Fastify's, `provisio worker` a line logger. */
export interface WorkerLog {
  info(fields: Readonly<Record<string, unknown>>, message: string): void;
  warn(fields: Readonly<Record<string, unknown>>, message: string): void;
  error(fields: Readonly<Record<string, unknown>>, message: string): void;
}
