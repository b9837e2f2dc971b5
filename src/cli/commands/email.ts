import { cliContext } from '../../domain/context.ts';
import { EMAIL_KINDS, previewEmail } from '../../domain/outbox/email-preview.ts';
import type { OutboxMessage } from '../../domain/outbox/outbox-service.ts';
import { requirePositional, requireString, UsageError, withRuntime, type Command } from '../command.ts';

const STATES = 'pending|sent|failed';

const line = (m: OutboxMessage): string =>
  [m.id, m.state, m.kind, m.recipient, `${m.attempts} attempt${m.attempts === 1 ? '' : 's'}`, m.lastError ?? ''].join('\t').trimEnd();

export const emailPreview: Command = {
  name: 'email preview',
  usage: `provisio email preview <${EMAIL_KINDS.join('|')}>`,
  summary: 'Print an example email of one kind, subject, text and HTML, as this server writes it.',
  options: {},
  async run(input) {
    const kind = requirePositional(input, 0, `email kind (${EMAIL_KINDS.join(', ')})`);
    if (!(EMAIL_KINDS as readonly string[]).includes(kind)) throw new UsageError(`unknown email "${kind}"; the emails are ${EMAIL_KINDS.join(', ')}`);
    const email = previewEmail(kind, input.config.publicUrl);
    return {
      json: { kind, subject: email.subject, text: email.text, html: email.html },
      text: [`Subject: ${email.subject}`, '', '--- text ---', email.text, '--- html ---', email.html].join('\n'),
    };
  },
};

export const emailList: Command = {
  name: 'email list',
  usage: `provisio email list --enterprise <slug> [--state ${STATES}] [--limit <n>]`,
  summary: "List an enterprise's emails, newest first, with their delivery state.",
  options: {
    enterprise: { type: 'string', description: 'Enterprise slug.' },
    state: { type: 'string', description: `Only emails in this state (${STATES.replaceAll('|', ', ')}).` },
    limit: { type: 'string', description: 'How many (default 50, at most 500).' },
  },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const limitText = input.options.limit as string | undefined;
      if (limitText !== undefined && !/^\d+$/.test(limitText)) throw new UsageError(`--limit must be a whole number, got "${limitText}"`);
      const messages = await services.outbox.list(requireString(input, 'enterprise'), {
        state: input.options.state as string | undefined,
        limit: limitText === undefined ? undefined : Number(limitText),
      });
      return { json: messages, text: messages.length === 0 ? 'No emails.' : messages.map(line).join('\n') };
    }),
};

export const emailShow: Command = {
  name: 'email show',
  usage: 'provisio email show --enterprise <slug> <id>',
  summary: 'Show one email: its state and its text (how owners read emails while no SMTP server is set).',
  options: { enterprise: { type: 'string', description: 'Enterprise slug.' } },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const message = await services.outbox.get(requireString(input, 'enterprise'), requirePositional(input, 0, 'email id (see provisio email list)'));
      return { json: message, text: [line(message), `To: ${message.recipient}`, `Subject: ${message.subject}`, '', message.text].join('\n') };
    }),
};

export const emailRetry: Command = {
  name: 'email retry',
  usage: 'provisio email retry --enterprise <slug> <id>',
  summary: 'Queue a failed email again; it gets a fresh EMAIL_GIVE_UP_AFTER.',
  options: { enterprise: { type: 'string', description: 'Enterprise slug.' } },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const message = await services.outbox.retry(requireString(input, 'enterprise'), requirePositional(input, 0, 'email id (see provisio email list --state failed)'), cliContext());
      return { json: message, text: `Email ${message.id} to ${message.recipient} is queued again.` };
    }),
};
