/**
 * Which module owns each lazily loaded text section (top-level key). The core catalogues
 * (ja.ts, en.ts, easy-ja.ts) hold the rest. A file that names a key of one of these sections must
 * import the owning module, so that the texts are registered before the file's components render
 * (checked by catalogue.unit.test.ts). Paths are relative to src/web.
 */
export const SECTION_MODULES: Record<string, string> = {
  places: 'features/places/i18n.ts',
  cases: 'features/cases/i18n.ts',
  insights: 'features/insights/i18n.ts',
  events: 'features/events/i18n.ts',
  support: 'features/support/i18n.ts',
  agencies: 'features/agencies/i18n.ts',
  subsidies: 'features/subsidies/i18n.ts',
  payments: 'features/payments/i18n.ts',
  training: 'features/training/i18n.ts',
  navigator: 'features/navigator/i18n.ts',
  reports: 'features/reports/i18n.ts',
  console: 'features/console/i18n.ts',
  verify: 'features/security/i18n.ts',
  setup: 'features/security/i18n.ts',
  totp: 'features/security/i18n.ts',
  passkey: 'features/security/i18n.ts',
  recovery: 'features/security/i18n.ts',
  security: 'features/security/i18n.ts',
  accounts: 'features/admin/i18n.ts',
  rotation: 'features/admin/i18n.ts',
  audit: 'features/admin/i18n.ts',
  outbox: 'features/admin/i18n.ts',
  profile: 'features/admin/i18n.ts',
};
