import type { ActorType } from '../storage/schema.ts';

/** Who is acting: a token, a signed-in user, the identity provider, the system or an operator at the CLI. */
export interface Actor {
  readonly type: ActorType;
  readonly id: string | null;
  readonly label: string;
}

/** Passed explicitly to every service call that changes state, so the audit log knows who and why. */
export interface RequestContext {
  readonly requestId: string | null;
  readonly actor: Actor;
}

export const cliContext = (operator = process.env.USER ?? 'operator'): RequestContext => ({
  requestId: null,
  actor: { type: 'cli', id: null, label: operator },
});

export const systemContext: RequestContext = Object.freeze({ requestId: null, actor: { type: 'system' as const, id: null, label: 'system' } });
