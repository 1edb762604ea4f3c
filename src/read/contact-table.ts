import { AgeGroup } from '../domain/programmes/events.js';
import { ageGroupOf } from './reporting.js';

/**
 * A scope's contacts as columns of numbers: one row per person and kind of contact at a centre
 * in a span (read from the aggregates) or per session (read from the entries). A year's report
 * counts a few hundred thousand such rows for each of its indicators; as typed arrays they are
 * filtered, grouped and counted without an object per row (./measures.ts).
 *
 * Strings (centres, dates, kinds, sexes, groups, workshops) are numbered by the scope's
 * {@link Codes}, shared by all its tables, so tables join by copying columns.
 */
export interface ContactTable {
  readonly length: number;
  /** The person counted (a merged one as the one kept): a participant number, or a number given by the scope. */
  readonly person: Uint32Array;
  /** How many sessions the row stands for. */
  readonly sessions: Uint32Array;
  readonly centre: Uint16Array;
  /** YYYY-MM-DD (a session), YYYY-MM (a month's) or YYYY (a calendar year's). */
  readonly date: Uint16Array;
  /** The workshop's kind; the code of null for any other contact. */
  readonly kind: Uint16Array;
  readonly sex: Uint16Array;
  readonly group: Uint16Array;
  readonly birthYear: Int32Array;
  /** The workshop of each row, only in tables read from the entries' attendance (a workshop count filtered by who attended). */
  readonly workshop?: Uint32Array;
}

/** Values numbered as they come: `values[code(v)] === v`. */
export interface Dictionary<T> {
  readonly values: readonly T[];
  code(value: T): number;
}

export function dictionary<T>(): Dictionary<T> {
  const values: T[] = [];
  const known = new Map<T, number>();
  return {
    values,
    code(value) {
      let code = known.get(value);
      if (code === undefined) {
        known.set(value, (code = values.length));
        values.push(value);
      }
      return code;
    },
  };
}

/** The dictionaries of one scope's tables. */
export interface Codes {
  readonly centres: Dictionary<string>;
  readonly dates: Dictionary<string>;
  readonly kinds: Dictionary<string | null>;
  readonly sexes: Dictionary<string>;
  readonly groups: Dictionary<string>;
  readonly workshops: Dictionary<string>;
  /** Participant ids numbered, for rows read from the entries (the aggregates carry numbers). */
  readonly people: Dictionary<string | number>;
}

export const newCodes = (): Codes => ({
  centres: dictionary(),
  dates: dictionary(),
  kinds: dictionary(),
  sexes: dictionary(),
  groups: dictionary(),
  workshops: dictionary(),
  people: dictionary(),
});

/** One row's values, codes already given. */
export interface RowValues {
  person: number;
  sessions: number;
  centre: number;
  date: number;
  kind: number;
  sex: number;
  group: number;
  birthYear: number;
  workshop?: number;
}

/** A table's columns with room for `capacity` rows, to be filled from the start. */
export function emptyColumns(capacity: number, withWorkshops = false) {
  return {
    person: new Uint32Array(capacity),
    sessions: new Uint32Array(capacity),
    centre: new Uint16Array(capacity),
    date: new Uint16Array(capacity),
    kind: new Uint16Array(capacity),
    sex: new Uint16Array(capacity),
    group: new Uint16Array(capacity),
    birthYear: new Int32Array(capacity),
    workshop: withWorkshops ? new Uint32Array(capacity) : undefined,
  };
}
export type Columns = ReturnType<typeof emptyColumns>;

/** The first `length` rows of columns filled in place, as a table (views of them, not copies). */
export function tableOfColumns(c: Columns, length: number): ContactTable {
  return {
    length,
    person: c.person.subarray(0, length),
    sessions: c.sessions.subarray(0, length),
    centre: c.centre.subarray(0, length),
    date: c.date.subarray(0, length),
    kind: c.kind.subarray(0, length),
    sex: c.sex.subarray(0, length),
    group: c.group.subarray(0, length),
    birthYear: c.birthYear.subarray(0, length),
    ...(c.workshop ? { workshop: c.workshop.subarray(0, length) } : {}),
  };
}

