import type { Dimension, Measure } from './events.js';

/**
 * What each measure counts, and so which filters and breakdowns mean something for it:
 * - `records`: the rows it counts: attendance pairs, contacts (attendance and consultations),
 *   consultations alone, services (individual sessions, referrals, assistance), workshops, hours or audiences.
 * - `people`: a count of people, so a cell of 1 to 4 is suppressed before it is shared.
 * - `share`: a fraction of distinct people (suppressed when its denominator is 1 to 4).
 */
export interface MeasureTraits {
  readonly records: 'attendance' | 'contacts' | 'consultations' | 'services' | 'workshops' | 'hours' | 'audience' | 'cycles';
  readonly people: boolean;
  readonly share: boolean;
}

export const measureTraits: { readonly [M in Measure]: MeasureTraits } = {
  UNIQUE_PARTICIPANTS: { records: 'attendance', people: true, share: false },
  UNIQUE_BENEFICIARIES: { records: 'contacts', people: true, share: false },
  WORKSHOPS_HELD: { records: 'workshops', people: false, share: false },
  ATTENDANCES: { records: 'attendance', people: true, share: false },
  FEMALE_SHARE: { records: 'contacts', people: false, share: true },
  RETURNEE_SHARE: { records: 'contacts', people: false, share: true },
  VOLUNTEER_HOURS: { records: 'hours', people: false, share: false },
  LEGAL_AID_BENEFICIARIES: { records: 'consultations', people: true, share: false },
  INDIVIDUAL_SESSIONS: { records: 'services', people: true, share: false },
  REFERRALS_COMPLETED: { records: 'services', people: true, share: false },
  ASSISTANCE_RECIPIENTS: { records: 'services', people: true, share: false },
  CULTURAL_EVENT_AUDIENCE: { records: 'audience', people: true, share: false },
  CYCLE_COMPLETION: { records: 'cycles', people: false, share: true },
};

const PERSON_DIMENSIONS: readonly Dimension[] = ['SEX', 'AGE_GROUP', 'GROUP'];
const PLACE_AND_TIME: readonly Dimension[] = ['CENTRE', 'DISTRICT', 'MONTH'];

/** The breakdowns a measure's rows carry: people's for rows about a person, a kind for workshops'. */
export function dimensionsOf(measure: Measure): readonly Dimension[] {
  switch (measureTraits[measure].records) {
    case 'attendance':
    case 'contacts':
      return [...PERSON_DIMENSIONS, 'KIND', ...PLACE_AND_TIME];
    case 'consultations':
    case 'services':
      return [...PERSON_DIMENSIONS, ...PLACE_AND_TIME];
    case 'workshops':
      return ['KIND', ...PLACE_AND_TIME];
    case 'hours':
    case 'audience':
      return PLACE_AND_TIME;
    case 'cycles':
      return [];
  }
}

/** The filter fields a measure's rows can be narrowed by. */
export function filtersOf(measure: Measure): readonly ('kinds' | 'groups' | 'sexes' | 'ageGroups' | 'minSessions')[] {
  switch (measureTraits[measure].records) {
    case 'attendance':
    case 'contacts':
      return ['kinds', 'groups', 'sexes', 'ageGroups', 'minSessions'];
    case 'consultations':
      return ['groups', 'sexes', 'ageGroups', 'minSessions'];
    case 'workshops':
      // A workshop counts when it has an attendee the person filters let through.
      return ['kinds', 'groups', 'sexes', 'ageGroups'];
    default:
      return [];
  }
}
