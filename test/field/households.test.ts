import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attend, expectRefused, fieldOp, futureDate, ok, openCentre, recordConsultation, registerParticipant, scheduleWorkshop, useServer } from './helpers.js';

describe('households over HTTP', () => {
  const server = useServer();

  async function registerHousehold(centreId: string, extra: Record<string, unknown> = {}) {
    return ok(await server().gql(fieldOp('RegisterHousehold'), { input: { centreId, ...extra } })).registerHousehold;
  }
  const households = async (id: string, from?: string, to?: string) =>
    ok(await server().gql(fieldOp('Households'), { id, from, to })).centre.summary as { uniqueParticipants: number; householdsReached: number; legalAidHouseholds: number };

  it('RegisterHousehold answers a pseudonymous code that tells households from participants, unique per household', async () => {
    const centreId = await openCentre(server());
    const first = await registerHousehold(centreId, { returnedFrom: 'Germany', returnedOn: '2024-11-02' });
    const second = await registerHousehold(centreId);
    expect(first.household).toEqual({ id: expect.any(String), code: expect.stringMatching(/^H-[0-9A-Z]{5}-[0-9A-Z]{5}$/) });
    expect(first.position).toMatch(/^\d+$/);
    expect(second.household.code).not.toBe(first.household.code);
  });

  it('keeps where the family returned from out of every file under DATA_DIR in plain text', async () => {
    const centreId = await openCentre(server());
    await registerHousehold(centreId, { returnedFrom: 'Dortmund-Hörde', returnedOn: '2024-11-02' });
    for (const file of readdirSync(server().dataDir)) {
      expect(readFileSync(join(server().dataDir, file)).includes(Buffer.from('Dortmund-Hörde')), file).toBe(false);
    }
    const readBack = ok(await server().gql(`query { centre(id: "${centreId}") { households { code returnedFrom returnedOn } } }`));
    expect(readBack.centre.households).toEqual([{ code: expect.stringMatching(/^H-/), returnedFrom: 'Dortmund-Hörde', returnedOn: '2024-11-02' }]);
  });

  it('RegisterHousehold refuses a future or impossible return date and an unknown centre; with a commandId a retry stores nothing twice', async () => {
    const centreId = await openCentre(server());
    const send = (input: Record<string, unknown>) => () => server().gql(fieldOp('RegisterHousehold'), { input: { centreId, ...input } });
    await expectRefused(server(), send({ returnedOn: futureDate() }), 'BAD_USER_INPUT', 'returnedOn');
    await expectRefused(server(), send({ returnedOn: '2024-02-30' }), 'BAD_USER_INPUT', 'returnedOn');
    await expectRefused(server(), send({ centreId: 'no-such-centre' }), 'NOT_FOUND', 'centreId');
    const commandId = 'd4c1d3a0-0f2e-4b8e-9b63-0b5f4f8d2a11';
    const once = ok(await send({ commandId, returnedFrom: 'Austria' })());
    const events = server().eventCount();
    const again = ok(await send({ commandId, returnedFrom: 'Austria' })());
    expect(again).toEqual(once);
    expect(server().eventCount()).toBe(events);
  });

  it('RegisterParticipant takes a householdId (NOT_FOUND when it names nothing); SetParticipantHousehold moves a participant', async () => {
    const centreId = await openCentre(server());
    const { household: h1 } = await registerHousehold(centreId);
    const { household: h2 } = await registerHousehold(centreId);
    const member = await registerParticipant(server(), centreId, { householdId: h1.id });
    await expectRefused(
      server(),
      () => server().gql(`mutation($input: RegisterParticipantInput!) { registerParticipant(input: $input) { participant { id } } }`, {
        input: { centreId, givenName: 'A', familyName: 'B', sex: 'MALE', birthYear: 2012, group: 'RETURNEE', householdId: 'no-such-household' },
      }),
      'NOT_FOUND',
      'householdId',
    );
    const householdOf = async (participantId: string) =>
      ok(await server().gql(`query { participant(id: "${participantId}") { household { id code members { id } } } }`)).participant.household;
    expect(await householdOf(member.id)).toEqual({ id: h1.id, code: h1.code, members: [{ id: member.id }] });

    const moved = ok(await server().gql(fieldOp('SetParticipantHousehold'), { input: { participantId: member.id, householdId: h2.id } }));
    expect(moved.setParticipantHousehold).toEqual({ participant: { id: member.id }, position: expect.stringMatching(/^\d+$/) });
    expect((await householdOf(member.id)).id).toBe(h2.id);

    // Setting the same household again stores nothing.
    const events = server().eventCount();
    ok(await server().gql(fieldOp('SetParticipantHousehold'), { input: { participantId: member.id, householdId: h2.id } }));
    expect(server().eventCount()).toBe(events);

    await expectRefused(server(), () => server().gql(fieldOp('SetParticipantHousehold'), { input: { participantId: member.id, householdId: 'nope' } }), 'NOT_FOUND', 'householdId');
    await expectRefused(server(), () => server().gql(fieldOp('SetParticipantHousehold'), { input: { participantId: 'nope', householdId: h1.id } }), 'NOT_FOUND', 'participantId');
  });

  it('Households: householdsReached counts distinct households of the unique participants, legalAidHouseholds those with a consultation; no household counts in neither', async () => {
    const centreId = await openCentre(server());
    const otherCentreId = await openCentre(server());
    const { household: h1 } = await registerHousehold(centreId);
    const { household: h2 } = await registerHousehold(centreId);
    const { household: h3 } = await registerHousehold(centreId);
    const sister = await registerParticipant(server(), centreId, { householdId: h1.id });
    const brother = await registerParticipant(server(), centreId, { householdId: h1.id, sex: 'MALE' });
    const neighbour = await registerParticipant(server(), centreId, { householdId: h2.id });
    const alone = await registerParticipant(server(), centreId);
    const mother = await registerParticipant(server(), centreId, { householdId: h3.id, birthYear: 1985 });

    const march = await scheduleWorkshop(server(), { centreId, startsAt: '2025-03-10T16:00:00+01:00' });
    await attend(server(), march, [sister.id, brother.id, neighbour.id, alone.id]);
    const april = await scheduleWorkshop(server(), { centreId, startsAt: '2025-04-10T16:00:00+02:00' });
    await attend(server(), april, [sister.id]);

    ok(await recordConsultation(server(), { centreId, participantId: mother.id, date: '2025-03-12' }));
    ok(await recordConsultation(server(), { centreId, participantId: sister.id, date: '2025-03-13' }));
    ok(await recordConsultation(server(), { centreId, participantId: brother.id, date: '2025-03-14' }));
    ok(await recordConsultation(server(), { centreId, participantId: alone.id, date: '2025-03-14' }));
    // At another centre: counts there, not here.
    ok(await recordConsultation(server(), { centreId: otherCentreId, participantId: neighbour.id, date: '2025-03-14' }));

    expect(await households(centreId, '2025-03-01', '2025-03-31')).toEqual({ uniqueParticipants: 4, householdsReached: 2, legalAidHouseholds: 2 });
    expect(await households(centreId, '2025-04-01', '2025-04-30')).toEqual({ uniqueParticipants: 1, householdsReached: 1, legalAidHouseholds: 0 });
    expect(await households(otherCentreId, '2025-03-01', '2025-03-31')).toEqual({ uniqueParticipants: 0, householdsReached: 0, legalAidHouseholds: 1 });
    expect(await households(centreId)).toEqual({ uniqueParticipants: 4, householdsReached: 2, legalAidHouseholds: 2 });

    // The one without a household joins h3: both counts follow the household as it is now.
    ok(await server().gql(fieldOp('SetParticipantHousehold'), { input: { participantId: alone.id, householdId: h3.id } }));
    expect(await households(centreId, '2025-03-01', '2025-03-31')).toEqual({ uniqueParticipants: 4, householdsReached: 3, legalAidHouseholds: 2 });
    ok(await server().gql(fieldOp('SetParticipantHousehold'), { input: { participantId: mother.id, householdId: h2.id } }));
    expect(await households(centreId, '2025-03-01', '2025-03-31')).toEqual({ uniqueParticipants: 4, householdsReached: 3, legalAidHouseholds: 3 });

    // The programme summary has them too.
    const programme = ok(await server().gql(`query { summary(from: "2025-03-01", to: "2025-03-31") { householdsReached legalAidHouseholds } }`));
    expect(programme.summary).toEqual({ householdsReached: 3, legalAidHouseholds: 3 });
  });
});
