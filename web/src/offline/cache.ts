import { NetworkError, request, type Operation } from '../api/client.js';
import { database } from './db.js';

let owner = '';
export const setCacheOwner = (account: string) => {
  owner = account;
};

export interface Loaded<Result> {
  readonly data: Result;
  /** Set when the answer came from the device because there was no connection. */
  readonly savedAt?: number;
}

/**
 * Runs a query and keeps its answer on the device, so the screen opens offline with what was last
 * seen (a workshop's roster, the week's workshops). Signing out empties it: rosters hold names.
 */
export async function cachedQuery<Result, Variables>(operation: Operation<Result, Variables>, variables: Variables): Promise<Loaded<Result>> {
  const key = `${owner}|${operation.name}|${JSON.stringify(variables)}`;
  try {
    const { data } = await request(operation, variables);
    const db = await database();
    await db.put('cache', { key, owner, savedAt: Date.now(), data });
    return { data };
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    const db = await database();
    const saved = await db.get('cache', key);
    if (!saved) throw error;
    return { data: saved.data as Result, savedAt: saved.savedAt };
  }
}

export async function clearCache() {
  const db = await database();
  await db.clear('cache');
}
