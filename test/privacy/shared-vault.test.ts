/**
 * People's keys in KurrentDB (src/privacy/shared-vault.ts), as several servers see them: against
 * the in-memory stand-in of KurrentDB's gRPC protocol, or a real server when
 * KURRENTDB_CONNECTION_STRING is set.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { isWrongExpectedRevision } from '../../src/store/port.js';
import { openSideStreams, type SideStreams } from '../../src/store/kurrentdb-streams.js';
import { KEY_PROTECTION_STREAM, openSharedVault, personKeyStream, type SharedVault } from '../../src/privacy/shared-vault.js';
import { createStandInServer } from '../support/kurrentdb-stand-in.js';

const real = process.env.KURRENTDB_CONNECTION_STRING;
const standIns: ReturnType<typeof createStandInServer>[] = [];
async function kurrentDb(): Promise<string> {
  if (real) return real;
  const standIn = createStandInServer();
  standIns.push(standIn);
  return `kurrentdb://admin:changeit@127.0.0.1:${await standIn.start()}?tls=false`;
}
const connection = await kurrentDb();
const opened: { vault: SharedVault; streams: SideStreams }[] = [];

async function server(options: { connection?: string; dataKey?: string } = {}) {
  const streams = openSideStreams(options.connection ?? connection);
  try {
    const vault = await openSharedVault({ streams, ...(options.dataKey ? { dataKey: options.dataKey } : {}) });
    opened.push({ vault, streams });
    return vault;
  } catch (error) {
    await streams.close();
    throw error;
  }
}

afterAll(async () => {
  for (const { vault, streams } of opened) {
    await vault.settled();
    vault.close();
    await streams.close();
  }
  for (const standIn of standIns) standIn.stop();
});

/** What the other server answers once its subscription has delivered what KurrentDB holds. */
async function eventually<T>(ask: () => T, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return ask();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe("people's keys in KurrentDB", () => {
  it('given a name sealed and its key stored through one server, when another server opens it, then it reads the name', async () => {
    const one = await server();
    const other = await server();
    const person = randomUUID();

    const sealed = one.seal(person, { givenName: 'Emina' });
    await one.storePendingKeys();

    expect(await eventually(() => other.open(person, sealed))).toEqual({ givenName: 'Emina' });
  });

  it('given a server that started after the key was stored, when it opens the name, then the key was read at its start', async () => {
    const one = await server();
    const person = randomUUID();
    const sealed = one.seal(person, { givenName: 'Jasmin' });
    await one.storePendingKeys();

    const later = await server();

    expect(later.open(person, sealed)).toEqual({ givenName: 'Jasmin' });
  });

  it('given a name another server holds the key of in memory, when one server erases the person, then both answer erased, nothing can be sealed for them again and a server started later knows it too', async () => {
    const one = await server();
    const other = await server();
    const person = randomUUID();
    const sealed = one.seal(person, { givenName: 'Alma' });
    await one.storePendingKeys();
    expect(await eventually(() => other.open(person, sealed))).toEqual({ givenName: 'Alma' });

    one.erase(person);
    await one.settled();

    expect(one.open(person, sealed)).toBeNull();
    await eventually(() => expect(other.open(person, sealed)).toBeNull());
    expect(() => other.seal(person, { givenName: 'Alma' })).toThrow(/erased/);
    const later = await server();
    expect(later.isErased(person)).toBe(true);
    expect(later.open(person, sealed)).toBeNull();
  });

  it('given two servers creating a key for the same new person at once, when both store them, then one is refused as a conflict and afterwards both seal with the stored key', async () => {
    const one = await server();
    const other = await server();
    const person = randomUUID();
    const first = one.seal(person, { givenName: 'Haris' });
    other.seal(person, { givenName: 'Haris' });

    const outcomes = await Promise.allSettled([one.storePendingKeys(), other.storePendingKeys()]);

    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(isWrongExpectedRevision((refused[0] as PromiseRejectedResult).reason)).toBe(true);
    const loser = outcomes[0]!.status === 'rejected' ? one : other;
    const winner = loser === one ? other : one;
    const again = loser.seal(person, { givenName: 'Haris' });
    await loser.storePendingKeys();
    expect(winner.open(person, again)).toEqual({ givenName: 'Haris' });
    if (winner === one) expect(loser.open(person, first)).toEqual({ givenName: 'Haris' });
  });

  it('given the keys of a whole list prepared at once (an import), when they are stored, then another server opens every name', async () => {
    const one = await server();
    const other = await server();
    const people = Array.from({ length: 40 }, () => randomUUID());
    one.prepareKeys(people);
    const sealed = people.map((person, n) => one.seal(person, { givenName: `Osoba ${n}` }));

    await one.storePendingKeys();

    const opened = await eventually(() => people.map((person, n) => other.open(person, sealed[n])));
    expect(opened.map((names) => names?.givenName)).toEqual(people.map((_, n) => `Osoba ${n}`));
  });

  it('given a person erased before any key was stored, when a server tries to store a key for them, then the tombstone refuses it', async () => {
    const one = await server();
    const other = await server();
    const person = randomUUID();
    other.seal(person, { givenName: 'Dženana' });

    one.erase(person);
    await one.settled();

    await expect(other.storePendingKeys()).rejects.toSatisfy(isWrongExpectedRevision);
    expect(() => other.seal(person, { givenName: 'Dženana' })).toThrow(/erased/);
  });
});

describe.skipIf(real)("people's keys in KurrentDB under DATA_KEY", () => {
  it('given servers started with DATA_KEY, when a key is stored, then KurrentDB holds it wrapped, the same DATA_KEY opens it and another DATA_KEY or none is refused', async () => {
    const own = await kurrentDb();
    const one = await server({ connection: own, dataKey: 'the centre network passphrase' });
    const person = randomUUID();
    const sealed = one.seal(person, { givenName: 'Nermin' });
    await one.storePendingKeys();

    const streams = openSideStreams(own);
    const [stored] = await streams.read(personKeyStream(person));
    const [protection] = await streams.read(KEY_PROTECTION_STREAM);
    await streams.close();
    // 32 bytes raw; wrapped: IV, tag and the sealed key.
    expect(Buffer.from((stored!.data as { key: string }).key, 'base64').length).toBe(12 + 16 + 32);
    expect(protection!.data).toMatchObject({ protection: 'scrypt' });
    const other = await server({ connection: own, dataKey: 'the centre network passphrase' });
    expect(await eventually(() => other.open(person, sealed))).toEqual({ givenName: 'Nermin' });
    await expect(server({ connection: own, dataKey: 'another passphrase' })).rejects.toThrow(/DATA_KEY is not the key/);
    await expect(server({ connection: own })).rejects.toThrow(/DATA_KEY is not set/);
  });
});
