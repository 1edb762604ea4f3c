import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followUpWindows } from '../../src/read/follow-up.js';
import { driver, openTestLedger, type TestLedger } from './support.js';

const ON = '2025-06-30';
// regularWeeks 8: 2025-05-06 … 2025-06-30; absentWeeks 3: 2025-06-10 … 2025-06-30.

describe('follow-up list', () => {
  let test: TestLedger;
  let centre: string;
  const kids: Record<string, string> = {};

  beforeAll(async () => {
    test = await openTestLedger();
    const d = driver(test.ledger);
    centre = await d.openCentre('Novi Pazar');
    const other = await d.openCentre('Tutin');
    const at = new Map<string, string>();
    for (const date of ['2025-04-01', '2025-04-02', '2025-04-03', '2025-04-04', '2025-05-05', '2025-05-06', '2025-05-10', '2025-05-17', '2025-05-24', '2025-05-31', '2025-06-09', '2025-06-10', '2025-06-12']) {
      at.set(date, await d.scheduleWorkshop(centre, date));
    }
    const elsewhere = new Map<string, string>();
    for (const date of ['2025-05-10', '2025-05-17', '2025-05-24', '2025-05-31']) elsewhere.set(date, await d.scheduleWorkshop(other, date));

    const attend = async (name: string, home: string, birthYear: number, dates: string[], where = at) => {
      kids[name] = await d.registerParticipant(home, { birthYear });
      for (const date of dates) await d.recordAttendance(where.get(date)!, [kids[name]!]);
    };
    const regular = ['2025-05-10', '2025-05-17', '2025-05-24', '2025-05-31'];
    await attend('regularThenGone', centre, 2015, regular);
    await attend('cameBackLately', centre, 2015, ['2025-05-10', '2025-05-17', '2025-05-24', '2025-06-12']);
    await attend('onlyThree', centre, 2015, ['2025-05-10', '2025-05-17', '2025-05-24']);
    await attend('adult', centre, 2000, regular);
    await attend('turns18ThisYear', centre, 2007, regular);
    await attend('seventeenAtTheEdges', centre, 2008, ['2025-05-06', '2025-05-10', '2025-05-17', '2025-06-09']);
    await attend('onTheFirstAbsentDay', centre, 2015, ['2025-05-06', '2025-05-10', '2025-05-17', '2025-06-10']);
    await attend('beforeTheWindow', centre, 2015, ['2025-04-01', '2025-04-02', '2025-04-03', '2025-04-04', '2025-05-05']);
    await attend('ofAnotherCentre', other, 2015, regular);
    await attend('cameToTheOtherCentre', centre, 2015, regular, elsewhere);
    await attend('oneRemoved', centre, 2015, regular);
    await d.removeAttendance(at.get('2025-05-31')!, kids['oneRemoved']!);
  });
  afterAll(() => test.close());

  const followUp = (args: Partial<{ minSessions: number; regularWeeks: number; absentWeeks: number }> = {}) =>
    test.ledger.read.followUp({ centreId: centre, on: ON, minSessions: 4, regularWeeks: 8, absentWeeks: 3, ...args });
  const names = (rows: ReturnType<typeof followUp>) =>
    rows.map((row) => Object.entries(kids).find(([, id]) => id === row.participant.id)![0]).sort();

  it('given the windows, then both end on `on` and include it', () => {
    expect(followUpWindows({ on: ON, regularWeeks: 8, absentWeeks: 3 })).toEqual({ regularFrom: '2025-05-06', absentFrom: '2025-06-10' });
  });

  it('given the defaults, then the list holds the centre’s children who came 4+ times in 8 weeks and not in the last 3', () => {
    expect(names(followUp())).toEqual(['cameToTheOtherCentre', 'regularThenGone', 'seventeenAtTheEdges']);
  });

  it('given the list, then each row has the sessions in the window and the last date, longest absent first', () => {
    const rows = followUp();
    expect(rows.map((row) => [row.sessions, row.lastAttendedOn])).toEqual([
      [4, '2025-05-31'],
      [4, '2025-05-31'],
      [4, '2025-06-09'],
    ]);
    expect(rows.every((row) => row.participant.centreId === centre && typeof row.participant.code === 'string')).toBe(true);
  });

  it('given minSessions 3, then those with three sessions are listed too', () => {
    expect(names(followUp({ minSessions: 3 }))).toEqual(['cameToTheOtherCentre', 'oneRemoved', 'onlyThree', 'regularThenGone', 'seventeenAtTheEdges']);
  });

  it('given a longer absence asked for, then only those absent that long are listed', () => {
    // absentWeeks 4: from 2025-06-03; the one seen on 2025-06-09 is no longer absent long enough.
    expect(names(followUp({ absentWeeks: 4 }))).toEqual(['cameToTheOtherCentre', 'regularThenGone']);
  });
});
