import { describe, expect, it } from 'vitest';
import { volunteerHours, volunteers, type VolunteerHoursView } from '../../projections/volunteers.js';
import { columnsOf, docOf, project, recorded } from '../support/projection.js';

const registered = recorded('VolunteerRegistered', { volunteerId: 'v1', centreId: 'c1', personal: { name: 'Marko Jovanović' } }, { at: '2025-02-01T10:00:00.000Z' });
const logged = (entryId: string, extra: { centreId?: string; date?: string; hours?: number } = {}, at = '2025-03-10T18:00:00.000Z') =>
  recorded(
    'VolunteerHoursLogged',
    { entryId, volunteerId: 'v1', centreId: extra.centreId ?? 'c1', date: extra.date ?? '2025-03-10', hours: extra.hours ?? 2.5, activity: 'homework club' },
    { at },
  );
const retracted = (entryId: string, at = '2025-03-11T08:00:00.000Z') =>
  recorded('VolunteerHoursRetracted', { entryId, volunteerId: 'v1', reason: 'logged twice' }, { at });

describe('volunteers view', () => {
  it('given a volunteer registered, then the view holds the home centre, the personal data as stored and registeredAt', () => {
    const view = project(volunteers, [registered]);

    expect(docOf(view, 'v1')).toStrictEqual({ id: 'v1', centreId: 'c1', personal: { name: 'Marko Jovanović' }, registeredAt: '2025-02-01T10:00:00.000Z' });
    expect(columnsOf(volunteers, docOf(view, 'v1'))).toStrictEqual({ centre_id: 'c1' });
  });

  it('given hours logged, then the volunteers view is unchanged', () => {
    const view = project(volunteers, [registered, logged('e1')]);

    expect([...view.keys()]).toEqual(['v1']);
  });
});

describe('volunteer hours view', () => {
  it('given hours logged, then there is an active entry with the hours, date and centre the summaries sum', () => {
    const view = project(volunteerHours, [registered, logged('e1', { centreId: 'c2', date: '2025-03-09', hours: 3.25 })]);

    expect(docOf(view, 'e1')).toStrictEqual<VolunteerHoursView>({
      id: 'e1',
      volunteerId: 'v1',
      centreId: 'c2',
      date: '2025-03-09',
      hours: 3.25,
      activity: 'homework club',
      loggedAt: '2025-03-10T18:00:00.000Z',
      retracted: null,
    });
    expect(columnsOf(volunteerHours, docOf(view, 'e1'))).toStrictEqual({ volunteer_id: 'v1', centre_id: 'c2', date: '2025-03-09', hours: 3.25, active: 1 });
  });

  it('given hours logged, when they are retracted, then the entry stays but is inactive, with when and why', () => {
    const view = project(volunteerHours, [logged('e1'), retracted('e1', '2025-03-12T07:45:00.000Z')]);
    const doc = docOf(view, 'e1');

    expect(doc.retracted).toStrictEqual({ at: '2025-03-12T07:45:00.000Z', reason: 'logged twice' });
    expect(doc.hours).toBe(2.5);
    expect(volunteerHours.columns['active']!.value(doc)).toBe(0);
  });

  it('given two entries, when one is retracted, then the other stays active', () => {
    const view = project(volunteerHours, [logged('e1'), logged('e2', { hours: 4 }), retracted('e1')]);

    expect(volunteerHours.columns['active']!.value(docOf(view, 'e1'))).toBe(0);
    expect(columnsOf(volunteerHours, docOf(view, 'e2'))).toMatchObject({ active: 1, hours: 4 });
  });

  it('given no entry, when a retraction arrives, then no document is created', () => {
    expect(project(volunteerHours, [retracted('e9')]).size).toBe(0);
  });
});
