/**
 * Small-count suppression: the one module every published statistic goes through (issue 16 item 4).
 * It lives in platform, not in insights, because it is statistical-disclosure arithmetic with no
 * domain in it: insights' indicators and reports' statistics both publish through it, and keeping it
 * in either module made the two import each other (issue 20 item 1).
 *
 * A statistic is a set of counts bound by additive *lines*: each line has members and a total equal
 * to their sum (a table row and its row total, a column and its column total, the totals and the grand
 * total, a prefecture and its municipalities, the nation and its prefectures). Rules:
 *
 * - Primary: every count below the threshold is hidden. Zero is hidden too where the caller asks
 *   (report statistics do); published indicators show zero as its own state (`zero`), since "none" is
 *   what a gap list must show and reveals nobody.
 * - Complementary (secondary): a line is safe when
 *   - its total is published, and either no member is hidden, or at least two are and the hidden
 *     members together are ≥ the threshold (so no hidden cell is one subtraction away, and the hidden
 *     remainder is itself no small count), or
 *   - its total is hidden and at least one member is hidden too (else the total is one addition away).
 *   While a line is unsafe, one more of its members is hidden: the smallest published member above zero,
 *   else the total, else the smallest member. Ties go to the earlier index, so unchanged data always
 *   gives the same output.
 * - Estimates (means, shares, intervals) are published only when their n reaches the threshold.
 *
 * The output never carries the value of a hidden count.
 */
export const DEFAULT_SUPPRESSION_THRESHOLD = 10;
/** A deployment may raise or lower the threshold, never below this. */
export const MINIMUM_SUPPRESSION_THRESHOLD = 5;

/** `absent`: the count is not part of the statistic (not reported or not expected). */
export type CountState = 'shown' | 'primary' | 'secondary' | 'absent';

/** An additive line over indices into the values: the members sum to the total. */
export type Line = { members: readonly number[]; total: number };

export type SuppressionOptions = { threshold?: number; hideZero?: boolean };

export function checkedThreshold(threshold: number = DEFAULT_SUPPRESSION_THRESHOLD): number {
  if (!Number.isInteger(threshold) || threshold < MINIMUM_SUPPRESSION_THRESHOLD)
    throw new RangeError(`the suppression threshold is an integer ≥ ${MINIMUM_SUPPRESSION_THRESHOLD}`);
  return threshold;
}

/**
 * The general engine: which counts may be published. `null` values are absent (not reported, not
 * expected) and take part in no line; a line whose total is absent is ignored.
 */
export function suppressCounts(
  values: readonly (number | null)[],
  lines: readonly Line[],
  options: SuppressionOptions = {},
): CountState[] {
  const threshold = checkedThreshold(options.threshold);
  const hideZero = options.hideZero ?? false;
  for (const v of values)
    if (v !== null && (!Number.isInteger(v) || v < 0)) throw new RangeError('counts are integers ≥ 0');
  const state: CountState[] = values.map((v) => {
    if (v === null) return 'absent';
    if (v < threshold && (v > 0 || hideZero)) return 'primary';
    return 'shown';
  });
  const live = lines
    .filter((line) => values[line.total] !== null)
    .map((line) => ({ total: line.total, members: line.members.filter((m) => values[m] !== null) }));
  const value = (i: number) => values[i] as number;
  const hidden = (i: number) => state[i] === 'primary' || state[i] === 'secondary';

  const unsafe = (line: { total: number; members: number[] }): boolean => {
    const hiddenMembers = line.members.filter(hidden);
    if (hidden(line.total)) return hiddenMembers.length === 0 && line.members.length > 0;
    if (hiddenMembers.length === 0) return false;
    if (hiddenMembers.length === 1) return true;
    return hiddenMembers.reduce((sum, i) => sum + value(i), 0) < threshold;
  };
  const smallest = (candidates: number[]): number | undefined =>
    candidates.reduce<number | undefined>(
      (best, i) => (best === undefined || value(i) < value(best) ? i : best),
      undefined,
    );

  for (let changed = true; changed; ) {
    changed = false;
    for (const line of live) {
      if (!unsafe(line)) continue;
      const shownMembers = line.members.filter((i) => !hidden(i));
      const pick =
        smallest(shownMembers.filter((i) => value(i) > 0)) ??
        (hidden(line.total) ? smallest(shownMembers) : line.total);
      if (pick === undefined) continue;
      state[pick] = 'secondary';
      changed = true;
    }
  }
  return state;
}

