import { describe, expect, it } from 'vitest';
import * as centres from '../../src/domain/centres/decider.js';
import type { CentreEvent } from '../../src/domain/centres/events.js';
import { expectInputError, expectInputOk, given } from '../support/decider.js';

const input = { centreId: 'c1', name: 'Centre Sunce', municipality: 'Zvezdara', district: 'City of Belgrade' };
const opened: CentreEvent = { type: 'CentreOpened', data: input };

describe('OpenCentre', () => {
  it('given no centre, when it is opened, then it is opened with its name and place', () => {
    given(centres, []).when({ type: 'OpenCentre', data: input }).then([{ type: 'CentreOpened', data: input }]);
  });

  it('given an open centre, when it is opened again, then it is a CONFLICT on centreId', () => {
    given(centres, [opened]).when({ type: 'OpenCentre', data: { ...input, name: 'Another' } }).thenRejects('CONFLICT', 'centreId');
  });

  it('folds CentreOpened into an open centre that remembers its name and district', () => {
    expect(given(centres, [opened]).state).toEqual({ opened: true, name: 'Centre Sunce', district: 'City of Belgrade' });
    expect(given(centres, []).state).toEqual({ opened: false });
  });
});

describe('OpenCentre input', () => {
  it('accepts a valid centre and trims its text', () => {
    expect(expectInputOk(centres.OpenCentre, { ...input, name: '  Centre Sunce  ' })).toEqual(input);
  });

  it.each(['name', 'municipality', 'district'])('refuses a blank %s once trimmed', (field) => {
    expectInputError(centres.OpenCentre, { ...input, [field]: '   ' }, field);
    expectInputError(centres.OpenCentre, { ...input, [field]: '' }, field);
  });

  it.each(['name', 'municipality', 'district'])('refuses a %s longer than 120 characters', (field) => {
    expectInputOk(centres.OpenCentre, { ...input, [field]: 'x'.repeat(120) });
    expectInputError(centres.OpenCentre, { ...input, [field]: 'x'.repeat(121) }, field);
  });

  it.each(['centreId', 'name', 'municipality', 'district'])('refuses a missing %s', (field) => {
    const { [field as keyof typeof input]: _omitted, ...rest } = input;
    expectInputError(centres.OpenCentre, rest, field);
  });
});

describe('CorrectCentreDetails', () => {
  const correction = { centreId: 'c1', name: 'Centre Sunce', municipality: 'Palilula', district: 'City of Belgrade', reason: 'the municipality was written wrongly' };

  it('given an open centre, when its details are corrected, then the correction holds with its reason', () => {
    given(centres, [opened])
      .when({ type: 'CorrectCentreDetails', data: correction })
      .then([{ type: 'CentreDetailsCorrected', data: correction }]);
  });

  it('given no centre, when details are corrected, then it is NOT_FOUND on centreId', () => {
    given(centres, []).when({ type: 'CorrectCentreDetails', data: correction }).thenRejects('NOT_FOUND', 'centreId');
  });

  it('given a correction, then the centre is known by its new name and district', () => {
    const renamed = { ...correction, name: 'Centar Sunce', district: 'Grad Beograd' };
    expect(given(centres, [opened, { type: 'CentreDetailsCorrected', data: renamed }]).state).toEqual({ opened: true, name: 'Centar Sunce', district: 'Grad Beograd' });
  });

  it.each(['name', 'municipality', 'district', 'reason'])('refuses a blank %s', (field) => {
    expectInputError(centres.CorrectCentreDetails, { ...correction, [field]: '  ' }, field);
  });
});
