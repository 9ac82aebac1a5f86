import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CountState,
  displayCell,
  type HierarchyNode,
  type Line,
  publishEstimate,
  suppressCounts,
  suppressHierarchy,
  suppressTable,
} from './suppression.ts';

/**
 * The safety rules, checked from the published output alone: for every additive line (row, column,
 * margins, parent and children),
 * - a published total with hidden members has at least two of them, and they sum to ≥ the threshold
 *   (one subtraction gives only their sum, never one of them, and that sum is no small count);
 * - a hidden total has at least one hidden member (one addition does not give it back).
 */
function checkLines(
  values: readonly (number | null)[],
  states: CountState[],
  lines: Line[],
  threshold: number,
) {
  const hidden = (i: number) => states[i] === 'primary' || states[i] === 'secondary';
  for (const line of lines) {
    if (values[line.total] === null) continue;
    const members = line.members.filter((m) => values[m] !== null);
    const hiddenMembers = members.filter(hidden);
    if (hidden(line.total)) {
      if (members.length > 0) expect(hiddenMembers.length).toBeGreaterThan(0);
    } else if (hiddenMembers.length > 0) {
      expect(hiddenMembers.length).toBeGreaterThanOrEqual(2);
      expect(hiddenMembers.reduce((s, m) => s + values[m]!, 0)).toBeGreaterThanOrEqual(threshold);
    }
  }
}

const thresholdArb = fc.integer({ min: 5, max: 15 });
const tableArb = fc.integer({ min: 1, max: 6 }).chain((columns) =>
  fc.array(fc.array(fc.nat({ max: 40 }), { minLength: columns, maxLength: columns }), {
    minLength: 1,
    maxLength: 8,
  }),
);

