import { describe, expect, it } from 'vitest';
import { centres } from '../../projections/centres.js';
import { columnsOf, docOf, project, recorded } from '../support/projection.js';

const opened = (centreId: string, name: string, district: string, at: string) =>
  recorded('CentreOpened', { centreId, name, municipality: `${name} municipality`, district }, { at });

describe('centres view', () => {
  it('given a centre opened, then the view holds it with the instant it was recorded as openedAt', () => {
    const view = project(centres, [opened('c1', 'Čukarica centre', 'Belgrade', '2025-01-10T09:00:00.000Z')]);

    expect([...view.keys()]).toEqual(['c1']);
    expect(docOf(view, 'c1')).toStrictEqual({
      id: 'c1',
      name: 'Čukarica centre',
      municipality: 'Čukarica centre municipality',
      district: 'Belgrade',
      openedAt: '2025-01-10T09:00:00.000Z',
    });
  });

  it('given a centre opened, then the columns the queries filter on are its name and district', () => {
    const view = project(centres, [opened('c1', 'Niš centre', 'Nišava', '2025-01-10T09:00:00.000Z')]);

    expect(columnsOf(centres, docOf(view, 'c1'))).toStrictEqual({ name: 'Niš centre', district: 'Nišava' });
    expect(centres.columns['district']!.value(docOf(view, 'c1'))).toBe('Nišava');
  });

  it('given two centres opened, then each is its own document', () => {
    const view = project(centres, [
      opened('c1', 'Niš centre', 'Nišava', '2025-01-10T09:00:00.000Z'),
      opened('c2', 'Vranje centre', 'Pčinja', '2025-01-11T09:00:00.000Z'),
    ]);

    expect([...view.keys()].sort()).toEqual(['c1', 'c2']);
    expect(docOf(view, 'c2').name).toBe('Vranje centre');
    expect(docOf(view, 'c1').openedAt).toBe('2025-01-10T09:00:00.000Z');
  });

  it('given events of other areas, then the centres view ignores them', () => {
    const view = project(centres, [
      opened('c1', 'Niš centre', 'Nišava', '2025-01-10T09:00:00.000Z'),
      recorded('VolunteerRegistered', { volunteerId: 'v1', centreId: 'c1', personal: { name: 'Ana' } }),
    ]);

    expect([...view.keys()]).toEqual(['c1']);
  });
});
