/**
 * Small-cell suppression for figures that leave the organisation.
 *
 * Primary: a count of people from 1 to 4 is not published. Complementary: a reader who knows the
 * published cells and totals must not be able to work a suppressed cell out by subtraction. The
 * totals assumed known are the table's grand total (the indicator's value) and every sum over one
 * dimension (each "line": the cells that differ only in that dimension). So wherever a line of two
 * or more cells holds exactly one suppressed cell, its smallest other cell is suppressed too,
 * until no line has exactly one. A line of one cell is that cell: its sum is published or
 * suppressed with it. Such a cell is still the last choice for a complement, since the same measure
 * broken down by fewer dimensions may publish it. Totals of 1 to 4 are written `<5` where they are
 * shared (the XLSX), so they give nothing away either.
 */

export const SMALL_CELL_LIMIT = 5;

/** A count that must not be published: 1 to 4. */
export const isSmall = (count: number) => count > 0 && count < SMALL_CELL_LIMIT;

/** The lines (index sets) of a table whose cells are keyed by `dimensions` values each. */
export function linesOf(keys: readonly (readonly (string | null)[])[]): number[][] {
  if (keys.length === 0) return [];
  const width = keys[0]!.length;
  const lines: number[][] = [keys.map((_, index) => index)];
  if (width < 2) return lines;
  // Dimensions that are null in every key were not asked for: they make no lines of their own.
  for (let dimension = 0; dimension < width; dimension++) {
    if (keys.every((key) => key[dimension] === null)) continue;
    const byRest = new Map<string, number[]>();
    keys.forEach((key, index) => {
      const rest = JSON.stringify(key.filter((_, d) => d !== dimension));
      let line = byRest.get(rest);
      if (!line) byRest.set(rest, (line = []));
      line.push(index);
    });
    lines.push(...byRest.values());
  }
  return lines;
}

/**
 * Which cells to suppress: `keys[i]` the dimension values of cell i, `counts[i]` its count.
 * Deterministic: among equal counts the earlier cell is suppressed first.
 */
export function suppressedCells(keys: readonly (readonly (string | null)[])[], counts: readonly number[]): boolean[] {
  const suppressed = counts.map(isSmall);
  const all = linesOf(keys);
  const alone = new Set(all.filter((line) => line.length === 1).map((line) => line[0]!));
  const lines = all.filter((line) => line.length > 1);
  // Cells alone in a line come last, then the smallest count, then the earlier cell.
  const before = (a: number, b: number) => (alone.has(a) !== alone.has(b) ? !alone.has(a) : counts[a]! < counts[b]!);
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter((index) => suppressed[index]).length !== 1) continue;
      let next: number | undefined;
      for (const index of line) {
        if (!suppressed[index] && (next === undefined || before(index, next))) next = index;
      }
      if (next !== undefined) {
        suppressed[next] = true;
        changed = true;
      }
    }
  }
  return suppressed;
}
