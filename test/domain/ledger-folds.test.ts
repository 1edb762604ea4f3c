import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/auth/actor.js';
import { createCommands } from '../../src/commands/index.js';
import { createLedger } from '../../src/commands/ledger.js';
import * as participants from '../../src/domain/participants/decider.js';
import type { Decider } from '../../src/domain/shared/decider.js';
import { isDomainError } from '../../src/domain/shared/errors.js';
import type { EventStore } from '../../src/store/port.js';
import { createSqliteEventStore } from '../../src/store/sqlite.js';

/**
 * The ledger keeps the streams it has folded and reads only their newer events. These check that
 * a state it remembers is still brought up to date by what another writer (a second process on the
 * same log) appended, and that the decision stream's expected revision follows it.
 */
const dirs: string[] = [];
const stores: EventStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function ledgerOn(file: string) {
  const store = createSqliteEventStore({ file, pollIntervalMs: 20 });
  stores.push(store);
  const ledger = createLedger({ store, timeZone: 'Europe/Belgrade', fingerprintKey: 'a-fingerprint-key-for-tests-only!!' });
  const commands = createCommands(ledger, { isCodeTaken: () => false, hoursEntry: () => undefined, shredPersonalData: () => undefined } as never);
  return { store, ledger, commands };
}

let n = 0;
const context = () => ({ actor: systemActor, correlationId: `c-${n++}` });

describe('folded streams', () => {
  it('given participants folded by one writer, when another writer erases one, then the first writer refuses to record them again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'centre-ledger-folds-'));
    dirs.push(dir);
    const file = join(dir, 'events.db');
    const a = ledgerOn(file);
    const b = ledgerOn(file);
    const { result: centre } = await a.commands.openCentre(context(), { name: 'Centre', municipality: 'Tutin', district: 'Raška' });
    const register = async () =>
      (await a.commands.registerParticipant(context(), { centreId: centre.centreId, givenName: 'Amina', familyName: 'Hodžić', sex: 'FEMALE', birthYear: 2015, group: 'LOCAL' })).result.participantId;
    const [p1, p2, p3] = [await register(), await register(), await register()];
    const schedule = async () =>
      (await a.commands.scheduleWorkshop(context(), { centreId: centre.centreId, kind: 'INCLUSIVE', title: 'Crafts', startsAt: '2026-01-10T10:00:00Z', durationMinutes: 60 })).result.workshopId;
    const [w1, w2] = [await schedule(), await schedule()];

    await a.commands.recordAttendance(context(), { workshopId: w1, participantIds: [p1, p2] });
    // Writer b appends to the participant's stream and to the workshop a has folded.
    await b.commands.eraseParticipant(context(), { participantId: p2, reason: 'the family asked for it' });
    await b.commands.recordAttendance(context(), { workshopId: w1, participantIds: [p3] });

    const refused = await a.commands.recordAttendance(context(), { workshopId: w2, participantIds: [p1, p2] }).catch((error: unknown) => error);
    expect(isDomainError(refused) && refused.code).toBe('CONFLICT');
    expect(isDomainError(refused) && refused.field).toBe('participantIds');
    // a's remembered workshop is behind b's append: its next append expects the stream's real revision.
    await a.commands.removeAttendance(context(), { workshopId: w1, participantId: p1, reason: 'ticked by mistake' });
    expect((await a.store.readStream(`workshop-${w1}`)).map((e) => e.type)).toEqual(['WorkshopScheduled', 'AttendanceRecorded', 'AttendanceRecorded', 'AttendanceRemoved']);
    const lastEvent: Decider<unknown, { registered: boolean; last?: string }, { type: string }> = {
      initialState: { registered: false },
      evolve: (_state, event) => ({ registered: true, last: event.type }),
      decide: () => [],
      streamOf: participants.streamOf,
    };
    const folded = await a.ledger.loadMany(lastEvent, [p1, p2, 'none']);
    expect(folded).toEqual([
      { registered: true, last: 'ParticipantRegistered' },
      { registered: true, last: 'ParticipantErased' },
      { registered: false },
    ]);
  });
});
