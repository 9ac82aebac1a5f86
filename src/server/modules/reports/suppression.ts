/**
 * Small-count suppression for published statistics (BRIEF: only aggregates with small counts
 * suppressed leave a municipality).
 *
 * Primary: every count below the threshold (10) is hidden, zero included, and shown as "＜10".
 * Secondary: a table has margins (row totals, column totals, grand total); in any line where exactly
 * one member is hidden, that member could be computed from the others, so one more member of that
 * line — the smallest shown interior cell, else the smallest shown total — is hidden too ("＊"). This
 * repeats until no line has exactly one hidden member.
 *
 * The output never carries the value of a hidden cell.
 */
export const SUPPRESSION_THRESHOLD = 10;

export type CellState = 'shown' | 'primary' | 'secondary';
export type PublishedCell = { value: number | null; state: CellState };
export type PublishedTable = {
  cells: PublishedCell[][];
  rowTotals: PublishedCell[];
  columnTotals: PublishedCell[];
  grandTotal: PublishedCell;
};

type Member = { kind: 'cell' | 'total'; get: () => number; state: () => CellState; hide: () => void };

export function suppressTable(values: readonly (readonly number[])[], threshold = SUPPRESSION_THRESHOLD) {
  const rows = values.length;
  const columns = values[0]?.length ?? 0;
  for (const row of values) {
    if (row.length !== columns) throw new RangeError('every row needs the same number of columns');
    for (const v of row) if (!Number.isInteger(v) || v < 0) throw new RangeError('counts are integers ≥ 0');
  }
  const rowTotal = values.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotal = Array.from({ length: columns }, (_, j) => values.reduce((a, row) => a + row[j]!, 0));
  const grand = rowTotal.reduce((a, b) => a + b, 0);

  const primary = (v: number): CellState => (v < threshold ? 'primary' : 'shown');
  const cellState = values.map((row) => row.map(primary));
  const rowState = rowTotal.map(primary);
  const columnState = columnTotal.map(primary);
  let grandState = primary(grand);

  const cell = (i: number, j: number): Member => ({
    kind: 'cell',
    get: () => values[i]![j]!,
    state: () => cellState[i]![j]!,
    hide: () => {
      cellState[i]![j] = 'secondary';
    },
  });
  const rowMember = (i: number): Member => ({
    kind: 'total',
    get: () => rowTotal[i]!,
    state: () => rowState[i]!,
    hide: () => {
      rowState[i] = 'secondary';
    },
  });
  const columnMember = (j: number): Member => ({
    kind: 'total',
    get: () => columnTotal[j]!,
    state: () => columnState[j]!,
    hide: () => {
      columnState[j] = 'secondary';
    },
  });
  const grandMember: Member = {
    kind: 'total',
    get: () => grand,
    state: () => grandState,
    hide: () => {
      grandState = 'secondary';
    },
  };

  // Every additive line of the table: its members sum to its total (which is a member too).
  const lines: Member[][] = [];
  for (let i = 0; i < rows; i++)
    lines.push([...Array.from({ length: columns }, (_, j) => cell(i, j)), rowMember(i)]);
  for (let j = 0; j < columns; j++)
    lines.push([...Array.from({ length: rows }, (_, i) => cell(i, j)), columnMember(j)]);
  if (rows > 0 && columns > 0) {
    lines.push([...Array.from({ length: columns }, (_, j) => columnMember(j)), grandMember]);
    lines.push([...Array.from({ length: rows }, (_, i) => rowMember(i)), grandMember]);
  }

  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const hidden = line.filter((m) => m.state() !== 'shown').length;
      if (hidden !== 1) continue;
      const shown = line.filter((m) => m.state() === 'shown');
      const pool = shown.some((m) => m.kind === 'cell') ? shown.filter((m) => m.kind === 'cell') : shown;
      const smallest = pool.reduce((a, b) => (b.get() < a.get() ? b : a));
      smallest.hide();
      changed = true;
    }
  }

  const publish = (value: number, state: CellState): PublishedCell => ({
    value: state === 'shown' ? value : null,
    state,
  });
  return {
    cells: values.map((row, i) => row.map((v, j) => publish(v, cellState[i]![j]!))),
    rowTotals: rowTotal.map((v, i) => publish(v, rowState[i]!)),
    columnTotals: columnTotal.map((v, j) => publish(v, columnState[j]!)),
    grandTotal: publish(grand, grandState),
  } satisfies PublishedTable;
}

/** How a published cell is printed (web and CSV alike). */
export function displayCell(cell: PublishedCell): string {
  if (cell.state === 'primary') return `＜${SUPPRESSION_THRESHOLD}`;
  if (cell.state === 'secondary') return '＊';
  return String(cell.value);
}