// ---------------------------------------------------------------------------------------------
// Tables with margins (report statistics)

export type CellState = 'shown' | 'primary' | 'secondary';
export type PublishedCell = { value: number | null; state: CellState };
export type PublishedTable = {
  cells: PublishedCell[][];
  rowTotals: PublishedCell[];
  columnTotals: PublishedCell[];
  grandTotal: PublishedCell;
};

/** A rows × columns table of counts published with its row, column and grand totals. */
export function suppressTable(
  values: readonly (readonly number[])[],
  options: SuppressionOptions = {},
): PublishedTable {
  const rows = values.length;
  const columns = values[0]?.length ?? 0;
  for (const row of values)
    if (row.length !== columns) throw new RangeError('every row needs the same number of columns');
  const rowTotal = values.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotal = Array.from({ length: columns }, (_, j) => values.reduce((a, row) => a + row[j]!, 0));
  const grand = rowTotal.reduce((a, b) => a + b, 0);

  // Layout: cells row by row, then row totals, column totals, grand total.
  const flat = [...values.flat(), ...rowTotal, ...columnTotal, grand];
  const cell = (i: number, j: number) => i * columns + j;
  const rowAt = (i: number) => rows * columns + i;
  const columnAt = (j: number) => rows * columns + rows + j;
  const grandAt = rows * columns + rows + columns;
  const lines: Line[] = [];
  for (let i = 0; i < rows; i++)
    lines.push({ members: Array.from({ length: columns }, (_, j) => cell(i, j)), total: rowAt(i) });
  for (let j = 0; j < columns; j++)
    lines.push({ members: Array.from({ length: rows }, (_, i) => cell(i, j)), total: columnAt(j) });
  if (rows > 0 && columns > 0) {
    lines.push({ members: Array.from({ length: columns }, (_, j) => columnAt(j)), total: grandAt });
    lines.push({ members: Array.from({ length: rows }, (_, i) => rowAt(i)), total: grandAt });
  }
  const states = suppressCounts(flat, lines, { hideZero: true, ...options });
  const publish = (at: number): PublishedCell => {
    const state = states[at] as CellState;
    return { value: state === 'shown' ? flat[at]! : null, state };
  };
  return {
    cells: values.map((row, i) => row.map((_, j) => publish(cell(i, j)))),
    rowTotals: rowTotal.map((_, i) => publish(rowAt(i))),
    columnTotals: columnTotal.map((_, j) => publish(columnAt(j))),
    grandTotal: publish(grandAt),
  };
}

/** How a published table cell is printed (web and CSV alike). */
export function displayCell(cell: PublishedCell, threshold = DEFAULT_SUPPRESSION_THRESHOLD): string {
  if (cell.state === 'primary') return `＜${threshold}`;
  if (cell.state === 'secondary') return '＊';
  return String(cell.value);
}

// ---------------------------------------------------------------------------------------------
// Hierarchies (nation → prefecture → municipality) and published indicator states

/** The five states a published figure can take, on screen and in every file. */
export const PUBLISHED_STATES = ['value', 'zero', 'suppressed', 'not_reported', 'not_expected'] as const;
export type PublishedState = (typeof PUBLISHED_STATES)[number];
export type PublishedFigure = {
  state: PublishedState;
  value: number | null;
  lower: number | null;
  upper: number | null;
};

/** A node of a hierarchy: leaves carry a count or why they have none; parents are summed. */
export type HierarchyNode = {
  id: string;
  parent: string | null;
  /** Leaves only: the count, or the reason there is none. */
  count?: number | 'not_reported' | 'not_expected';
};

