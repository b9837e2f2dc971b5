import type { InvitationService } from './invitation-service.ts';

export interface ExpiryLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface InvitationExpiryJob {
  /** Lets the round in progress finish; no round starts after. */
  stop(): Promise<void>;
}

const BATCH = 200;

/**
 * Marks invitations past their seven days as expired: once at start, then every `intervalMs`, in batches until
 * none is due. Every server runs it; on PostgreSQL the batches are claimed with `SKIP LOCKED`, so servers share
 * the work instead of repeating it.
 */
export function startInvitationExpiry({ invitations, log, intervalMs = 60_000 }: { invitations: Pick<InvitationService, 'expireDue'>; log: ExpiryLog; intervalMs?: number }): InvitationExpiryJob {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  async function round(): Promise<void> {
    try {
      for (let expired = BATCH; expired === BATCH && !stopped; ) {
        expired = await invitations.expireDue(BATCH);
        if (expired > 0) log.info({ expired }, 'invitations expired');
      }
    } catch (error) {
      log.error({ err: error }, 'expiring invitations failed; trying again at the next round');
    }
  }
  let running = round();
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().then(schedule);
    }, intervalMs);
    timer.unref();
  };
  void running.then(schedule);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
