import { withRuntime, type Command } from '../command.ts';

export const workerCommand: Command = {
  name: 'worker',
  usage: 'provisio worker',
  summary: 'Deliver queued emails until SIGTERM, without serving HTTP; several may run against one PostgreSQL.',
  options: {},
  run: (input) => withRuntime(input, (runtime) => input.worker(runtime)).then(() => undefined),
};
