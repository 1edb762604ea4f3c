import { describe, expect, it } from 'vitest';
import { splitPeriod } from '../../src/read/reach.js';

describe('splitting a period into whole months and edge days', () => {
  it('given a period from the 22nd to the 21st a year later, then it reads eleven whole months and the days at each edge', () => {
    expect(splitPeriod('2025-11-22', '2026-11-21')).toEqual({ months: ['2025-12', '2026-10'], days: [['2025-11-22', '2025-11-31'], ['2026-11-01', '2026-11-21']] });
  });

  it('given calendar months, then no days are read', () => {
    expect(splitPeriod('2026-01-01', '2026-12-31')).toEqual({ months: ['2026-01', '2026-12'], days: [] });
    expect(splitPeriod('2024-02-01', '2024-02-29')).toEqual({ months: ['2024-02', '2024-02'], days: [] });
  });

  it('given a period inside one month, or across two months without a whole one, then only days are read', () => {
    expect(splitPeriod('2026-03-02', '2026-03-30')).toEqual({ months: null, days: [['2026-03-02', '2026-03-30']] });
    expect(splitPeriod('2026-03-15', '2026-04-10')).toEqual({ months: null, days: [['2026-03-15', '2026-04-10']] });
  });

  it('given February of a year that is not a leap year, then the 28th ends the month', () => {
    expect(splitPeriod('2025-02-01', '2025-02-28').months).toEqual(['2025-02', '2025-02']);
    expect(splitPeriod('2025-12-15', '2026-01-31')).toEqual({ months: ['2026-01', '2026-01'], days: [['2025-12-15', '2025-12-31']] });
  });

  it('given no bounds, then every month is read and no day', () => {
    expect(splitPeriod('0000-01-01', '9999-12-31')).toEqual({ months: ['0000-01', '9999-12'], days: [] });
  });
});
