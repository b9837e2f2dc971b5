import { cliContext } from '../../domain/context.ts';
import { isSettingKey, parseSwitch, SETTING_KEYS } from '../../domain/settings/settings-service.ts';
import { requirePositional, requireString, UsageError, withRuntime, type Command } from '../command.ts';

const describe = (settings: Readonly<Record<string, boolean>>): string =>
  Object.entries(settings)
    .map(([key, value]) => `${key}\t${value}`)
    .join('\n');

export const settingsGet: Command = {
  name: 'settings get',
  usage: `provisio settings get --enterprise <slug> [${SETTING_KEYS.join('|')}]`,
  summary: "Show an enterprise's settings, or one of them.",
  options: { enterprise: { type: 'string', description: 'Enterprise slug.' } },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const settings = await services.settings.get(requireString(input, 'enterprise'));
      const key = input.positionals[0];
      if (key === undefined) return { json: settings, text: describe(settings) };
      if (!isSettingKey(key)) throw new UsageError(`unknown setting "${key}"; the settings are ${SETTING_KEYS.join(', ')}`);
      return { json: { [key]: settings[key] }, text: String(settings[key]) };
    }),
};

export const settingsSet: Command = {
  name: 'settings set',
  usage: `provisio settings set --enterprise <slug> <${SETTING_KEYS.join('|')}> <true|false>`,
  summary: 'Change a setting. saml_deprovisioning needs saml_provisioning.',
  options: { enterprise: { type: 'string', description: 'Enterprise slug.' } },
  run: (input) =>
    withRuntime(input, async ({ services }) => {
      const key = requirePositional(input, 0, `setting name (${SETTING_KEYS.join(', ')})`);
      if (!isSettingKey(key)) throw new UsageError(`unknown setting "${key}"; the settings are ${SETTING_KEYS.join(', ')}`);
      const text = requirePositional(input, 1, 'value (true or false)');
      const value = parseSwitch(text);
      if (value === undefined) throw new UsageError(`the value must be true or false, got "${text}"`);
      const settings = await services.settings.set(requireString(input, 'enterprise'), key, value, cliContext());
      return { json: settings, text: describe(settings) };
    }),
};
