import { describe, expect, it } from 'vitest';
import {
  caseAccess,
  invalidRows,
  mayConfirmImport,
  mayExport,
  mayLead,
  mayMerge,
  mayPrintPeriod,
  mayReadNote,
  mayRecordConsent,
  mayReferToGoals,
  mayReplaceMeasure,
  needsLabourConsent,
  PERSON_EXPORT_MAX,
  readersOf,
  writingRole,
} from './support.policy.ts';

describe('support policy: who sees a case', () => {
  it('consultation staff see every case and manage it, with or without a labour consent', () => {
    for (const labourConsentInForce of [true, false])
      expect(caseAccess({ roles: ['consultation', 'labour'], labourConsentInForce })).toEqual({
        allowed: true,
        access: { via: 'consultation', canManage: true },
      });
  });

  it('labour staff see a case only while the labour consent is in force, and never manage it', () => {
    expect(caseAccess({ roles: ['labour'], labourConsentInForce: true })).toEqual({
      allowed: true,
      access: { via: 'labour_consent', canManage: false },
    });
    expect(caseAccess({ roles: ['labour'], labourConsentInForce: false })).toEqual({
      allowed: false,
      reason: 'no_labour_consent',
    });
  });

  it('anyone else sees no case', () => {
    expect(caseAccess({ roles: ['municipal_admin'], labourConsentInForce: true })).toEqual({
      allowed: false,
      reason: 'no_support_role',
    });
  });

  it('asks for the labour consent only for labour staff without the consultation role', () => {
    expect(needsLabourConsent(['labour'])).toBe(true);
    expect(needsLabourConsent(['consultation', 'labour'])).toBe(false);
    expect(needsLabourConsent(['municipal_admin'])).toBe(false);
  });
});

describe('support policy: notes', () => {
  it('writes a note under the consultation role before the labour role', () => {
    expect(writingRole(['labour', 'consultation'])).toBe('consultation');
    expect(writingRole(['labour'])).toBe('labour');
  });

  it('a sensitive note is readable by its author role and the roles named, sorted once each', () => {
    expect(readersOf(['labour'], true, ['consultation', 'labour'])).toEqual(['consultation', 'labour']);
    expect(readersOf(['consultation'], true, [])).toEqual(['consultation']);
    expect(readersOf(['consultation'], false, ['labour'])).toEqual([]);
  });

  it('reads a plain note always, a sensitive one only with a named role', () => {
    expect(mayReadNote(['labour'], { sensitive: false, readableBy: [] }).allowed).toBe(true);
    expect(mayReadNote(['labour'], { sensitive: true, readableBy: ['labour'] }).allowed).toBe(true);
    expect(mayReadNote(['labour'], { sensitive: true, readableBy: ['consultation'] })).toEqual({
      allowed: false,
      reason: 'sensitive',
    });
  });
});

