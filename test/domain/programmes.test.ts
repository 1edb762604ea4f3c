import { describe, expect, it } from 'vitest';
import * as programmes from '../../src/domain/programmes/decider.js';
import type { ProgrammeEvent } from '../../src/domain/programmes/events.js';

const defined: ProgrammeEvent = { type: 'ProgrammeDefined', data: { programmeId: 'p1', name: 'RE!NTEGRATE II', donor: 'BMZ', from: '2025-01-01', to: '2025-12-31', centreIds: ['A', 'B'] } };
const state = [defined].reduce(programmes.evolve, programmes.initialState);
const closing = (from: string, to: string) => programmes.CloseReportingPeriod.parse({ programmeId: 'p1', reportId: `r-${from}`, from, to });

describe('programmes', () => {
  it('given a programme, when an indicator is defined twice with one code, then both versions name the same indicator', () => {
    const input = programmes.DefineIndicator.parse({ programmeId: 'p1', code: '1.1', name: 'Inclusive workshops', measure: 'WORKSHOPS_HELD', filter: { kinds: ['INCLUSIVE'] } });
    const [first] = programmes.decide({ type: 'DefineIndicator', data: input }, state, {});
    const [second] = programmes.decide({ type: 'DefineIndicator', data: { ...input, name: 'All workshops' } }, state, {});
    expect(first!.type === 'IndicatorDefined' && second!.type === 'IndicatorDefined' && first!.data.indicatorId === second!.data.indicatorId).toBe(true);
  });

  it('given no programme, when an indicator is defined, then NOT_FOUND on programmeId', () => {
    const input = programmes.DefineIndicator.parse({ programmeId: 'p9', code: '1', name: 'x', measure: 'ATTENDANCES' });
    expect(() => programmes.decide({ type: 'DefineIndicator', data: input }, programmes.initialState, {})).toThrow(expect.objectContaining({ code: 'NOT_FOUND', field: 'programmeId' }));
  });

  it('given a measure, when a filter or breakdown it cannot have is asked for, then the input is refused naming it', () => {
    const refused = (input: Record<string, unknown>) => programmes.DefineIndicator.safeParse({ programmeId: 'p1', code: '1', name: 'x', ...input });
    expect(refused({ measure: 'VOLUNTEER_HOURS', filter: { sexes: ['FEMALE'] } }).error?.issues[0]?.path).toEqual(['filter', 'sexes']);
    expect(refused({ measure: 'WORKSHOPS_HELD', disaggregateBy: ['SEX'] }).error?.issues[0]?.path).toEqual(['disaggregateBy']);
    expect(refused({ measure: 'LEGAL_AID_BENEFICIARIES', filter: { kinds: ['INCLUSIVE'] } }).error?.issues[0]?.path).toEqual(['filter', 'kinds']);
    expect(refused({ measure: 'UNIQUE_PARTICIPANTS', filter: { kinds: ['SCHOOL_SUPPORT'], minSessions: 4 }, disaggregateBy: ['SEX', 'AGE_GROUP'] }).success).toBe(true);
  });

  it('given a closed quarter, when it is closed again, then CONFLICT; another quarter closes', () => {
    const closed = programmes.decideClosing(closing('2025-01-01', '2025-03-31'), programmes.noClosedPeriods, { programme: state }).reduce(programmes.evolveClosedPeriods, programmes.noClosedPeriods);
    expect(() => programmes.decideClosing(closing('2025-01-01', '2025-03-31'), closed, { programme: state })).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(programmes.decideClosing(closing('2025-04-01', '2025-06-30'), closed, { programme: state })).toHaveLength(1);
  });

  it('given a closed quarter of a programme at A and B, then a date in it at A is late, at C or after it is not', () => {
    const closed = programmes.decideClosing(closing('2025-01-01', '2025-03-31'), programmes.noClosedPeriods, { programme: state }).reduce(programmes.evolveClosedPeriods, programmes.noClosedPeriods);
    expect(programmes.closedPeriodsAt(closed, 'A', '2025-03-31')).toHaveLength(1);
    expect(programmes.closedPeriodsAt(closed, 'C', '2025-03-31')).toEqual([]);
    expect(programmes.closedPeriodsAt(closed, 'A', '2025-04-01')).toEqual([]);
  });

  it('given no programme, when a period is closed, then NOT_FOUND', () => {
    expect(() => programmes.decideClosing(closing('2025-01-01', '2025-03-31'), programmes.noClosedPeriods, { programme: programmes.initialState })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', field: 'programmeId' }),
    );
  });
});
