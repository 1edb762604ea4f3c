import { execFile } from 'node:child_process';
import { createLedgerHttpApp, openLedger } from '../../src/app.js';
import { listen } from '../../src/api/server.js';
import { issueLocalToken, loadOrCreateLocalSecret } from '../../src/auth/tokens.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { cleanEnvironment, graphql } from '../support/child-server.js';
import { repoRoot } from '../support/operations.js';

/** Runs one of the npm scripts' CLIs (src/cli/<name>.ts) as an operator would, with its exit code and output. */
export function runCli(name: string, args: readonly string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', `src/cli/${name}.ts`, ...args], { cwd: repoRoot, env: { ...cleanEnvironment(), ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** The ledger and its HTTP API in this process, on a DATA_DIR as it is (a restored one). */
export async function serveDataDir(dataDir: string, env: Record<string, string> = {}) {
  const config = parseConfig({ TZ: 'Europe/Belgrade', LOG_LEVEL: 'silent', PORT: '0', ...env, DATA_DIR: dataDir });
  const logger = createLogger('silent');
  const ledger = await openLedger(config, logger);
  const http = await listen(createLedgerHttpApp(ledger, config, logger), 0);
  const origin = `http://127.0.0.1:${http.port}`;
  const token = await issueLocalToken(loadOrCreateLocalSecret(dataDir), { role: 'admin', userId: 'backup-test', days: 1 });
  return {
    origin,
    token,
    gql: (query: string, variables: Record<string, unknown> = {}) => graphql(origin, token, query, variables),
    async close() {
      await http.close();
      await ledger.close();
    },
  };
}

export const OPEN_CENTRE = 'mutation($input: OpenCentreInput!) { openCentre(input: $input) { centre { id } } }';
export const REGISTER = 'mutation($input: RegisterParticipantInput!) { registerParticipant(input: $input) { participant { id } } }';
export const ERASE = 'mutation($input: EraseParticipantInput!) { eraseParticipant(input: $input) { participant { id erased } } }';
/** What the figures and names a restored server must answer the same. */
export const EVERYTHING = `{
  centres { id name participants { id code givenName familyName sex birthYear group erased } }
  summary { workshopsHeld attendances uniqueParticipants uniqueReturnees volunteerHours }
}`;
export const PARTICIPANT = 'query($id: ID!) { participant(id: $id) { id givenName familyName } }';
