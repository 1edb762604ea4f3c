import { chmodSync, readdirSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField } from '../../src/api/csv.js';
import { startServer, type TestServer } from '../support/server.js';

const ALLOWED = 'https://partner.example.org';

let server: TestServer;
let centreId: string;

beforeAll(async () => {
  server = await startServer({ env: { CORS_ORIGINS: `${ALLOWED}, https://other.example.org` } });
  const opened = await server.gql(`mutation { openCentre(input: { name: "Centar x;=1+1", municipality: "Tutin", district: "Raška" }) { centre { id } } }`);
  centreId = opened.body.data.openCentre.centre.id;
});
afterAll(() => server.close());

const post = (headers: Record<string, string>, body = JSON.stringify({ query: '{ centres { id } }' })) =>
  fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, ...headers }, body });

describe('cross-origin requests', () => {
  it('given a page of another site, when it calls /graphql, then it gets no CORS header, and a browser saying cross-site is refused', async () => {
    const preflight = await fetch(server.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();

    const plain = await post({ origin: 'https://evil.example' });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    expect(plain.headers.get('access-control-allow-credentials')).toBeNull();

    for (const site of ['cross-site', 'same-site']) {
      const refused = await post({ origin: 'https://evil.example', 'sec-fetch-site': site });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    }
  });

  it('given an origin named in CORS_ORIGINS, then it is allowed with credentials, and only that origin is echoed', async () => {
    const preflight = await fetch(server.url, { method: 'OPTIONS', headers: { origin: ALLOWED, 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    const answered = await post({ origin: ALLOWED, 'sec-fetch-site': 'cross-site' });
    expect(answered.status).toBe(200);
    expect(answered.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('given the page of the server itself, then it is answered', async () => {
    const answered = await post({ origin: server.origin, 'sec-fetch-site': 'same-origin' });
    expect(answered.status).toBe(200);
    expect((await answered.json()).data.centres.length).toBe(1);
  });
});

describe('request bodies', () => {
  const big = 'x'.repeat(1024 * 1024 + 10);
  it('given a body over 1 MB of any content type, then 413 and nothing runs', async () => {
    for (const type of ['application/json', 'application/graphql', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await post({ 'content-type': type }, big);
      expect(response.status, type).toBe(413);
      expect((await response.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    }
  });

  it('given a chunked body with no length that grows past 1 MB, then it is cut off with 413 before it is read whole', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(server.url, { method: 'POST', headers: { 'content-type': 'text/plain', 'transfer-encoding': 'chunked', authorization: `Bearer ${server.token}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = 'y'.repeat(64 * 1024);
      // Four times the limit: the answer must come before the body ends.
      let sent = 0;
      const pump = () => {
        while (sent < 64) {
          sent += 1;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
  });

  it('given a small body as application/graphql, then it is not mistaken for JSON', async () => {
    const response = await post({ 'content-type': 'application/graphql' }, '{ centres { id } }');
    expect(response.status).toBeLessThan(500);
  });
});

describe('CSV exports', () => {
  it('given any text, then a cell never starts a formula, and every ; , " or line break is inside quotes', () => {
    expect(csvField('x;=1+1')).toBe(`"x;'=1+1"`);
    expect(csvField('x; +1')).toBe(`"x;' +1"`);
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField(' =1+1')).toBe("' =1+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('\rcmd')).toBe('"\'\rcmd"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-2.5)).toBe('-2.5');
  });

  it('given a centre and a workshop named with ;=, when the attendance CSV is split on ; as Serbian Excel does, then no cell holds a formula', async () => {
    const workshop = await server.gql(
      `mutation($i: ScheduleWorkshopInput!) { scheduleWorkshop(input: $i) { workshop { id } } }`,
      { i: { centreId, kind: 'OTHER', title: 'a;=HYPERLINK("http://x");@b', startsAt: '2025-03-10T10:00:00+01:00', durationMinutes: 60 } },
    );
    const person = await server.gql(`mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } } }`, {
      i: { centreId, givenName: 'Ana', familyName: 'B', sex: 'FEMALE', birthYear: 2012, group: 'LOCAL' },
    });
    await server.gql(`mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { workshop { id } } }`, {
      i: { workshopId: workshop.body.data.scheduleWorkshop.workshop.id, participantIds: [person.body.data.registerParticipant.participant.id] },
    });
    const text = await (await fetch(`${server.origin}/exports/attendance.csv`, { headers: { authorization: `Bearer ${server.token}` } })).text();
    expect(text).toContain(`"a;'=HYPERLINK(""http://x"");'@b"`);
    // A naive ;-splitter that honours quotes only where a cell starts with one.
    const cells = splitOn(text, ';');
    expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
    const volunteering = await (await fetch(`${server.origin}/exports/volunteering.csv?year=2025`, { headers: { authorization: `Bearer ${server.token}` } })).text();
    expect(splitOn(volunteering, ';').filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
  });
});

/** Splits as a spreadsheet does on one separator: quoted cells (starting with ") keep their separators. */
function splitOn(text: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === separator || ch === '\n' || ch === '\r') cells.push(cell), (cell = '');
    else cell += ch;
  }
  cells.push(cell);
  return cells.map((one) => one.replace(/^\uFEFF/, ''));
}

describe('errors', () => {
  it('given a wrong enum value or field name, in the document or in variables, then no error suggests a name of the schema', async () => {
    const answers = await Promise.all([
      server.gql(`mutation { registerParticipant(input: { centreId: "${centreId}", givenName: "A", familyName: "B", sex: MALX, birthYear: 2000, group: LOCAL }) { participant { id } } }`),
      server.gql(`mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } } }`, {
        i: { centreId, givenName: 'A', familyName: 'B', sex: 'MALX', birthYear: 2000, group: 'LOCALL' },
      }),
      server.gql(`{ centres { nam } }`),
      server.gql(`{ centre(idd: "x") { id } }`),
      server.gql(`query($s: Sexx) { centres { id } }`),
      server.gql(`mutation($i: ScheduleWorkshopInput!) { scheduleWorkshop(input: $i) { workshop { id } } }`, { i: { centreId, kind: 'OTHR', titel: 'x' } }),
    ]);
    for (const answer of answers) {
      expect(answer.body.errors?.length).toBeGreaterThan(0);
      for (const error of answer.body.errors!) {
        expect(error.message).not.toMatch(/did you mean|suggestion/i);
        expect(error.message).not.toMatch(/"(MALE|FEMALE|OTHER|LOCAL|RETURNEE|name|Sex|WorkshopKind)"/);
      }
    }
  });
});

describe('files under DATA_DIR', () => {
  it('given a server that has written, then its folder is 0700 and every file in it (db, -wal, -shm, keys, secret, accounts) 0600', async () => {
    expect(statSync(server.dataDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(server.dataDir);
    expect(files).toEqual(expect.arrayContaining(['events.db', 'views.db', 'keys.db', 'auth-secret']));
    expect(files.some((file) => file.endsWith('-wal'))).toBe(true);
    for (const file of files) expect(statSync(join(server.dataDir, file)).mode & 0o777, file).toBe(0o600);
  });

  it('given a DATA_DIR left readable by others before this rule, when the server starts, then it is tightened', async () => {
    await server.restart({
      whileStopped: () => {
        chmodSync(server.dataDir, 0o755);
        for (const file of readdirSync(server.dataDir)) chmodSync(join(server.dataDir, file), 0o644);
      },
    });
    expect(statSync(server.dataDir).mode & 0o777).toBe(0o700);
    for (const file of readdirSync(server.dataDir)) expect(statSync(join(server.dataDir, file)).mode & 0o777, file).toBe(0o600);
  });
});
