import { changeMembersInPlace, encodedMembers, hasMember, heldMembers, membersBytes, withMembers, type Members as MonthMembers } from './attendee-set.js';
import { addSumsInPlace, centreSpanId, changesOnce, emptyTotals, handledTypes, spanReads, totalColumns, withSums, type CentreDayView, type CentreMonthView, type Handled, type SetChange, type SpanTotals } from './centre-days.js';
import { changeHeldNumbers, emptyPackedNumbers, hasPackedMember, heldNumbers, packedNumbersBlob, withPackedNumbers, type HeldNumbers, type PackedNumbers } from './packed-sessions.js';
import { defineProjection, type EventOfType, type Lookup } from './projection.js';

/**
 * The programme's days and months: the sums over every centre (programme_totals) and the union of
 * every centre's participant sets (programme_sets), so that a programme's year summary reads a
 * dozen month rows and the days at its edges whatever the number of centres (src/read/reach.ts).
 *
 * Two views, because they change at different rates: the sums with every entry, the sets only when
 * a person is new to the day or month anywhere in the programme (or leaves it everywhere). An
 * evolve that changes no set answers the document it was given, so the row (a bitset of every
 * participant, for a month) is not written again.
 */
export const programmeDayId = (date: string) => `day|${date}`;
export const programmeMonthId = (month: string) => `month|${month}`;

const spanIds = (localDate: string) => [programmeDayId(localDate), programmeMonthId(localDate.slice(0, 7))];
const spanOf = (id: string) => id.slice(id.indexOf('|') + 1);

export type ProgrammeTotalsView = SpanTotals;

const { centre_id: _centre, ...programmeTotalColumns } = totalColumns;

const totalsChange = changesOnce();

function emptySpanTotals(id: string): SpanTotals {
  const { centreId: _, ...totals } = emptyTotals(`|${spanOf(id)}`);
  return totals;
}

export const programmeTotals = defineProjection<ProgrammeTotalsView, Handled>({
  name: 'programme_totals',
  version: 1,
  reads: spanReads,
  handles: handledTypes,
  documentIds: (event, lookup) => {
    const change = totalsChange(event, lookup);
    return change ? spanIds(change.localDate) : [];
  },
  evolve: (doc, event, id, lookup) => {
    const change = totalsChange(event, lookup);
    if (!change) return doc;
    return withSums(doc ?? emptySpanTotals(id), change.sums());
  },
  evolveInPlace: (doc, event, id, lookup) => {
    const change = totalsChange(event, lookup);
    if (!change) return doc;
    const totals = doc ?? emptySpanTotals(id);
    addSumsInPlace(totals, change.sums());
    return totals;
  },
  columns: programmeTotalColumns,
});

type SetName = 'attendees' | 'consulted' | 'served' | 'assisted';
const setNames: readonly SetName[] = ['attendees', 'consulted', 'served', 'assisted'];

/**
 * Who the programme reached in a day or a month, and the centres that reached anyone in it. A day's
 * members are its numbers packed (packed-sessions.ts: a day changes with most entries, and packed
 * it is a few bytes per child instead of a JSON list); a month's are withMembers' encoding (base64),
 * usually a bitset of everyone.
 */
export interface ProgrammeSetsView extends Record<SetName, Members> {
  readonly span: string;
  /** Sorted; asked, when a person leaves a centre's day or month, whether another centre still has them. */
  readonly centres: readonly string[];
}

/** A day's packed numbers or a month's members (withMembers' encoding), either held by a bulk replay. */
type Members = MonthMembers | PackedNumbers | HeldNumbers;

const isDay = (span: string) => span.length === 10;

function withChange(members: Members, ordinals: readonly number[], on: boolean, day: boolean): Members {
  if (!day) return withMembers(encodedMembers(members as MonthMembers), ordinals, on);
  const packed = members as PackedNumbers | HeldNumbers;
  return withPackedNumbers(typeof packed === 'string' ? packed : packed.toJSON(), ordinals, on);
}

/** withChange, in place where it can be: answers the members to store in the document (a month's, held decoded). */
function changeInPlace(members: Members, ordinals: readonly number[], on: boolean, day: boolean): Members {
  if (day) {
    const numbers = heldNumbers(members as PackedNumbers | HeldNumbers);
    changeHeldNumbers(numbers, ordinals, on);
    return numbers;
  }
  const held = heldMembers(members as MonthMembers);
  changeMembersInPlace(held, ordinals, on);
  return held;
}

