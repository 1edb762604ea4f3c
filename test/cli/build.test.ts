/**
 * The compiled server: `npm run build` writes dist/, and `npm start` runs plain Node on it, its
 * views thread included, with the same answers as under tsx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLocalToken, loadOrCreateLocalSecret } from '../../src/auth/tokens.js';
import { buildServer, serverBuildIsStale } from '../../src/cli/build.js';
import { graphql, startChildServer } from '../support/child-server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'centre-ledger-compiled-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the compiled server', () => {
  beforeAll(async () => {
    if (serverBuildIsStale()) await buildServer();
  }, 180_000);

  it('is fresh once built', () => {
    expect(serverBuildIsStale()).toBe(false);
  });

  it('serves the API from dist/ with its views thread: a registered participant reads back with their name', async () => {
    const server = await startChildServer({ DATA_DIR: dataDir, VIEWS_THREAD: 'true' }, ['dist/src/main.js']);
    try {
      const token = await issueLocalToken(loadOrCreateLocalSecret(dataDir), { role: 'admin', userId: 'build-test', days: 1 });
      const opened = await graphql(server.origin, token, 'mutation($input: OpenCentreInput!) { openCentre(input: $input) { centre { id } } }', {
        input: { name: 'Tutin Community Centre', municipality: 'Tutin', district: 'Raška' },
      });
      const centreId = opened.data.openCentre.centre.id as string;
      const registered = await graphql(server.origin, token, 'mutation($input: RegisterParticipantInput!) { registerParticipant(input: $input) { participant { id } } }', {
        input: { centreId, givenName: 'Đorđe', familyName: 'Ljajić', sex: 'MALE', birthYear: 2015, group: 'RETURNEE' },
      });
      const participantId = registered.data.registerParticipant.participant.id as string;

      const read = await graphql(server.origin, token, 'query($id: ID!) { participant(id: $id) { givenName familyName } centres { name } }', { id: participantId });

      expect(read.errors).toBeUndefined();
      expect(read.data.participant).toEqual({ givenName: 'Đorđe', familyName: 'Ljajić' });
      expect(read.data.centres).toEqual([{ name: 'Tutin Community Centre' }]);
    } finally {
      await server.stop();
    }
  });
});
