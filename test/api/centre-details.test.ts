import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';

/* Correcting a centre's name and place over HTTP: admins only, nothing stored when refused, the rest of its record kept. */
describe('correcting a centre', () => {
  let server: TestServer;
  let centreId: string;
  const correct = `mutation ($input: CorrectCentreDetailsInput!) { correctCentreDetails(input: $input) { position centre { id name municipality district } } }`;

  beforeAll(async () => {
    server = await startServer();
    const opened = await server.gql(`mutation { openCentre(input: { name: "Klub Sunce", municipality: "Tutinn", district: "Raška" }) { centre { id } } }`);
    centreId = opened.body.data.openCentre.centre.id;
  });
  afterAll(async () => server?.close());

  it('given a centre opened with a typing slip, when an admin corrects it with a reason, then every read shows the correction', async () => {
    const input = { centreId, name: 'Klub Sunce', municipality: 'Tutin', district: 'Raška', reason: 'municipality misspelt' };
    const answer = await server.gql(correct, { input });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.correctCentreDetails.centre).toEqual({ id: centreId, name: 'Klub Sunce', municipality: 'Tutin', district: 'Raška' });
    const read = await server.gql(`query ($id: ID!) { centre(id: $id) { municipality } }`, { id: centreId });
    expect(read.body.data.centre.municipality).toBe('Tutin');
  });

  it('given staff of the centre, when they correct it, then it is FORBIDDEN and nothing changes', async () => {
    const staff = await server.tokenFor({ role: 'staff', centreIds: [centreId] });
    const refused = await server.gql(correct, { input: { centreId, name: 'Other', municipality: 'Tutin', district: 'Raška', reason: 'x' } }, { token: staff });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const read = await server.gql(`query ($id: ID!) { centre(id: $id) { name } }`, { id: centreId });
    expect(read.body.data.centre.name).toBe('Klub Sunce');
  });

  it('given an id that names no centre, then it is NOT_FOUND', async () => {
    const answer = await server.gql(correct, { input: { centreId: 'no-such-centre', name: 'X', municipality: 'Y', district: 'Z', reason: 'r' } });
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
