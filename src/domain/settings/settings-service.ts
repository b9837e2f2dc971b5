import { findEnterpriseBySlug, findSettings, updateSettings, type EnterpriseSettingsRow } from '../../storage/repositories/enterprises.ts';
import type { Store } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { DomainError, invalidInput, notFound } from '../domain-error.ts';

/** The enterprise switches of SPEC §2, under the names operators' scripts use. */
export const SETTING_KEYS = ['require_scim_provisioning', 'saml_provisioning', 'saml_deprovisioning'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
export type EnterpriseSettings = Readonly<Record<SettingKey, boolean>>;

export const isSettingKey = (key: string): key is SettingKey => (SETTING_KEYS as readonly string[]).includes(key);

/** Reads `true/false`, `on/off`, `yes/no`, `1/0`. */
export function parseSwitch(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (['true', 'on', 'yes', '1'].includes(value)) return true;
  if (['false', 'off', 'no', '0'].includes(value)) return false;
  return undefined;
}

export const toSettings = (row: EnterpriseSettingsRow): EnterpriseSettings => ({
  require_scim_provisioning: row.require_scim_provisioning === 1,
  saml_provisioning: row.saml_provisioning === 1,
  saml_deprovisioning: row.saml_deprovisioning === 1,
});

export type SettingsService = ReturnType<typeof createSettingsService>;

export function createSettingsService({ store, clock }: { store: Store; clock: Clock }) {
  const service = {
    async get(slug: string): Promise<EnterpriseSettings> {
      const enterprise = await findEnterpriseBySlug(store.db, slug);
      if (!enterprise) throw notFound(`no enterprise "${slug}"`);
      return toSettings(await findSettings(store.db, enterprise.id));
    },

    /** Changes one setting; see `update`. */
    set(slug: string, key: string, value: boolean, context: RequestContext): Promise<EnterpriseSettings> {
      if (!isSettingKey(key)) throw invalidInput(`unknown setting "${key}"; the settings are ${SETTING_KEYS.join(', ')}`);
      return service.update(slug, { [key]: value }, context);
    },

    /**
     * Changes settings together, in one transaction, each change audited. SAML deprovisioning needs SAML
     * provisioning (SPEC §2): a result with deprovisioning on and provisioning off is refused and changes nothing.
     */
    async update(slug: string, changes: Partial<EnterpriseSettings>, context: RequestContext): Promise<EnterpriseSettings> {
      for (const key of Object.keys(changes)) if (!isSettingKey(key)) throw invalidInput(`unknown setting "${key}"; the settings are ${SETTING_KEYS.join(', ')}`);
      return store.transaction(async (trx) => {
        const enterprise = await findEnterpriseBySlug(trx, slug);
        if (!enterprise) throw notFound(`no enterprise "${slug}"`);
        const before = toSettings(await findSettings(trx, enterprise.id));
        const after: EnterpriseSettings = { ...before, ...changes };
        if (after.saml_deprovisioning && !after.saml_provisioning) {
          throw new DomainError(
            'precondition_failed',
            before.saml_deprovisioning
              ? 'saml_deprovisioning is on and needs saml_provisioning: turn saml_deprovisioning off first'
              : 'saml_deprovisioning needs saml_provisioning: turn saml_provisioning on first',
          );
        }
        const changed = SETTING_KEYS.filter((key) => before[key] !== after[key]);
        if (changed.length === 0) return after;
        await updateSettings(trx, enterprise.id, {
          ...Object.fromEntries(changed.map((key) => [key, after[key] ? 1 : 0])),
          updated_at: clock.now().toISOString(),
        });
        for (const key of changed) {
          await recordAudit(trx, clock, enterprise.id, context, {
            action: 'settings.update',
            target: { type: 'enterprise', id: enterprise.id, label: enterprise.slug },
            details: { setting: key, from: before[key], to: after[key] },
          });
        }
        return after;
      });
    },
  };
  return service;
}
