import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import type { CentreState } from '../centres/decider.js';
import { conflict, notFound } from '../shared/errors.js';
import { id, isoDate, optionalText, text } from '../shared/input.js';
import { AgeGroup, Dimension, Measure, type ProgrammeEvent } from './events.js';
import { dimensionsOf, filtersOf, measureTraits } from './measures.js';
import { ParticipantGroup, Sex } from '../participants/events.js';
import { WorkshopKind } from '../workshops/events.js';
import type { Decider } from '../shared/decider.js';

const INDICATOR_NAMESPACE = 'c1f0b5a2-4e7d-4a39-8b61-5d2e0f9a7c34';

export const streamOf = (programmeId: string) => `programme-${programmeId}`;
/** Every closed period of every programme in one stream: the late-entry check reads it on each dated command. */
export const CLOSED_PERIODS_STREAM = 'reportingPeriod-closed';

/** One code names one indicator of a programme, whatever version of it is defined. */
export const indicatorIdOf = (programmeId: string, code: string) => uuidv5(`${programmeId}/${code}`, INDICATOR_NAMESPACE);

const periodInOrder = (value: { from: string; to: string }, issues: z.RefinementCtx) => {
  if (value.from > value.to) issues.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
};

export const DefineProgramme = z
  .object({
    programmeId: id,
    name: text(200),
    donor: text(200),
    from: isoDate,
    to: isoDate,
    centreIds: z.array(id).min(1, 'must name at least one centre').max(500, 'must name at most 500 centres'),
  })
  .superRefine(periodInOrder);
export type DefineProgramme = z.infer<typeof DefineProgramme>;

const list = <T extends z.ZodTypeAny>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((values) => [...new Set(values ?? [])]);

export const DefineIndicator = z
  .object({
    programmeId: id,
    code: text(40),
    name: text(300),
    measure: Measure,
    filter: z
      .object({
        kinds: list(WorkshopKind),
        groups: list(ParticipantGroup),
        sexes: list(Sex),
        ageGroups: list(AgeGroup),
        minSessions: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').nullish().transform((v) => v ?? null),
      })
      .nullish()
      .transform((f) => f ?? { kinds: [], groups: [], sexes: [], ageGroups: [], minSessions: null }),
    target: z.number().finite('must be a finite number').min(0, 'must be at least 0').nullish().transform((v) => v ?? null),
    disaggregateBy: list(Dimension),
  })
  .superRefine((indicator, issues) => {
    const { measure, filter } = indicator;
    if (measureTraits[measure].share && indicator.target !== null && indicator.target > 1) {
      issues.addIssue({ code: 'custom', path: ['target'], message: 'a share is a fraction from 0 to 1' });
    }
    const allowedFilters = filtersOf(measure);
    for (const key of ['kinds', 'groups', 'sexes', 'ageGroups'] as const) {
      if (filter[key].length > 0 && !allowedFilters.includes(key)) {
        issues.addIssue({ code: 'custom', path: ['filter', key], message: `${measure} cannot be filtered by ${key}` });
      }
    }
    if (filter.minSessions !== null && !allowedFilters.includes('minSessions')) {
      issues.addIssue({ code: 'custom', path: ['filter', 'minSessions'], message: `${measure} does not count people's sessions` });
    }
    const allowed = dimensionsOf(measure);
    for (const dimension of indicator.disaggregateBy) {
      if (!allowed.includes(dimension)) {
        issues.addIssue({ code: 'custom', path: ['disaggregateBy'], message: `${measure} cannot be broken down by ${dimension}` });
      }
    }
  });
export type DefineIndicator = z.infer<typeof DefineIndicator>;

export const CloseReportingPeriod = z
  .object({ programmeId: id, reportId: id, from: isoDate, to: isoDate, note: optionalText(2000) })
  .superRefine(periodInOrder);
export type CloseReportingPeriod = z.infer<typeof CloseReportingPeriod>;

export type ProgrammeCommand =
  | { type: 'DefineProgramme'; data: DefineProgramme }
  | { type: 'DefineIndicator'; data: DefineIndicator };

