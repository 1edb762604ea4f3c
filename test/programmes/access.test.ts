import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../support/operations.js';
import { startServer, type TestServer } from '../support/server.js';

/*
 * Who may define, read and close programmes, over real HTTP with real tokens: admins and
 * coordinators; staff, legal advisers and volunteers get FORBIDDEN and nothing is stored, also
 * when a Programme is reached through another path than `programme(id)`.
 */

const programmes = loadContract('programmes.graphql');
const Q1 = { from: '2025-01-01', to: '2025-03-31' };

let server: TestServer;
let centreId: string;
let programmeId: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer();
  const opened = await server.gql(`mutation($input: OpenCentreInput!) { openCentre(input: $input) { centre { id } } }`, { input: { name: 'Novi Pazar', municipality: 'Novi Pazar', district: 'Raška' } });
  centreId = opened.body.data.openCentre.centre.id;
  tokens.coordinator = await server.tokenFor({ role: 'coordinator' });
  tokens.staff = await server.tokenFor({ role: 'staff', centreIds: [centreId] });
  tokens.legal = await server.tokenFor({ role: 'legal', centreIds: [centreId] });
  tokens.volunteer = await server.tokenFor({ role: 'volunteer', volunteerId: 'v-1' });
  const defined = await server.gql(programmes.op('DefineProgramme'), { input: { name: 'P', donor: 'D', from: '2025-01-01', to: '2025-12-31', centreIds: [centreId] } }, { token: tokens.coordinator });
  expect(defined.body.errors).toBeUndefined();
  programmeId = defined.body.data.defineProgramme.programme.id;
});
afterAll(async () => {
  await server?.close();
});

describe('programme access', () => {
  it('given a coordinator, then they define indicators, read the figures and close a period', async () => {
    const token = tokens.coordinator;
    const indicator = await server.gql(programmes.op('DefineIndicator'), { input: { programmeId, code: '1', name: 'Workshops', measure: 'WORKSHOPS_HELD' } }, { token });
    expect(indicator.body.errors).toBeUndefined();
    const figures = await server.gql(programmes.op('ProgrammeIndicators'), { id: programmeId, ...Q1 }, { token });
    expect(figures.body.data.programme.indicators).toHaveLength(1);
    const closed = await server.gql(programmes.op('CloseReportingPeriod'), { input: { programmeId, ...Q1 } }, { token });
    expect(closed.body.errors).toBeUndefined();
  });

  it.each(['staff', 'legal', 'volunteer'])('given %s, then every programme operation is FORBIDDEN and stores nothing', async (role) => {
    const token = tokens[role]!;
    const before = server.eventCount();
    const attempts = [
      server.gql(programmes.op('DefineProgramme'), { input: { name: 'P', donor: 'D', ...Q1, centreIds: [centreId] } }, { token }),
      server.gql(programmes.op('DefineIndicator'), { input: { programmeId, code: '2', name: 'x', measure: 'ATTENDANCES' } }, { token }),
      server.gql(programmes.op('CloseReportingPeriod'), { input: { programmeId, from: '2025-04-01', to: '2025-06-30' } }, { token }),
      server.gql(programmes.op('ProgrammeIndicators'), { id: programmeId, ...Q1 }, { token }),
      server.gql(programmes.op('ProgrammeReports'), { id: programmeId }, { token }),
      server.gql(`{ programmes { id name reports { id } } }`, {}, { token }),
    ];
    for (const answer of await Promise.all(attempts)) {
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(answer.body.data ?? {})).not.toContain('"name":"P"');
    }
    expect(server.eventCount()).toBe(before);
  });

  it('given an id that names no programme, then NOT_FOUND for a coordinator and FORBIDDEN for staff', async () => {
    const missing = await server.gql(programmes.op('ProgrammeReports'), { id: 'no-such-programme' }, { token: tokens.coordinator });
    expect(missing.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const staff = await server.gql(programmes.op('ProgrammeReports'), { id: 'no-such-programme' }, { token: tokens.staff });
    expect(staff.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('given no token, then UNAUTHENTICATED', async () => {
    const answer = await server.gql(programmes.op('ProgrammeReports'), { id: programmeId }, { token: null });
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('given the workbook without the role, then 403; with it, 200', async () => {
    const url = `${server.origin}/exports/programme.xlsx?programmeId=${programmeId}&from=${Q1.from}&to=${Q1.to}`;
    expect((await fetch(url, { headers: { authorization: `Bearer ${tokens.staff}` } })).status).toBe(403);
    expect((await fetch(url, { headers: { authorization: `Bearer ${tokens.coordinator}` } })).status).toBe(200);
    expect((await fetch(url)).status).toBe(401);
  });
});
