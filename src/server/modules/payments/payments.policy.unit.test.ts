import { describe, expect, it } from 'vitest';
import type { BankAccount } from '../../platform/modules/payable-sources.ts';
import { PAYMENTS_FIELD } from './payments.errors.ts';
import { bankProblems, mayActOnBatch, resultMove } from './payments.policy.ts';

describe('mayActOnBatch', () => {
  const draft = { status: 'draft', approvedBy: null } as const;
  const approved = { status: 'approved', approvedBy: 'approver' } as const;
  const exported = { status: 'exported', approvedBy: 'approver' } as const;

  it('deletes and approves a draft only', () => {
    expect(mayActOnBatch(draft, 'delete', 'a')).toEqual({ allowed: true });
    expect(mayActOnBatch(draft, 'approve', 'a')).toEqual({ allowed: true });
    for (const batch of [approved, exported]) {
      expect(mayActOnBatch(batch, 'delete', 'a')).toEqual({ allowed: false, reason: 'batch_state' });
      expect(mayActOnBatch(batch, 'approve', 'a')).toEqual({ allowed: false, reason: 'batch_state' });
    }
  });

  it('exports an approved batch, by someone other than its approver', () => {
    expect(mayActOnBatch(approved, 'export', 'exporter')).toEqual({ allowed: true });
    expect(mayActOnBatch(approved, 'export', 'approver')).toEqual({ allowed: false, reason: 'four_eyes' });
    expect(mayActOnBatch(draft, 'export', 'exporter')).toEqual({ allowed: false, reason: 'batch_state' });
    expect(mayActOnBatch(exported, 'export', 'exporter')).toEqual({ allowed: false, reason: 'batch_state' });
  });

  it('downloads and records results of an exported batch only (the approver may too)', () => {
    for (const action of ['download', 'record_result'] as const) {
      expect(mayActOnBatch(exported, action, 'approver')).toEqual({ allowed: true });
      expect(mayActOnBatch(approved, action, 'a')).toEqual({ allowed: false, reason: 'batch_state' });
      expect(mayActOnBatch(draft, action, 'a')).toEqual({ allowed: false, reason: 'batch_state' });
    }
  });
});

describe('resultMove', () => {
  it('moves confirmed → paid when a line is paid', () => {
    expect(resultMove('pending', 'paid')).toEqual({ from: 'confirmed', to: 'paid', reason: 'line.paid' });
    expect(resultMove('returned', 'paid')).toEqual({ from: 'confirmed', to: 'paid', reason: 'line.paid' });
  });
  it('moves paid → confirmed when a paid line comes back, nothing when a pending one does', () => {
    expect(resultMove('paid', 'returned')).toEqual({
      from: 'paid',
      to: 'confirmed',
      reason: 'line.returned',
    });
    expect(resultMove('pending', 'returned')).toBeNull();
  });
  it('leaves the same result alone', () => {
    expect(resultMove('paid', 'paid')).toBe('unchanged');
    expect(resultMove('returned', 'returned')).toBe('unchanged');
  });
});

describe('bankProblems', () => {
  const good: BankAccount = {
    bankCode: '0001',
    branchCode: '001',
    accountType: '1',
    accountNumber: '1234567',
    holderName: 'ﾔﾏﾀﾞ ﾀﾛｳ',
  };
  const everyBranch = () => true;

  it('accepts good details of a known branch', () => {
    expect(bankProblems(good, everyBranch)).toEqual([]);
  });
  it('names malformed codes without asking the reference', () => {
    let asked = false;
    const problems = bankProblems({ ...good, bankCode: '1' }, () => {
      asked = true;
      return true;
    });
    expect(problems).toEqual([{ field: 'bankCode', message: PAYMENTS_FIELD.bankAndBranchCode }]);
    expect(bankProblems({ ...good, branchCode: '01' }, everyBranch)[0]?.field).toBe('bankCode');
    expect(asked).toBe(false);
  });
  it('names an unknown branch', () => {
    expect(bankProblems(good, () => false)).toEqual([
      { field: 'branchCode', message: PAYMENTS_FIELD.noSuchBranch },
    ]);
  });
  it('names the account number, type and holder, all at once', () => {
    const bad = {
      ...good,
      accountNumber: '123',
      accountType: '3',
      holderName: '山田',
    } as unknown as BankAccount;
    expect(bankProblems(bad, everyBranch).map((p) => p.field)).toEqual([
      'accountNumber',
      'accountType',
      'holderName',
    ]);
    expect(bankProblems({ ...good, holderName: '' }, everyBranch).map((p) => p.field)).toEqual([
      'holderName',
    ]);
  });
});