/**
 * Publishes counts over a tree (e.g. nation → prefectures → municipalities): each parent's published
 * total is the sum of its reported children, and every parent–children group is a line, so no hidden
 * municipality is its prefecture minus its other municipalities. A parent with no reported child is
 * `not_reported` (or `not_expected` when none of its children was expected).
 */
export function suppressHierarchy(
  nodes: readonly HierarchyNode[],
  options: SuppressionOptions = {},
): Map<string, PublishedFigure> {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const children = new Map<string, number[]>();
  for (const [i, n] of nodes.entries()) {
    if (n.parent === null) continue;
    if (!index.has(n.parent)) throw new RangeError(`unknown parent ${n.parent}`);
    children.set(n.parent, [...(children.get(n.parent) ?? []), i]);
  }
  const values: (number | null)[] = new Array(nodes.length).fill(null);
  const absentAs: ('not_reported' | 'not_expected')[] = new Array(nodes.length).fill('not_reported');
  const visit = (i: number, depth: number): void => {
    if (depth > nodes.length) throw new RangeError('the hierarchy has a cycle');
    const kids = children.get(nodes[i]!.id);
    if (!kids) {
      const count = nodes[i]!.count;
      if (typeof count === 'number') values[i] = count;
      else absentAs[i] = count ?? 'not_reported';
      return;
    }
    for (const k of kids) visit(k, depth + 1);
    const reported = kids.filter((k) => values[k] !== null);
    if (reported.length > 0) values[i] = reported.reduce((s, k) => s + (values[k] as number), 0);
    else absentAs[i] = kids.every((k) => absentAs[k] === 'not_expected') ? 'not_expected' : 'not_reported';
  };
  for (const [i, n] of nodes.entries()) if (n.parent === null) visit(i, 0);
  const lines: Line[] = [...children.entries()].map(([id, kids]) => ({
    total: index.get(id)!,
    members: kids,
  }));
  const states = suppressCounts(values, lines, options);
  const out = new Map<string, PublishedFigure>();
  for (const [i, n] of nodes.entries())
    out.set(n.id, publishCount(values[i] ?? null, states[i]!, absentAs[i]!));
  return out;
}

function publishCount(
  value: number | null,
  state: CountState,
  absentAs: 'not_reported' | 'not_expected',
): PublishedFigure {
  if (state === 'absent' || value === null) return { state: absentAs, value: null, lower: null, upper: null };
  if (state !== 'shown') return { state: 'suppressed', value: null, lower: null, upper: null };
  return { state: value === 0 ? 'zero' : 'value', value, lower: null, upper: null };
}

/**
 * A mean, share or other estimate over n persons: published with its interval only when n reaches the
 * threshold. n = 0 is "nobody to measure", shown as not reported rather than as a zero value.
 */
export function publishEstimate(
  estimate: { n: number; value: number | null; lower?: number | null; upper?: number | null },
  options: SuppressionOptions = {},
): PublishedFigure {
  const threshold = checkedThreshold(options.threshold);
  if (estimate.n <= 0 || estimate.value === null)
    return { state: 'not_reported', value: null, lower: null, upper: null };
  if (estimate.n < threshold) return { state: 'suppressed', value: null, lower: null, upper: null };
  return {
    state: estimate.value === 0 ? 'zero' : 'value',
    value: estimate.value,
    lower: estimate.lower ?? null,
    upper: estimate.upper ?? null,
  };
}

/** The printed form of a published figure in files: the number, or a word for each other state. */
export const STATE_LABELS: Record<Exclude<PublishedState, 'value'>, { ja: string; en: string }> = {
  zero: { ja: '0', en: '0' },
  suppressed: { ja: '秘匿', en: 'suppressed' },
  not_reported: { ja: '未報告', en: 'not reported' },
  not_expected: { ja: '対象外', en: 'not expected' },
};