describe('support policy: records', () => {
  const a = { id: 'a', mergedInto: null };
  const b = { id: 'b', mergedInto: null };

  it('merges two records neither of which is merged already', () => {
    expect(mayMerge(a, b).allowed).toBe(true);
    expect(mayMerge(a, a)).toEqual({ allowed: false, reason: 'same_record' });
    expect(mayMerge(a, { id: 'b', mergedInto: 'c' })).toEqual({ allowed: false, reason: 'already_merged' });
    expect(mayMerge({ id: 'a', mergedInto: 'c' }, b)).toEqual({ allowed: false, reason: 'already_merged' });
  });

  it('a lead worker, when named, is an active account of the tenant', () => {
    expect(mayLead({ named: false, activeInTenant: false }).allowed).toBe(true);
    expect(mayLead({ named: true, activeInTenant: true }).allowed).toBe(true);
    expect(mayLead({ named: true, activeInTenant: false })).toEqual({
      allowed: false,
      reason: 'unknown_worker',
    });
  });

  it('a consent names an agency of the tenant, corrects a record of this person, expires after its date', () => {
    const ok = {
      agency: { named: true, ofTenant: true },
      supersedes: { named: true, ofPerson: true },
      decidedOn: '2026-04-01',
      expiresOn: '2026-04-01',
    };
    expect(mayRecordConsent(ok).allowed).toBe(true);
    expect(
      mayRecordConsent({ ...ok, agency: { named: false, ofTenant: false }, expiresOn: null }).allowed,
    ).toBe(true);
    expect(mayRecordConsent({ ...ok, supersedes: { named: false, ofPerson: false } }).allowed).toBe(true);
    // The refusals come in this order when several apply.
    expect(
      mayRecordConsent({
        agency: { named: true, ofTenant: false },
        supersedes: { named: true, ofPerson: false },
        decidedOn: '2026-04-01',
        expiresOn: '2026-03-31',
      }),
    ).toEqual({ allowed: false, reason: 'agency_not_of_tenant' });
    expect(
      mayRecordConsent({ ...ok, supersedes: { named: true, ofPerson: false }, expiresOn: '2026-03-31' }),
    ).toEqual({ allowed: false, reason: 'supersedes_other_person' });
    expect(mayRecordConsent({ ...ok, expiresOn: '2026-03-31' })).toEqual({
      allowed: false,
      reason: 'expiry_before_decision',
    });
  });

  it('a measure replaces only a measure of the same person', () => {
    expect(mayReplaceMeasure({ named: false, ofPerson: false }).allowed).toBe(true);
    expect(mayReplaceMeasure({ named: true, ofPerson: true }).allowed).toBe(true);
    expect(mayReplaceMeasure({ named: true, ofPerson: false })).toEqual({
      allowed: false,
      reason: 'not_of_person',
    });
  });

  it('actions and ratings refer to the plan’s goals, pointing at the first that does not', () => {
    const goals = new Set(['g1', 'g2']);
    expect(mayReferToGoals(goals, [['g1'], ['g1', 'g2'], []]).allowed).toBe(true);
    expect(mayReferToGoals(goals, [['g1'], ['g2', 'gx'], ['gy']])).toEqual({
      allowed: false,
      reason: 'unknown_goal',
      index: 1,
    });
  });

  it('a period to print runs forwards; one day is a period', () => {
    expect(mayPrintPeriod({ from: '2026-04-01', to: '2026-04-01' }).allowed).toBe(true);
    expect(mayPrintPeriod({ from: '2026-04-02', to: '2026-04-01' })).toEqual({
      allowed: false,
      reason: 'end_before_start',
    });
  });

  it('exports at most PERSON_EXPORT_MAX records', () => {
    expect(mayExport(PERSON_EXPORT_MAX).allowed).toBe(true);
    expect(mayExport(PERSON_EXPORT_MAX + 1)).toEqual({ allowed: false, reason: 'too_many' });
  });
});

describe('support policy: confirming an import', () => {
  const rowProblem = { row: 3, code: 'invalid_date' };
  const ignoredColumn = { row: 0, code: 'unknown_column' };

  it('applies a clean preview, and one whose only remark is an ignored column', () => {
    expect(mayConfirmImport({ status: 'previewed', problems: [], skipInvalid: false }).allowed).toBe(true);
    expect(
      mayConfirmImport({ status: 'previewed', problems: [ignoredColumn], skipInvalid: false }).allowed,
    ).toBe(true);
  });

  it('is applied once', () => {
    expect(mayConfirmImport({ status: 'applied', problems: [], skipInvalid: true })).toEqual({
      allowed: false,
      reason: 'already_applied',
    });
  });

  it('refuses rows with problems unless they are skipped, and a missing column always', () => {
    expect(mayConfirmImport({ status: 'previewed', problems: [rowProblem], skipInvalid: false })).toEqual({
      allowed: false,
      reason: 'has_problems',
    });
    expect(mayConfirmImport({ status: 'previewed', problems: [rowProblem], skipInvalid: true }).allowed).toBe(
      true,
    );
    expect(
      mayConfirmImport({
        status: 'previewed',
        problems: [{ row: 0, code: 'missing_column' }],
        skipInvalid: true,
      }),
    ).toEqual({ allowed: false, reason: 'has_problems' });
  });

  it('leaves out the rows with problems, not the header’s remarks', () => {
    expect([
      ...invalidRows([rowProblem, ignoredColumn, { row: 3, code: 'too_long' }, { row: 5, code: 'x' }]),
    ]).toEqual([3, 5]);
  });
});
