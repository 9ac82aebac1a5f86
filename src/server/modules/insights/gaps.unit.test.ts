import { describe, expect, it } from 'vitest';
import type { ReturnItems } from '../../../shared/contracts/insights.ts';
import { type AcceptedReturn, lackedThenBuiltFrom, lacksIn, runs } from './gaps.ts';

const ret = (municipalityCode: string, fiscalYear: number, items: ReturnItems): AcceptedReturn => ({
  municipalityCode,
  fiscalYear,
  items,
});

describe('what a return says a town runs', () => {
  it('reads flags and counts, and never reads an empty item as lacking', () => {
    expect(runs('居場所', { 'places.total': 2 })).toBe(true);
    expect(runs('居場所', { 'places.total': 0 })).toBe(false);
    expect(runs('居場所', { 'places.total': null })).toBeNull();
    expect(runs('居場所', {})).toBeNull();
    expect(runs('相談窓口', { 'window.exists': false })).toBe(false);
    // Family classes: either the series or the sessions count shows them.
    expect(runs('家族学習会', { 'family.classSeries': 0, 'family.classSessions': 3 })).toBe(true);
    expect(runs('家族学習会', { 'family.classSessions': 0 })).toBe(false);
  });

  it('lists only what is known to be missing', () => {
    expect(
      lacksIn({ 'places.total': 0, 'platform.exists': true, 'window.exists': false, 'peers.active': null }),
    ).toEqual(['相談窓口', '居場所']);
  });
});

describe('towns that lacked what this town lacks and then built it', () => {
  const target = '192104';
  const returns = [
    ret(target, 2024, { 'places.total': 1, 'platform.exists': false }),
    ret(target, 2025, { 'places.total': 0, 'platform.exists': false, 'window.exists': true }),
    // A: no 居場所 in 2023, one in 2025.
    ret('192015', 2023, { 'places.total': 0, 'platform.exists': true }),
    ret('192015', 2025, { 'places.total': 2, 'platform.exists': true }),
    // B: built a platform (the earlier return lacked it), the 居場所 never.
    ret('192023', 2024, { 'places.total': 0, 'platform.exists': false }),
    ret('192023', 2025, { 'places.total': 0, 'platform.exists': true }),
    // C: always had a 居場所 — not an example of building one.
    ret('192031', 2023, { 'places.total': 1 }),
    ret('192031', 2025, { 'places.total': 3 }),
    // D: built one and closed it again: its latest return lacks it.
    ret('192040', 2023, { 'places.total': 0 }),
    ret('192040', 2024, { 'places.total': 1 }),
    ret('192040', 2025, { 'places.total': 0 }),
    // E: not known earlier (empty item), has one now — not known to have lacked it.
    ret('192058', 2023, { 'places.total': null }),
    ret('192058', 2025, { 'places.total': 1 }),
    // F: one return only.
    ret('192066', 2025, { 'places.total': 4 }),
  ];

  it('uses the latest accepted return of the town for what it lacks', () => {
    const found = lackedThenBuiltFrom(target, returns);
    expect(found.lacks).toEqual(['プラットフォーム', '居場所']);
    expect(found.fiscalYear).toBe(2025);
    expect(found.towns).toEqual([
      { municipalityCode: '192015', built: ['居場所'] },
      { municipalityCode: '192023', built: ['プラットフォーム'] },
    ]);
  });

  it('finds nothing for a town with no return, or one that lacks nothing known', () => {
    expect(lackedThenBuiltFrom('190004', returns)).toEqual({ lacks: [], fiscalYear: null, towns: [] });
    expect(lackedThenBuiltFrom('192066', returns)).toEqual({ lacks: [], fiscalYear: 2025, towns: [] });
  });
});
