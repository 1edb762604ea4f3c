import type { Dimension, IndicatorFilter } from '../domain/programmes/events.js';
import { AGE_GROUPS, ageCodeOf, dictionary, type Codes, type ContactTable } from './contact-table.js';
import type { BreakdownKey } from './reporting.js';

/**
 * Filtering, grouping and counting a {@link ContactTable}: rows are indexes into the table's
 * columns, people are counted with marks by person number, cells are found by a number made of
 * each dimension's code. Nothing here builds an object per row.
 */
export type Rows = Uint32Array;

/** Every row of a table, made once per table (rows are only read). */
const everyRow = new WeakMap<ContactTable, Rows>();
export const allRows = (table: ContactTable): Rows => {
  let rows = everyRow.get(table);
  if (!rows) {
    rows = new Uint32Array(table.length);
    for (let i = 0; i < rows.length; i++) rows[i] = i;
    everyRow.set(table, rows);
  }
  return rows;
};

/** Marks by person number, one pass per count (a Set per count was the slow part). */
let marks = new Uint32Array(1024);
let sums = new Uint32Array(1024);
let pass = 0;
/** The largest person number of each table, found once. */
const largestPerson = new WeakMap<ContactTable, number>();
function nextPass(table: ContactTable): number {
  let largest = largestPerson.get(table);
  if (largest === undefined) {
    largest = 0;
    for (let i = 0; i < table.person.length; i++) if (table.person[i]! > largest) largest = table.person[i]!;
    largestPerson.set(table, largest);
  }
  if (largest >= marks.length) {
    const size = Math.max(largest + 1, marks.length * 2);
    [marks, sums, pass] = [new Uint32Array(size), new Uint32Array(size), 0];
  }
  if (pass === 0xffffffff) [marks, pass] = [new Uint32Array(marks.length), 0];
  return ++pass;
}

/** Distinct people among the rows. */
export function distinctPeople(table: ContactTable, rows: Rows): number {
  if (rows.length === 0) return 0;
  const mark = nextPass(table);
  const person = table.person;
  let count = 0;
  for (let r = 0; r < rows.length; r++) {
    const p = person[rows[r]!]!;
    if (marks[p] !== mark) {
      marks[p] = mark;
      count += 1;
    }
  }
  return count;
}

export function totalSessions(table: ContactTable, rows: Rows): number {
  let total = 0;
  for (let r = 0; r < rows.length; r++) total += table.sessions[rows[r]!]!;
  return total;
}

/** Which codes of a dictionary a filter's list lets through (an empty list: every one). */
const allowed = <T>(values: readonly T[], wanted: readonly unknown[], valid = (_: T) => true) => (wanted.length === 0 ? null : values.map((value) => valid(value) && wanted.includes(value)));

/** The year of each date code. */
const yearsOf = (codes: Codes) => codes.dates.values.map((date) => Number(date.slice(0, 4)));

/** The rows the filter lets through, of people with at least `minSessions` sessions among them. */
export function filteredRows(table: ContactTable, filter: IndicatorFilter, codes: Codes): Rows {
  const kinds = allowed(codes.kinds.values, filter.kinds, (kind) => kind !== null);
  const sexes = allowed(codes.sexes.values, filter.sexes);
  const groups = allowed(codes.groups.values, filter.groups);
  const ages = allowed(AGE_GROUPS, filter.ageGroups);
  const years = ages ? yearsOf(codes) : [];
  let rows: Rows;
  if (!kinds && !sexes && !groups && !ages) rows = allRows(table);
  else {
    const kept = new Uint32Array(table.length);
    let n = 0;
    for (let i = 0; i < table.length; i++) {
      if (kinds && !kinds[table.kind[i]!]) continue;
      if (sexes && !sexes[table.sex[i]!]) continue;
      if (groups && !groups[table.group[i]!]) continue;
      if (ages && !ages[ageCodeOf(years[table.date[i]!]! - table.birthYear[i]!)]) continue;
      kept[n++] = i;
    }
    rows = kept.subarray(0, n);
  }
  const least = filter.minSessions ?? 1;
  if (least <= 1) return rows;
  const mark = nextPass(table);
  const { person, sessions } = table;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const p = person[i]!;
    if (marks[p] !== mark) [marks[p], sums[p]] = [mark, 0];
    sums[p] = sums[p]! + sessions[i]!;
  }
  const kept = new Uint32Array(rows.length);
  let n = 0;
  for (let r = 0; r < rows.length; r++) if (sums[person[rows[r]!]!]! >= least) kept[n++] = rows[r]!;
  return kept.subarray(0, n);
}

/** The rows a predicate on a row keeps. */
export function rowsWhere(rows: Rows, keep: (row: number) => boolean): Rows {
  const kept = new Uint32Array(rows.length);
  let n = 0;
  for (let r = 0; r < rows.length; r++) if (keep(rows[r]!)) kept[n++] = rows[r]!;
  return kept.subarray(0, n);
}

/** The dimension order cells are sorted and keyed in. */
export const dimensionOrder: readonly Dimension[] = ['SEX', 'AGE_GROUP', 'GROUP', 'KIND', 'CENTRE', 'DISTRICT', 'MONTH'];

/** One dimension over some rows of a table: each row's code, and each code's sort text and cell key. */
interface DimensionColumn {
  readonly codes: Uint16Array;
  readonly size: number;
  readonly text: (code: number) => string;
  readonly key: (code: number) => Partial<BreakdownKey>;
}

