import { registerPayableSource } from '../payments/payments.sources.ts';
import { PEER_SOURCE_KIND, payableClaims, programmeNames } from './peers.service.ts';

/** Approved peer compensation claims are the first payable source of payment batches (issue 9). */
registerPayableSource({
  kind: PEER_SOURCE_KIND,
  label: { ja: 'ピアサポーター報酬', en: 'Peer-supporter compensation' },
  listPayable: (tx, tenant, ctx) => payableClaims(tx, ctx, tenant),
  programmeNames,
});
