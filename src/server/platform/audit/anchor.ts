import { createHash } from 'node:crypto';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { inTransaction } from '../db/tenant.ts';
import { enqueueMessage } from '../outbox/outbox.service.ts';
import { exportAuditHeads } from './heads.ts';

type AnchorConfig = Pick<
  Config,
  'auditHeadDir' | 'auditSigner' | 'auditAnchorEmail' | 'publicUrl' | 'dataKeys'
>;

/**
 * One anchoring: the changed heads, signed, appended to AUDIT_HEAD_DIR and (where set) mailed to
 * AUDIT_ANCHOR_EMAIL. Run each minute by the due job and once more at graceful shutdown, so rows
 * written just before a stop are anchored too (ADR 0014).
 */
export async function anchorAuditHeads(db: Database, config: AnchorConfig): Promise<{ written: number }> {
  const result = await exportAuditHeads(db, { dir: config.auditHeadDir, signer: config.auditSigner() });
  if (result.written > 0) await mailAuditHeads(db, config, result.lines);
  return { written: result.written };
}

/**
 * Sends freshly exported, signed heads to an external recipient (AUDIT_ANCHOR_EMAIL, e.g. the
 * auditor) through the outbox: a copy the database owner cannot recall once delivered. The lines
 * hold chain names, sequence numbers and hashes only — no personal data.
 */
export async function mailAuditHeads(
  db: Database,
  config: Pick<Config, 'auditAnchorEmail' | 'publicUrl' | 'dataKeys'>,
  lines: string[],
): Promise<boolean> {
  if (!config.auditAnchorEmail || lines.length === 0) return false;
  const text = lines.join('');
  const digest = createHash('sha256').update(text).digest('hex');
  await inTransaction(db, { tenant: null }, (tx) =>
    enqueueMessage(
      tx,
      { clock: systemClock, config },
      {
        kind: 'notice',
        municipalityCode: null,
        recipient: config.auditAnchorEmail as string,
        templateKey: 'audit.heads-anchor',
        subject: '監査ログのヘッド（署名付き） / Signed audit log heads',
        body:
          'つながりの監査ログの最新ヘッドです。このメールを保管してください（npm run audit:verify -- --heads <file> で照合できます）。\n' +
          'The newest heads of the Tsunagari audit log. Keep this mail: save the lines below to a file and check it with npm run audit:verify -- --heads <file>.\n\n' +
          text,
        idempotencyKey: `audit.heads:${digest}`,
      },
    ),
  );
  return true;
}