function dimensionColumn(dimension: Dimension, table: ContactTable, rows: Rows, codes: Codes, district: (centreId: string) => string | null): DimensionColumn {
  /** Each row's code of `column`, through `mapping` when the dimension is read through another. */
  const codesOf = (column: Uint16Array | Int32Array, mapping?: Uint16Array) => {
    const out = new Uint16Array(rows.length);
    if (mapping) for (let r = 0; r < rows.length; r++) out[r] = mapping[column[rows[r]!]!]!;
    else for (let r = 0; r < rows.length; r++) out[r] = column[rows[r]!]!;
    return out;
  };
  const plain = <T extends string | null>(values: readonly T[], column: Uint16Array, field: keyof BreakdownKey): DimensionColumn => ({
    codes: codesOf(column),
    size: values.length,
    text: (code) => values[code] ?? '',
    key: (code) => ({ [field]: values[code] ?? null }),
  });
  /** A dimension read through another: each code of `column` mapped once to a code of the derived values. */
  const derived = (values: readonly string[], column: Uint16Array, derive: (value: string) => string | null, field: keyof BreakdownKey): DimensionColumn => {
    const derivedValues = dictionary<string | null>();
    const mapping = Uint16Array.from(values, (value) => derivedValues.code(derive(value)));
    return {
      codes: codesOf(column, mapping),
      size: derivedValues.values.length,
      text: (code) => derivedValues.values[code] ?? '',
      key: (code) => ({ [field]: derivedValues.values[code] ?? null }),
    };
  };
  switch (dimension) {
    case 'SEX':
      return plain(codes.sexes.values, table.sex, 'sex');
    case 'GROUP':
      return plain(codes.groups.values, table.group, 'group');
    case 'KIND':
      return plain(codes.kinds.values, table.kind, 'kind');
    case 'CENTRE':
      return plain(codes.centres.values, table.centre, 'centreId');
    case 'DISTRICT':
      return derived(codes.centres.values, table.centre, district, 'district');
    case 'MONTH':
      return derived(codes.dates.values, table.date, (date) => date.slice(0, 7), 'month');
    case 'AGE_GROUP': {
      const years = yearsOf(codes);
      const out = new Uint16Array(rows.length);
      for (let r = 0; r < rows.length; r++) out[r] = ageCodeOf(years[table.date[rows[r]!]!]! - table.birthYear[rows[r]!]!);
      return { codes: out, size: AGE_GROUPS.length, text: (code) => AGE_GROUPS[code]!, key: (code) => ({ ageGroup: AGE_GROUPS[code]! }) };
    }
  }
}

const emptyKey: BreakdownKey = { sex: null, ageGroup: null, group: null, kind: null, centreId: null, district: null, month: null };

/**
 * The rows grouped by their cell, in key order (no breakdown: no cells). A row's cell is one
 * number made of its codes (each dimension a digit of its own size), so grouping a few hundred
 * thousand rows is a Map lookup by number each, and the cells' rows are laid out by counting.
 */
export function cellsOf(table: ContactTable, rows: Rows, by: readonly Dimension[], codes: Codes, district: (centreId: string) => string | null): { key: BreakdownKey; rows: Rows }[] {
  const chosen = dimensionOrder.filter((d) => by.includes(d));
  if (chosen.length === 0 || rows.length === 0) return [];
  const columns = chosen.map((dimension) => dimensionColumn(dimension, table, rows, codes, district));
  // Each row's cell number; cells numbered densely (an array) when the numbers are few, else by a Map.
  const numbers = new Float64Array(rows.length);
  let space = 1;
  for (const column of columns) {
    const digit = column.codes;
    for (let r = 0; r < rows.length; r++) numbers[r] = numbers[r]! * column.size + digit[r]!;
    space *= column.size;
  }
  const dense = space <= 1 << 16 ? new Int32Array(space).fill(-1) : undefined;
  const sparse = dense ? undefined : new Map<number, number>();
  const cellOfRow = new Uint32Array(rows.length);
  const firstRow: number[] = [];
  const sizes: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    const number = numbers[r]!;
    let cell = dense ? dense[number]! : (sparse!.get(number) ?? -1);
    if (cell === -1) {
      cell = firstRow.length;
      if (dense) dense[number] = cell;
      else sparse!.set(number, cell);
      firstRow.push(r);
      sizes.push(0);
    }
    cellOfRow[r] = cell;
    sizes[cell]! += 1;
  }
  // Each cell's rows in the order read.
  const starts = new Uint32Array(sizes.length + 1);
  for (let c = 0; c < sizes.length; c++) starts[c + 1] = starts[c]! + sizes[c]!;
  const next = starts.slice(0, sizes.length);
  const laid = new Uint32Array(rows.length);
  for (let r = 0; r < rows.length; r++) laid[next[cellOfRow[r]!]!++] = rows[r]!;
  return firstRow
    .map((r, cell) => {
      const digits = columns.map((column) => column.codes[r]!);
      return { id: columns.map((column, d) => `${column.text(digits[d]!)}\u0001`).join(''), cell, digits };
    })
    .sort(({ id: a }, { id: b }) => (a < b ? -1 : a > b ? 1 : 0))
    .map(({ cell, digits }) => ({
      key: Object.assign({ ...emptyKey }, ...columns.map((column, d) => column.key(digits[d]!))) as BreakdownKey,
      rows: laid.subarray(starts[cell]!, starts[cell + 1]!),
    }));
}
