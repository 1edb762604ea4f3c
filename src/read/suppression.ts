/**
 * Small-cell suppression for figures that leave the organisation.
 *
 * Primary: a count of people from 1 to 4 is not published. Complementary: a reader who knows the
 * published cells and totals must not be able to work a suppressed cell out by subtraction. The
 * totals assumed known are the table's grand total (the indicator's value) and every sum over one
 * dimension (each "line": the cells that differ only in that dimension). So wherever a line of two
 * or more cells holds exactly one suppressed cell, its smallest other cell is suppressed too,
 * until no line has exactly one. A line of a single cell is its own sum, which is never published
 * on its own (only cells and the grand total are).
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
  for (let dimension = 0; dimension < width; dimension++) {
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
  const lines = linesOf(keys).filter((line) => line.length > 1);
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter((index) => suppressed[index]).length !== 1) continue;
      let next: number | undefined;
      for (const index of line) {
        if (!suppressed[index] && (next === undefined || counts[index]! < counts[next]!)) next = index;
      }
      if (next !== undefined) {
        suppressed[next] = true;
        changed = true;
      }
    }
  }
  return suppressed;
}