/** A random nation → prefectures → municipalities tree with counts, gaps and not-expected towns. */
const hierarchyArb = fc
  .array(
    fc.array(
      fc.oneof(
        { weight: 6, arbitrary: fc.nat({ max: 60 }) },
        { weight: 1, arbitrary: fc.constant('not_reported' as const) },
        { weight: 1, arbitrary: fc.constant('not_expected' as const) },
      ),
      { minLength: 1, maxLength: 9 },
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((prefectures) => {
    const nodes: HierarchyNode[] = [{ id: 'JP', parent: null }];
    prefectures.forEach((towns, p) => {
      nodes.push({ id: `P${p}`, parent: 'JP' });
      towns.forEach((count, t) => {
        nodes.push({ id: `P${p}-${t}`, parent: `P${p}`, count });
      });
    });
    return nodes;
  });

describe('small-count suppression (one module for every published statistic)', () => {
  it('hides every count under the threshold (zero too in report tables) and shows the rest', () => {
    const t = suppressTable([
      [12, 30],
      [15, 40],
    ]);
    expect(t.cells.flat().map((c) => displayCell(c))).toEqual(['12', '30', '15', '40']);
    expect(displayCell(t.grandTotal)).toBe('97');
    const small = suppressTable([[0, 3, 25]], { hideZero: true });
    // 0 and 3 are hidden; 28 − 25 would give their sum 3, a small count: 25 is hidden too.
    expect(small.cells[0]!.map((c) => c.state)).toEqual(['primary', 'primary', 'secondary']);
    expect(displayCell(small.cells[0]![0]!)).toBe('＜10');
  });

  it('adds a complementary cell where a total would reveal a single hidden one', () => {
    // Row 0: 5 is hidden; with 20 and the row total 45 shown, 5 = 45 − 20 − 20. One more must go.
    const t = suppressTable([
      [5, 20, 20],
      [30, 30, 30],
    ]);
    expect(t.cells[0]![0]!.state).toBe('primary');
    const hiddenInRow = [...t.cells[0]!, t.rowTotals[0]!].filter((c) => c.state !== 'shown');
    expect(hiddenInRow.length).toBeGreaterThanOrEqual(2);
    expect(hiddenInRow.some((c) => c.state === 'secondary')).toBe(true);
    expect(JSON.stringify(t)).not.toMatch(/"value":5[,}]/);
  });

  it('hides more than one small cell when the hidden ones together stay under the threshold', () => {
    // 2 and 3 are hidden, but 45 − 40 = 5 would tell that the two together are 5: a third must go.
    const states = suppressCounts([2, 3, 40, 45], [{ members: [0, 1, 2], total: 3 }]);
    expect(states).toEqual(['primary', 'primary', 'secondary', 'shown']);
  });

  it('refuses a threshold below 5', () => {
    expect(() => suppressCounts([1], [], { threshold: 4 })).toThrow(RangeError);
    expect(() => publishEstimate({ n: 20, value: 1 }, { threshold: 3 })).toThrow(RangeError);
  });

  it('property (tables with margins): no hidden cell is one subtraction away, hidden groups sum to ≥ the threshold, output is deterministic', () => {
    fc.assert(
      fc.property(tableArb, thresholdArb, fc.boolean(), (values, threshold, hideZero) => {
        const t = suppressTable(values, { threshold, hideZero });
        const rows = values.length;
        const columns = values[0]!.length;
        const flatValues = [
          ...values.flat(),
          ...values.map((r) => r.reduce((a, b) => a + b, 0)),
          ...Array.from({ length: columns }, (_, j) => values.reduce((a, r) => a + r[j]!, 0)),
          values.flat().reduce((a, b) => a + b, 0),
        ];
        const flatStates = [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.grandTotal].map(
          (c) => c.state,
        );
        const cell = (i: number, j: number) => i * columns + j;
        const lines: Line[] = [];
        for (let i = 0; i < rows; i++)
          lines.push({
            members: Array.from({ length: columns }, (_, j) => cell(i, j)),
            total: rows * columns + i,
          });
        for (let j = 0; j < columns; j++)
          lines.push({
            members: Array.from({ length: rows }, (_, i) => cell(i, j)),
            total: rows * columns + rows + j,
          });
        const grand = rows * columns + rows + columns;
        lines.push({
          members: Array.from({ length: columns }, (_, j) => rows * columns + rows + j),
          total: grand,
        });
        lines.push({ members: Array.from({ length: rows }, (_, i) => rows * columns + i), total: grand });
        checkLines(flatValues, flatStates, lines, threshold);
        // Primary rule, exact shown values, no hidden value in the output.
        values.forEach((row, i) => {
          row.forEach((v, j) => {
            const c = t.cells[i]![j]!;
            if (v < threshold && (v > 0 || hideZero)) expect(c.state).toBe('primary');
            if (c.state === 'shown') expect(c.value).toBe(v);
            else expect(c.value).toBeNull();
          });
        });
        expect(suppressTable(values, { threshold, hideZero })).toEqual(t);
      }),
      { numRuns: 300 },
    );
  });

  it('property (hierarchies): no municipality is its prefecture minus the others, no prefecture the nation minus the others; deterministic', () => {
    fc.assert(
      fc.property(hierarchyArb, thresholdArb, (nodes, threshold) => {
        const published = suppressHierarchy(nodes, { threshold });
        // Rebuild the true counts and the parent lines from the input.
        const value = new Map<string, number | null>();
        for (const n of nodes) if (typeof n.count === 'number') value.set(n.id, n.count);
        for (const n of [...nodes].reverse()) {
          if (n.count !== undefined) continue;
          const kids = nodes.filter((k) => k.parent === n.id).map((k) => value.get(k.id) ?? null);
          const reported = kids.filter((v): v is number => v !== null);
          value.set(n.id, reported.length ? reported.reduce((a, b) => a + b, 0) : null);
        }
        const ids = nodes.map((n) => n.id);
        const values = ids.map((id) => value.get(id) ?? null);
        const states = ids.map((id): CountState => {
          const p = published.get(id)!;
          if (p.state === 'suppressed') return 'secondary';
          if (p.state === 'value' || p.state === 'zero') return 'shown';
          return 'absent';
        });
        const lines: Line[] = nodes
          .filter((n) => n.count === undefined)
          .map((n) => ({
            total: ids.indexOf(n.id),
            members: nodes.filter((k) => k.parent === n.id).map((k) => ids.indexOf(k.id)),
          }));
        checkLines(values, states, lines, threshold);
        for (const [i, n] of nodes.entries()) {
          const p = published.get(n.id)!;
          if (typeof n.count === 'number' && n.count > 0 && n.count < threshold)
            expect(p.state).toBe('suppressed');
          if (n.count === 'not_reported') expect(p.state).toBe('not_reported');
          if (n.count === 'not_expected') expect(p.state).toBe('not_expected');
          if (p.state === 'value' || p.state === 'zero') expect(p.value).toBe(values[i]);
          else expect(p.value).toBeNull();
        }
        expect(suppressHierarchy(nodes, { threshold })).toEqual(published);
      }),
      { numRuns: 300 },
    );
  });

  it('publishes means and intervals only for n ≥ the threshold', () => {
    expect(publishEstimate({ n: 9, value: 4.2, lower: 1, upper: 7 })).toEqual({
      state: 'suppressed',
      value: null,
      lower: null,
      upper: null,
    });
    expect(publishEstimate({ n: 10, value: 4.2, lower: 1, upper: 7 })).toEqual({
      state: 'value',
      value: 4.2,
      lower: 1,
      upper: 7,
    });
    expect(publishEstimate({ n: 0, value: null }).state).toBe('not_reported');
    expect(publishEstimate({ n: 6, value: 4.2 }, { threshold: 5 }).state).toBe('value');
  });

  it('tells zero, suppressed, not reported and not expected apart', () => {
    const published = suppressHierarchy([
      { id: 'P', parent: null },
      { id: 'a', parent: 'P', count: 0 },
      { id: 'b', parent: 'P', count: 3 },
      { id: 'c', parent: 'P', count: 'not_reported' },
      { id: 'd', parent: 'P', count: 'not_expected' },
      { id: 'e', parent: 'P', count: 40 },
    ]);
    expect(published.get('a')!.state).toBe('zero');
    expect(published.get('b')!.state).toBe('suppressed');
    expect(published.get('c')!.state).toBe('not_reported');
    expect(published.get('d')!.state).toBe('not_expected');
    // 3 alone would be 43 − 40 − 0: the 40 (or the total) is hidden too.
    expect([published.get('e')!.state, published.get('P')!.state]).toContain('suppressed');
  });
});
