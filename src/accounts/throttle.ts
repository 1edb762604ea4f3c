import { isIP } from 'node:net';

/**
 * Limits on failed sign-ins that a stranger cannot turn into a lock-out.
 *
 * Counting failures per user name alone would let anyone shut a user out by failing sign-ins
 * under their name. So failures are limited where the guessing happens:
 *
 * 1. **Per user name and client address: exponential back-off.** After `failuresBeforeBackoff`
 *    failures from one address for one name, each further attempt from there must wait
 *    `backoffStartMs`, then twice as long, up to `backoffMaxMs`. A success from that address
 *    clears it. A correct password from another address is not affected.
 * 2. **Per client address: a sliding window** (a leaky bucket) of `addressFailures` failures per
 *    `addressWindowMs`, whatever the names, against one address trying a common password on many
 *    names. A success does not empty it: an attacker's own account must not reset it.
 * 3. **Per user name, all addresses together: a generous ceiling** (`nameFailures` per
 *    `nameWindowMs`, also a leaky bucket), only as a last resort against guessing spread over many
 *    addresses. One address cannot reach it (the back-off holds it to a handful an hour), so only
 *    someone with many addresses could use it to shut a name out, and only while they keep going.
 *
 * An address is the client's IPv4 address or its IPv6 /64 (one household or phone gets a whole
 * /64, so counting single IPv6 addresses would give one attacker endless fresh ones).
 *
 * Every attempt is counted before its password is checked and handed back when it succeeds, so
 * many requests sent at once cannot all slip in before the first failure is recorded. The counts
 * live in memory: a restart forgets them. With several servers on one KurrentDB each server also
 * counts the failures the others recorded there (`observe`), best effort. They
 * never hold more than `maxTrackedKeys` entries per kind, the least recently used go first.
 */

export interface ThrottleSettings {
  /** Failures from one address for one name before the back-off starts. */
  readonly failuresBeforeBackoff: number;
  /** The first wait of the back-off (ms); each further failure doubles it. */
  readonly backoffStartMs: number;
  /** The longest wait of the back-off (ms). */
  readonly backoffMaxMs: number;
  /** A name and address with no failure for this long starts afresh (ms). */
  readonly backoffForgetMs: number;
  /** Failures one address may make, over all names, in `addressWindowMs`. */
  readonly addressFailures: number;
  readonly addressWindowMs: number;
  /** Failures one name may take, over all addresses, in `nameWindowMs`: the last resort. */
  readonly nameFailures: number;
  readonly nameWindowMs: number;
  /** At most this many names, addresses or pairs are tracked in memory, each. */
  readonly maxTrackedKeys: number;
}

const MINUTE = 60_000;

export const defaultThrottleSettings: ThrottleSettings = {
  failuresBeforeBackoff: 5,
  backoffStartMs: 1_000,
  backoffMaxMs: 15 * MINUTE,
  backoffForgetMs: 24 * 60 * MINUTE,
  addressFailures: 30,
  addressWindowMs: 15 * MINUTE,
  nameFailures: 100,
  nameWindowMs: 60 * MINUTE,
  maxTrackedKeys: 50_000,
};

/** Which limit refused an attempt: for the log, never for the client. */
export type ThrottleLimit = 'nameAndAddress' | 'address' | 'name';

/** The stable `extensions.code` of a refused attempt (HTTP 429 with Retry-After). */
export const TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS';

/** Refused before the password was looked at: too many failures; try again after `retryAfterSeconds`. */
export class TooManyAttempts extends Error {
  readonly code = TOO_MANY_ATTEMPTS;
  constructor(
    readonly retryAfterSeconds: number,
    readonly limit: ThrottleLimit,
  ) {
    super(`too many failed sign-ins; try again in ${retryAfterSeconds} s`);
  }
}

