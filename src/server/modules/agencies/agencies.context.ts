import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { decryptField, encryptField } from '../../platform/crypto/fields.ts';
import type { agencies, conferences, referrals } from './agencies.tables.ts';

/** What the use cases of agencies need from the app: the clock, field keys and the public address. */
export type AgenciesContext = { clock: Clock; config: Pick<Config, 'dataKeys' | 'publicUrl'> };
export type AgencyRow = typeof agencies.$inferSelect;
export type ReferralRow = typeof referrals.$inferSelect;
export type ConferenceRow = typeof conferences.$inferSelect;

export const seal = (ctx: AgenciesContext, value: string, context: string) =>
  encryptField(value, ctx.config.dataKeys, context);
export const open = (ctx: AgenciesContext, value: string, context: string) =>
  decryptField(value, ctx.config.dataKeys, context);
