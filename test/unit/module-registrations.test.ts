import { describe, expect, it } from 'vitest';
import { readSources } from '../../scripts/module-boundaries/check.ts';
import { installModules, MODULES } from '../../src/server/modules/index.ts';
import { encryptedColumns } from '../../src/server/platform/crypto/registry.ts';
import { APPEND_ONLY_TABLES } from '../../src/server/platform/db/roles.ts';
import { orderedSeeds } from '../../src/server/platform/demo/registry.ts';
import { AppError, type ErrorCode, toProblem } from '../../src/server/platform/errors.ts';
import { dueJobs } from '../../src/server/platform/jobs/due.ts';
import { caseloadHandlers } from '../../src/server/platform/modules/caseload-handlers.ts';
import { payableSources } from '../../src/server/platform/modules/payable-sources.ts';
import { isStaffAlertTemplate } from '../../src/server/platform/outbox/staff-alerts.ts';

/**
 * Nothing registers by side effect (issue 20 item 1, decision 0026): importing every module's
 * `index.ts` (through `modules/index.ts`, above) leaves the platform's registries without a single
 * module entry, and `installModules()` fills them from the manifests. Vitest runs each test file in
 * its own module graph, so nothing here has been installed before the first test.
 */

const GENERIC_TITLE = 'エラーが発生しました';
const titleOf = (code: string) => toProblem(new AppError(400, code as ErrorCode), 'ja').title;
const columnKeys = () => new Set(encryptedColumns().map((c) => `${c.table}.${c.column}`));

const manifestEntries = {
  payableKinds: MODULES.flatMap((m) => m.payableSources ?? []).map((s) => s.kind),
  caseloadKinds: MODULES.flatMap((m) => m.caseloadCounts ?? []).map((h) => h.kind),
  alertKeys: MODULES.flatMap((m) => m.staffAlertTemplates ?? []).map((t) => t.key),
  errorCodes: MODULES.flatMap((m) => Object.keys(m.errorMessages ?? {})),
  columns: MODULES.flatMap((m) => m.encryptedColumns ?? []).map((c) => `${c.table}.${c.column}`),
  jobs: MODULES.flatMap((m) => m.dueJobs ?? []).map((j) => j.name),
  seeds: MODULES.flatMap((m) => m.demoSeeds ?? []).map((s) => s.name),
  appendOnly: MODULES.flatMap((m) => m.appendOnlyTables ?? []),
};

describe('module registrations', () => {
  it('the manifests name what the modules offer the platform', () => {
    // The ones issue 20 names, spelled out so that a manifest losing one fails here.
    expect(manifestEntries.payableKinds.toSorted()).toEqual(['peer_compensation', 'subsidy_claim']);
    expect(manifestEntries.caseloadKinds.toSorted()).toEqual(['reports.assigned', 'support.cases']);
    expect(manifestEntries.alertKeys).toEqual(
      expect.arrayContaining(['support.review-due', 'referral.received', 'subsidies.application-received']),
    );
    // Every module with problem codes of its own names its `<m>.errors.ts` table.
    expect(MODULES.filter((m) => m.errorMessages).map((m) => m.name)).toEqual(
      expect.arrayContaining([
        'accounts',
        'payments',
        'peers',
        'subsidies',
        'support',
        'knowledge',
        'insights',
      ]),
    );
    expect(manifestEntries.columns).toEqual(
      expect.arrayContaining(['support_persons.real_name_encrypted', 'payment_lines.bank_encrypted']),
    );
    expect(manifestEntries.appendOnly).toEqual(
      expect.arrayContaining([
        'ledger_entries',
        'referral_events',
        'consultation_messages',
        'support_note_versions',
      ]),
    );
  });

  it('importing every module registers nothing; installModules() registers every manifest entry', () => {
    expect(payableSources()).toEqual([]);
    expect(caseloadHandlers()).toEqual([]);
    for (const key of manifestEntries.alertKeys) expect(isStaffAlertTemplate(key), key).toBe(false);
    for (const code of manifestEntries.errorCodes) expect(titleOf(code), code).toBe(GENERIC_TITLE);
    const before = columnKeys();
    for (const column of manifestEntries.columns) expect(before.has(column), column).toBe(false);
    expect(dueJobs.list()).toEqual([]);
    expect(orderedSeeds()).toEqual([]);
    for (const table of manifestEntries.appendOnly) expect(APPEND_ONLY_TABLES, table).not.toContain(table);

    installModules();

    expect(payableSources().map((s) => s.kind)).toEqual(manifestEntries.payableKinds.toSorted());
    expect(caseloadHandlers().map((h) => h.kind)).toEqual(manifestEntries.caseloadKinds);
    for (const key of manifestEntries.alertKeys) expect(isStaffAlertTemplate(key), key).toBe(true);
    for (const code of manifestEntries.errorCodes) expect(titleOf(code), code).not.toBe(GENERIC_TITLE);
    const after = columnKeys();
    for (const column of manifestEntries.columns) expect(after.has(column), column).toBe(true);
    expect(dueJobs.list().map((j) => j.name)).toEqual(expect.arrayContaining(manifestEntries.jobs));
    expect(orderedSeeds().map((s) => s.name)).toEqual(expect.arrayContaining(manifestEntries.seeds));
    expect(APPEND_ONLY_TABLES).toEqual(expect.arrayContaining(manifestEntries.appendOnly));

    // Installing twice (the app, then a CLI helper in the same process) changes nothing.
    installModules();
    expect(payableSources()).toHaveLength(manifestEntries.payableKinds.length);
  });

  it('no module file calls a registry at its top level (only modules/index.ts installs)', () => {
    const registry =
      /^\s*register(?:PayableSource|CaseloadHandler|StaffAlertTemplate|ErrorMessages|EncryptedColumn|DueJob|DemoSeed|RoleGrantGate|AppendOnlyTable)\(/m;
    const offenders = [...readSources(process.cwd())]
      .filter(([file]) => file.startsWith('src/server/modules/') && file !== 'src/server/modules/index.ts')
      .filter(([file]) => !/\.test\.tsx?$/.test(file))
      .filter(([, text]) => registry.test(text))
      .map(([file]) => file);
    expect(offenders).toEqual([]);
  });
});