/** The column the summaries read: a day's numbers as little-endian 32-bit integers (as a centre day's), a month's members decoded. */
const membersBlob = (members: Members, span: string): Buffer =>
  isDay(span) ? packedNumbersBlob(members as PackedNumbers | HeldNumbers) : membersBytes(members as MonthMembers);

/** Whether the centre's day or month (as it stands after the event) still has the participant in this set. */
function centreHas(centreId: string, span: string, name: SetName, ordinal: number, lookup: Lookup): boolean {
  const id = centreSpanId(centreId, span);
  if (!isDay(span)) {
    const month = lookup<CentreMonthView>('centre_months', id);
    return month !== undefined && hasMember(month[name], ordinal);
  }
  const day = lookup<CentreDayView>('centre_days', id);
  if (!day) return false;
  return hasPackedMember(day[name], ordinal);
}

const setsChange = changesOnce();

export const programmeSets = defineProjection<ProgrammeSetsView, Handled>({
  name: 'programme_sets',
  // 2: a day's numbers packed.
  version: 2,
  // After the centre days and months in the runner's order: a removal asks them whether anyone else still has the person.
  reads: [...spanReads, 'centre_days', 'centre_months'],
  handles: handledTypes,
  documentIds: (event, lookup) => {
    const change = setsChange(event, lookup);
    return change && setNames.some((name) => change[name]) ? spanIds(change.localDate) : [];
  },
  evolve: (doc, event, id, lookup) => {
    const change = setsChange(event, lookup);
    if (!change) return doc;
    const span = spanOf(id);
    const day = isDay(span);
    const none: Members = day ? emptyPackedNumbers : '';
    const current = doc ?? { span, centres: [], attendees: none, consulted: none, served: none, assisted: none };
    let centres = current.centres;
    const next = { ...current };
    for (const name of setNames) {
      const set: SetChange | undefined = change[name]?.();
      if (!set || set.ordinals.length === 0) continue;
      if (set.delta === 1) {
        next[name] = withChange(current[name], set.ordinals, true, day);
        if (!centres.includes(change.centreId)) centres = [...centres, change.centreId].sort();
      } else {
        const gone = set.ordinals.filter((ordinal) => !centres.some((centreId) => centreHas(centreId, span, name, ordinal, lookup)));
        next[name] = withChange(current[name], gone, false, day);
      }
    }
    // Nobody new and nobody gone: the same document, so the runner writes nothing.
    if (doc && centres === current.centres && setNames.every((name) => next[name] === current[name])) return doc;
    return { ...next, centres };
  },
  evolveInPlace: (doc, event, id, lookup) => {
    const change = setsChange(event, lookup);
    if (!change) return doc;
    const span = spanOf(id);
    const day = isDay(span);
    const none = (): Members => (day ? emptyPackedNumbers : '');
    const sets = (doc ?? { span, centres: [], attendees: none(), consulted: none(), served: none(), assisted: none() }) as { -readonly [K in keyof ProgrammeSetsView]: ProgrammeSetsView[K] };
    const centres = sets.centres as string[];
    for (const name of setNames) {
      const set: SetChange | undefined = change[name]?.();
      if (!set || set.ordinals.length === 0) continue;
      if (set.delta === 1) {
        sets[name] = changeInPlace(sets[name], set.ordinals, true, day);
        if (!centres.includes(change.centreId)) {
          centres.push(change.centreId);
          centres.sort();
        }
      } else {
        const gone = set.ordinals.filter((ordinal) => !centres.some((centreId) => centreHas(centreId, span, name, ordinal, lookup)));
        if (gone.length > 0) sets[name] = changeInPlace(sets[name], gone, false, day);
      }
    }
    return sets;
  },
  columns: {
    span: { type: 'TEXT', value: (doc) => doc.span },
    attendee_members: { type: 'BLOB', value: (doc) => membersBlob(doc.attendees, doc.span) },
    consulted_members: { type: 'BLOB', value: (doc) => membersBlob(doc.consulted, doc.span) },
    served_members: { type: 'BLOB', value: (doc) => membersBlob(doc.served, doc.span) },
    assisted_members: { type: 'BLOB', value: (doc) => membersBlob(doc.assisted, doc.span) },
  },
});
