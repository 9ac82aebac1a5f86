import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import { decryptField, encryptField } from '../../platform/crypto/fields.ts';
import type { correctionRequests, disclosureRequests } from './rights.tables.ts';

/** What the use cases of rights need from the app: the clock, field keys and the public address. */
export type RightsContext = { clock: Clock; config: Pick<Config, 'dataKeys' | 'publicUrl'> };
export type DisclosureRow = typeof disclosureRequests.$inferSelect;
export type CorrectionRow = typeof correctionRequests.$inferSelect;

export const seal = (ctx: RightsContext, value: string, context: string) =>
  encryptField(value, ctx.config.dataKeys, context);
export const open = (ctx: RightsContext, value: string, context: string) =>
  decryptField(value, ctx.config.dataKeys, context);
