import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as participants from '../../src/domain/participants/decider.js';
import { fold, type Clock } from '../../src/domain/shared/decider.js';
import { isDomainError } from '../../src/domain/shared/errors.js';
import * as workshops from '../../src/domain/workshops/decider.js';
import type { WorkshopEvent } from '../../src/domain/workshops/events.js';

const clock: Clock = { today: '2025-03-14', timeZone: 'Europe/Belgrade' };
const ids = ['p1', 'p2', 'p3', 'p4'] as const;
const registered = new Map(
  ids.map((participantId) => [
    participantId,
    fold(participants.evolve, participants.initialState, [
      {
        type: 'ParticipantRegistered',
        data: {
          participantId,
          code: participantId,
          centreId: 'c1',
          sex: 'OTHER',
          birthYear: 2012,
          group: 'LOCAL',
          personal: { givenName: 'G', familyName: 'F' },
        },
      },
    ]),
  ]),
);
const context: workshops.WorkshopContext = { clock, participants: registered };
const scheduled: WorkshopEvent = {
  type: 'WorkshopScheduled',
  data: { workshopId: 'w1', centreId: 'c1', kind: 'INCLUSIVE', title: 'Games', startsAt: '2025-03-10T16:00:00+01:00', durationMinutes: 60 },
};

const participantId = fc.constantFrom(...ids);
const command: fc.Arbitrary<workshops.WorkshopCommand> = fc.oneof(
  fc
    .array(participantId, { minLength: 1, maxLength: 6 })
    .map((participantIds) => ({ type: 'RecordAttendance' as const, data: { workshopId: 'w1', participantIds } })),
  participantId.map((id) => ({ type: 'RemoveAttendance' as const, data: { workshopId: 'w1', participantId: id, reason: 'mistake' } })),
);

describe('attendance over any sequence of RecordAttendance and RemoveAttendance', () => {
  it('keeps the attendees equal to those recorded minus those removed, and never records anyone twice', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
        let state = workshops.evolve(workshops.initialState, scheduled);
        const expected = new Set<string>();
        for (const cmd of commands) {
          if (state.status === 'NONE') throw new Error('the workshop should stay scheduled');
          const before = state.attendees;
          let events: WorkshopEvent[];
          try {
            events = workshops.decide(cmd, state, context);
          } catch (error) {
            // The only refusal here: removing someone who is not recorded.
            expect(cmd.type).toBe('RemoveAttendance');
            expect(isDomainError(error) && error.code === 'NOT_FOUND' && error.field === 'participantId').toBe(true);
            expect(cmd.type === 'RemoveAttendance' && expected.has(cmd.data.participantId)).toBe(false);
            continue;
          }
          for (const event of events) {
            if (event.type === 'AttendanceRecorded') {
              expect(event.data.participantIds.length).toBeGreaterThan(0);
              expect(new Set(event.data.participantIds).size).toBe(event.data.participantIds.length);
              for (const id of event.data.participantIds) expect(before.has(id)).toBe(false);
            }
            state = workshops.evolve(state, event);
          }
          if (cmd.type === 'RecordAttendance') cmd.data.participantIds.forEach((id) => expected.add(id));
          else if (cmd.type === 'RemoveAttendance') expected.delete(cmd.data.participantId);

          if (state.status === 'NONE') throw new Error('the workshop should stay scheduled');
          expect(new Set(state.attendees)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
