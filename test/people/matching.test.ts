import { describe, expect, it } from 'vitest';
import { foldName, matchScore } from '../../src/domain/people/matching.js';
import { createNameIndexCore } from '../../src/people/name-index.js';

const person = (given: string, family: string, birthYear: number) => ({ given: foldName(given), family: foldName(family), birthYear });
const query = (given: string, family: string, birthYear?: number) => ({ given: foldName(given), family: foldName(family), birthYear: birthYear ?? null });

describe('matching: the same person written down differently', () => {
  it.each([
    ['Amela', 'Hodzic', 2015, 'Amela', 'Hodžić', 2015, 1],
    ['Амела', 'Хоџић', 2015, 'Amela', 'Hodžić', 2015, 1],
    ['  amela ', 'HODŽIĆ', 2015, 'Amela', 'Hodžić', 2015, 1],
    ['Djordje', 'Djordjevic', 2014, 'Đorđe', 'Đorđević', 2014, 1],
    ['Dorde', 'Dordevic', 2014, 'Đorđe', 'Đorđević', 2014, 1],
    ['Ђорђе', 'Ђорђевић', 2014, 'Đorđe', 'Đorđević', 2014, 1],
    ['Љубица', 'Њежић', 2012, 'Ljubica', 'Nježić', 2012, 1],
    ['Amela', 'Hodizc', 2015, 'Amela', 'Hodžić', 2015, 0.95],
    ['Amela', 'Hodžć', 2015, 'Amela', 'Hodžić', 2015, 0.95],
    ['Amela', 'Hodžić', 2016, 'Amela', 'Hodžić', 2015, 0.95],
  ])('%s %s %s matches %s %s %s with score %s', (g, f, y, g2, f2, y2, score) => {
    expect(matchScore(query(g, f, y), person(g2, f2, y2))).toBe(score);
  });

  it.each([
    ['Amela', 'Mehmedović', 2015, 'Amela', 'Hodžić', 2015],
    ['Amela', 'Hodžić', 2018, 'Amela', 'Hodžić', 2015],
    ['Amela', 'Hoddzzic', 2015, 'Amela', 'Hodžić', 2015],
  ])('%s %s %s is not %s %s %s', (g, f, y, g2, f2, y2) => {
    expect(matchScore(query(g, f, y), person(g2, f2, y2))).toBeNull();
  });
});

describe('the name index', () => {
  it('finds a match among others by family name within one slip, best first', () => {
    const index = createNameIndexCore();
    index.put({ participantId: 'a', centreId: 'c1', ...person('Amela', 'Hodžić', 2015) });
    index.put({ participantId: 'b', centreId: 'c2', ...person('Amela', 'Hodžič', 2016) });
    index.put({ participantId: 'c', centreId: 'c1', ...person('Amela', 'Mehmedović', 2015) });
    expect(index.find({ givenName: 'Амела', familyName: 'Хоџић', birthYear: 2015 })).toEqual([
      { participantId: 'a', centreId: 'c1', score: 1 },
      { participantId: 'b', centreId: 'c2', score: 0.95 },
    ]);
    index.remove('a');
    expect(index.find({ givenName: 'Amela', familyName: 'Hodzic', birthYear: 2015 }).map((m) => m.participantId)).toEqual(['b']);
  });
});

describe('numbers in names', () => {
  it('never match names that differ in their numbers, as on a numbered list of placeholders', () => {
    expect(matchScore(query('Dete 3', 'Test', 2015), person('Dete 4', 'Test', 2015))).toBeNull();
    expect(matchScore(query('Dete 3', 'Test', 2015), person('Dete 3', 'Test', 2015))).toBe(1);
  });
});