export type ProgrammeState =
  | { readonly defined: false }
  | { readonly defined: true; readonly from: string; readonly to: string; readonly centreIds: readonly string[] };

export const initialState: ProgrammeState = { defined: false };

export function evolve(state: ProgrammeState, event: ProgrammeEvent): ProgrammeState {
  switch (event.type) {
    case 'ProgrammeDefined':
      return { defined: true, from: event.data.from, to: event.data.to, centreIds: event.data.centreIds };
    default:
      return state;
  }
}

/** A closed period of one programme: dated entries at its centres need a reason. */
export interface ClosedPeriod {
  readonly programmeId: string;
  readonly reportId: string;
  readonly from: string;
  readonly to: string;
  readonly centreIds: readonly string[];
}

export type ClosedPeriods = readonly ClosedPeriod[];
export const noClosedPeriods: ClosedPeriods = [];

export function evolveClosedPeriods(state: ClosedPeriods, event: ProgrammeEvent): ClosedPeriods {
  if (event.type !== 'ReportingPeriodClosed') return state;
  const { programmeId, reportId, from, to, centreIds } = event.data;
  return [...state, { programmeId, reportId, from, to, centreIds }];
}

/** The closed periods covering a centre on a date (empty: the entry is not late). */
export const closedPeriodsAt = (state: ClosedPeriods, centreId: string, date: string) =>
  state.filter((p) => p.from <= date && date <= p.to && p.centreIds.includes(centreId));

export interface ProgrammeContext {
  /** The centres a programme names, by id (absent: no such centre). */
  readonly centres?: ReadonlyMap<string, CentreState>;
  /** The programme a closing names (for CloseReportingPeriod, decided on the closed-periods stream). */
  readonly programme?: ProgrammeState;
}

export function decide(command: ProgrammeCommand, state: ProgrammeState, context: ProgrammeContext): ProgrammeEvent[] {
  switch (command.type) {
    case 'DefineProgramme': {
      if (state.defined) throw conflict('this programme is already defined', 'programmeId');
      const { programmeId, name, donor, from, to } = command.data;
      const centreIds = [...new Set(command.data.centreIds)];
      for (const centreId of centreIds) {
        if (!context.centres?.get(centreId)?.opened) throw notFound('centreIds', 'no centre has this id');
      }
      return [{ type: 'ProgrammeDefined', data: { programmeId, name, donor, from, to, centreIds } }];
    }
    case 'DefineIndicator': {
      if (!state.defined) throw notFound('programmeId', 'no programme has this id');
      const { programmeId, code, name, measure, filter, target, disaggregateBy } = command.data;
      return [
        {
          type: 'IndicatorDefined',
          data: { programmeId, indicatorId: indicatorIdOf(programmeId, code), code, name, measure, filter, target, disaggregateBy },
        },
      ];
    }
  }
}

/** Closing a period, decided on the stream of every closed period (so the late-entry check reads one stream). */
export function decideClosing(command: CloseReportingPeriod, closed: ClosedPeriods, context: ProgrammeContext): ProgrammeEvent[] {
  const programme = context.programme;
  if (!programme?.defined) throw notFound('programmeId', 'no programme has this id');
  const { programmeId, reportId, from, to, note } = command;
  if (closed.some((p) => p.programmeId === programmeId && p.from === from && p.to === to)) {
    throw conflict('this period of the programme is already closed', 'from');
  }
  return [
    {
      type: 'ReportingPeriodClosed',
      data: { programmeId, reportId, from, to, centreIds: [...programme.centreIds], ...(note ? { note } : {}) },
    },
  ];
}

/** The area's decider: what src/commands hands to the ledger. */
export const decider: Decider<ProgrammeCommand, ProgrammeState, ProgrammeEvent, ProgrammeContext> = { initialState, evolve, decide, streamOf };

/** Closing periods, decided over the one stream of every closed period. */
export const closedPeriods: Decider<CloseReportingPeriod, ClosedPeriods, ProgrammeEvent, ProgrammeContext> = {
  initialState: noClosedPeriods,
  evolve: evolveClosedPeriods,
  decide: decideClosing,
  streamOf: () => CLOSED_PERIODS_STREAM,
};