/**
 * Columns to fill and then copy out with {@link copyOfColumns}, shared by every call: a report
 * fills a few of them with up to a few hundred thousand rows, and zeroing new ones was a tenth of its time.
 */
let scratch = emptyColumns(0);
export function scratchColumns(capacity: number): Columns {
  if (scratch.person.length < capacity) scratch = emptyColumns(Math.max(capacity, scratch.person.length * 2));
  return scratch;
}

/** The first `length` rows of columns as a table of its own (copies). */
export function copyOfColumns(c: Columns, length: number): ContactTable {
  return {
    length,
    person: c.person.slice(0, length),
    sessions: c.sessions.slice(0, length),
    centre: c.centre.slice(0, length),
    date: c.date.slice(0, length),
    kind: c.kind.slice(0, length),
    sex: c.sex.slice(0, length),
    group: c.group.slice(0, length),
    birthYear: c.birthYear.slice(0, length),
  };
}

/** Rows appended one by one into growing columns (rows read from the entries, a few per request). */
export function tableBuilder(withWorkshops = false) {
  let length = 0;
  let columns = emptyColumns(1024, withWorkshops);
  return {
    push(person: number, sessions: number, centre: number, date: number, kind: number, sex: number, group: number, birthYear: number, workshop = 0) {
      if (length === columns.person.length) {
        const grown = emptyColumns(length * 2, withWorkshops);
        for (const name of Object.keys(columns) as (keyof Columns)[]) if (columns[name]) grown[name]!.set(columns[name] as never);
        columns = grown;
      }
      const c = columns;
      c.person[length] = person;
      c.sessions[length] = sessions;
      c.centre[length] = centre;
      c.date[length] = date;
      c.kind[length] = kind;
      c.sex[length] = sex;
      c.group[length] = group;
      c.birthYear[length] = birthYear;
      if (c.workshop) c.workshop[length] = workshop;
      length += 1;
    },
    finish: (): ContactTable => tableOfColumns(columns, length),
  };
}

/** Tables one after another (of the same scope's codes). */
export function joinTables(tables: readonly ContactTable[]): ContactTable {
  if (tables.length === 1) return tables[0]!;
  const length = tables.reduce((n, t) => n + t.length, 0);
  const join = <A extends Uint32Array | Uint16Array | Int32Array>(make: new (n: number) => A, column: (t: ContactTable) => A) => {
    const out = new make(length);
    let at = 0;
    for (const t of tables) {
      out.set(column(t), at);
      at += t.length;
    }
    return out;
  };
  return {
    length,
    person: join(Uint32Array, (t) => t.person),
    sessions: join(Uint32Array, (t) => t.sessions),
    centre: join(Uint16Array, (t) => t.centre),
    date: join(Uint16Array, (t) => t.date),
    kind: join(Uint16Array, (t) => t.kind),
    sex: join(Uint16Array, (t) => t.sex),
    group: join(Uint16Array, (t) => t.group),
    birthYear: join(Int32Array, (t) => t.birthYear),
  };
}

export const AGE_GROUPS: readonly AgeGroup[] = AgeGroup.options;
const ageCodes = new Map(AGE_GROUPS.map((group, code) => [group, code]));
/** Ages from -200 to 299 looked up rather than compared and mapped per row. */
const byAge = Uint8Array.from({ length: 500 }, (_, i) => ageCodes.get(ageGroupOf(i - 200))!);
/** The code of a person's age group at an age (index into {@link AGE_GROUPS}), as ageGroupOf (./reporting.ts) has it. */
export const ageCodeOf = (age: number): number => (age >= -200 && age < 300 ? byAge[age + 200]! : ageCodes.get(ageGroupOf(age))!);
