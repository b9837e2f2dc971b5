import type { Command } from '../command.ts';

export const serve: Command = {
  name: 'serve',
  usage: 'provisio serve [--demo]',
  summary: 'Run the HTTP server (migrates the database first).',
  options: { demo: { type: 'boolean', description: 'Create a demo enterprise and print its owner sign-in link and a token.' } },
  async run(input) {
    const runtime = await input.runtime();
    await input.serve(runtime, { demo: input.options.demo === true });
    return undefined;
  },
};

export const migrateCommand: Command = {
  name: 'migrate',
  usage: 'provisio migrate',
  summary: 'Bring the database schema up to date.',
  options: {},
  async run(input) {
    const report = await input.migrate();
    return {
      json: report,
      text: report.applied.length === 0 ? 'The database is up to date.' : `Applied: ${report.applied.join(', ')}`,
    };
  },
};
