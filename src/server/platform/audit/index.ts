/** The audit log's public surface: modules import from here, not from the files behind it. */

export { anchorAuditHeads } from './anchor.ts';
export {
  type AppendedAudit,
  type AuditEntry,
  AuditEntryError,
  type AuditOutcome,
  appendAudit,
  appendAuditBatch,
} from './append.ts';
export { auditEvents } from './audit.tables.ts';
export { GENESIS_HASH, NATIONAL_CHAIN } from './chain.ts';
export {
  type AnchorTarget,
  AuditHeadsMissingError,
  currentAuditHeads,
  defaultHeadsDir,
  type ExportedHead,
  exportAuditHeads,
  HEADS_FILE_NAME,
} from './heads.ts';
export {
  type AuditEventView,
  type AuditPage,
  type AuditSearch,
  personsReadBy,
  searchAudit,
} from './search.ts';
export { type AuditSigner, auditSignerFromSeed } from './signing.ts';
export { type AuditProblem, type AuditProblemKind, type AuditVerifyResult, verifyAudit } from './verify.ts';
