import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suppressedCells } from '../../src/read/suppression.js';

/**
 * A reader of a shared table: they know every published cell, the table's total and every sum
 * over one dimension (each set of cells that differ in that dimension only), each if it is 5 or more
 * (a smaller one is itself suppressed wherever it is published). Each known sum with exactly one
 * unknown cell gives that cell away; given-away cells help with the next sums, until nothing more
 * comes out. Written apart from the code under test, on purpose.
 */
function recoverable(keys: string[][], counts: number[], suppressed: boolean[]): Set<number> {
  const known = new Set(counts.map((_, i) => i).filter((i) => !suppressed[i]));
  // The total too, unless it is itself 1 to 4 (then it is written <5 where it is shared).
  const sums: number[][] = counts.reduce((s, c) => s + c, 0) >= 5 ? [counts.map((_, i) => i)] : [];
  const width = keys[0]?.length ?? 0;
  if (width > 1) {
    for (let d = 0; d < width; d++) {
      const groups = new Map<string, number[]>();
      keys.forEach((key, i) => {
        const rest = key.filter((_, j) => j !== d).join('|');
        groups.set(rest, [...(groups.get(rest) ?? []), i]);
      });
      // A sum of one cell is that cell: published or suppressed with it.
      for (const group of groups.values()) if (group.length > 1 && group.reduce((s, i) => s + counts[i]!, 0) >= 5) sums.push(group);
    }
  }
  const found = new Set<number>();
  for (let more = true; more; ) {
    more = false;
    for (const line of sums) {
      const unknown = line.filter((i) => !known.has(i));
      if (unknown.length === 1) {
        known.add(unknown[0]!);
        found.add(unknown[0]!);
        more = true;
      }
    }
  }
  return found;
}

const tables = fc
  .record({
    sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
    seed: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 64, maxLength: 64 }),
  })
  .map(({ sizes, seed }) => {
    // Every combination of the dimensions' values; cells with 0 are absent (as in the API).
    let combos: string[][] = [[]];
    for (const [d, size] of sizes.entries()) combos = combos.flatMap((c) => Array.from({ length: size }, (_, v) => [...c, `d${d}v${v}`]));
    const cells = combos.map((key, i) => ({ key, count: seed[i % seed.length]! % 3 === 0 ? (seed[i % seed.length]! % 5) : seed[i % seed.length]! }));
    return cells.filter((cell) => cell.count > 0);
  });

describe('small-cell suppression', () => {
  it('given any table, then every count from 1 to 4 is suppressed and no suppressed count can be worked out from the published cells and sums', () => {
    fc.assert(
      fc.property(tables, (cells) => {
        const keys = cells.map((cell) => cell.key);
        const counts = cells.map((cell) => cell.count);
        const suppressed = suppressedCells(keys, counts);
        counts.forEach((count, i) => {
          if (count >= 1 && count <= 4) expect(suppressed[i]).toBe(true);
        });
        const small = new Set(counts.map((c, i) => (c <= 4 ? i : -1)).filter((i) => i >= 0));
        const leaked = [...recoverable(keys, counts, suppressed)].filter((i) => small.has(i));
        expect(leaked).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('given no small cell, then nothing is suppressed', () => {
    expect(suppressedCells([['F'], ['M']], [12, 7])).toEqual([false, false]);
  });
});