/** The key for a client address: IPv4 as it is (also when IPv4-mapped), IPv6 by its /64; anything else as given. */
export function addressKey(address: string | undefined): string {
  const raw = (address ?? '').trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(raw);
  if (mapped) return mapped[1]!;
  if (isIP(raw) !== 6) return raw.slice(0, 64) || 'unknown';
  const [head = '', tail = ''] = raw.split('%')[0]!.split('::') as [string, string?];
  const left = head ? head.split(':') : [];
  const right = raw.includes('::') && tail ? tail.split(':') : [];
  // An embedded IPv4 tail (…:1.2.3.4) only affects the last 64 bits, which are dropped anyway.
  const groups = raw.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group || '0', 16).toString(16))
    .join(':')}::/64`;
}

interface Backoff {
  failures: number;
  last: number;
}

interface Bucket {
  level: number;
  at: number;
}

/** What an attempt that passed the limits holds: call `succeeded` when the password was right. */
export interface Attempt {
  succeeded(): void;
  /** The limits this failure just filled, if any: worth one line in the log. */
  readonly filled: readonly ThrottleLimit[];
}

export function createSignInThrottle(settings: ThrottleSettings, now: () => number = Date.now) {
  const backoffs = new Map<string, Backoff>();
  const addresses = new Map<string, Bucket>();
  const names = new Map<string, Bucket>();

  /** Gets an entry and marks it most recently used; drops the least recently used beyond the bound. */
  function touch<T>(map: Map<string, T>, key: string, fresh: () => T): T {
    const entry = map.get(key) ?? fresh();
    map.delete(key);
    map.set(key, entry);
    while (map.size > settings.maxTrackedKeys) map.delete(map.keys().next().value!);
    return entry;
  }

  /** A leaky bucket drained at `capacity` per `windowMs`: a sliding window without a list of times. */
  const drain = (bucket: Bucket, capacity: number, windowMs: number, at: number) => {
    bucket.level = Math.max(0, bucket.level - ((at - bucket.at) * capacity) / windowMs);
    bucket.at = at;
  };
  const bucketWait = (bucket: Bucket, capacity: number, windowMs: number) => (bucket.level + 1 > capacity ? ((bucket.level + 1 - capacity) * windowMs) / capacity : 0);
  const backoffDelay = (failures: number) =>
    failures < settings.failuresBeforeBackoff ? 0 : Math.min(settings.backoffMaxMs, settings.backoffStartMs * 2 ** Math.min(40, failures - settings.failuresBeforeBackoff));

  return {
    /**
     * Before a password is checked: throws TooManyAttempts when a limit is reached; otherwise
     * counts the attempt as a failure until `succeeded` is called on what it returns.
     */
    attempt(username: string, address: string | undefined): Attempt {
      const at = now();
      const from = addressKey(address);
      const pairKey = `${from}\n${username}`;

      let backoff = backoffs.get(pairKey);
      if (backoff && at - backoff.last > settings.backoffForgetMs) {
        backoffs.delete(pairKey);
        backoff = undefined;
      }
      const byAddress = touch(addresses, from, () => ({ level: 0, at }));
      drain(byAddress, settings.addressFailures, settings.addressWindowMs, at);
      const byName = touch(names, username, () => ({ level: 0, at }));
      drain(byName, settings.nameFailures, settings.nameWindowMs, at);

      const waits: [ThrottleLimit, number][] = [
        ['nameAndAddress', backoff ? backoff.last + backoffDelay(backoff.failures) - at : 0],
        ['address', bucketWait(byAddress, settings.addressFailures, settings.addressWindowMs)],
        ['name', bucketWait(byName, settings.nameFailures, settings.nameWindowMs)],
      ];
      const [limit, wait] = waits.reduce((longest, one) => (one[1] > longest[1] ? one : longest));
      if (wait > 0) throw new TooManyAttempts(Math.max(1, Math.ceil(wait / 1000)), limit);

      const pair = touch(backoffs, pairKey, () => ({ failures: 0, last: at }));
      pair.failures += 1;
      pair.last = at;
      byAddress.level += 1;
      byName.level += 1;
      const filled: ThrottleLimit[] = [];
      if (pair.failures === settings.failuresBeforeBackoff) filled.push('nameAndAddress');
      if (byAddress.level + 1 > settings.addressFailures) filled.push('address');
      if (byName.level + 1 > settings.nameFailures) filled.push('name');

      let settled = false;
      return {
        filled,
        succeeded() {
          if (settled) return;
          settled = true;
          // A success clears this address's back-off for the name, and is not a failure anywhere.
          backoffs.delete(pairKey);
          byAddress.level = Math.max(0, byAddress.level - 1);
          byName.level = Math.max(0, byName.level - 1);
        },
      };
    },

    /**
     * Counts a failure another server saw (several servers on one KurrentDB share failures through
     * the store, src/accounts/kurrentdb-accounts.ts): best effort, without draining or checking.
     */
    observe(username: string, address: string | undefined, at: number): void {
      const from = addressKey(address);
      const pair = touch(backoffs, `${from}\n${username}`, () => ({ failures: 0, last: at }));
      pair.failures += 1;
      pair.last = Math.max(pair.last, at);
      touch(addresses, from, () => ({ level: 0, at })).level += 1;
      touch(names, username, () => ({ level: 0, at })).level += 1;
    },

    /** How many names, addresses and pairs are tracked (for tests of the memory bound). */
    tracked: () => ({ pairs: backoffs.size, addresses: addresses.size, names: names.size }),
  };
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
