import { describe, expect, it } from 'vitest';
import { addressKey, createSignInThrottle, defaultThrottleSettings, TooManyAttempts, type ThrottleSettings } from '../../src/accounts/throttle.js';

/*
 * The sign-in limits on their own, with a clock: the back-off per name and address, the window per
 * address, the last-resort ceiling per name, and the memory bound. test/accounts/sign-in-limits.test.ts
 * checks the same over HTTP.
 */

const MINUTE = 60_000;

function setup(settings: Partial<ThrottleSettings> = {}) {
  let clock = Date.parse('2026-11-23T10:00:00Z');
  const throttle = createSignInThrottle({ ...defaultThrottleSettings, ...settings }, () => clock);
  const refusal = (name: string, address: string) => {
    try {
      throttle.attempt(name, address);
      return null;
    } catch (error) {
      if (!(error instanceof TooManyAttempts)) throw error;
      return { limit: error.limit, seconds: error.retryAfterSeconds };
    }
  };
  return { throttle, refusal, advance: (ms: number) => (clock += ms) };
}

describe('the back-off per name and address', () => {
  it('given five failures from one address, when it tries again, then it waits 1 s, then 2 s, 4 s … up to 15 minutes', () => {
    const { refusal, advance } = setup();
    for (let i = 0; i < 5; i++) expect(refusal('ana.staff', '203.0.113.7')).toBeNull();
    expect(refusal('ana.staff', '203.0.113.7')).toEqual({ limit: 'nameAndAddress', seconds: 1 });
    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      const refused = refusal('ana.staff', '203.0.113.7')!;
      waits.push(refused.seconds);
      advance(refused.seconds * 1000);
      expect(refusal('ana.staff', '203.0.113.7')).toBeNull();
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900]);
  });

  it('given a name backed off at one address, when another address tries it, then it is not refused', () => {
    const { refusal } = setup();
    for (let i = 0; i < 5; i++) refusal('ana.staff', '203.0.113.7');
    expect(refusal('ana.staff', '203.0.113.7')).not.toBeNull();
    expect(refusal('ana.staff', '198.51.100.20')).toBeNull();
  });

  it('given failures and then a success from that address, when it fails again, then it starts afresh', () => {
    const { throttle, refusal } = setup();
    for (let i = 0; i < 4; i++) refusal('ana.staff', '203.0.113.7');
    throttle.attempt('ana.staff', '203.0.113.7').succeeded();
    for (let i = 0; i < 5; i++) expect(refusal('ana.staff', '203.0.113.7')).toBeNull();
  });

  it('says once which limit a failure filled, for the log; the name is never part of it', () => {
    const { throttle } = setup();
    const filled = Array.from({ length: 5 }, () => throttle.attempt('ana.staff', '203.0.113.7').filled);
    expect(filled).toEqual([[], [], [], [], ['nameAndAddress']]);
  });

  it('given attempts sent at once, when their passwords are still being checked, then each already counts', () => {
    const { throttle, refusal } = setup();
    const pending = Array.from({ length: 5 }, () => throttle.attempt('ana.staff', '203.0.113.7'));
    expect(refusal('ana.staff', '203.0.113.7')?.limit).toBe('nameAndAddress');
    expect(pending).toHaveLength(5);
  });
});

describe('the window per address', () => {
  it('given 30 failures from one address over many names, when it tries a 31st name, then it is refused, and a minute later it may try again', () => {
    const { refusal, advance } = setup();
    for (let i = 0; i < 30; i++) expect(refusal(`user${i}`, '203.0.113.7')).toBeNull();
    expect(refusal('someone.else', '203.0.113.7')).toEqual({ limit: 'address', seconds: 30 });
    expect(refusal('someone.else', '198.51.100.20')).toBeNull();
    advance(30_000);
    expect(refusal('someone.else', '203.0.113.7')).toBeNull();
  });

  it('counts an IPv6 client by its /64, and an IPv4-mapped address as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey(undefined)).toBe('unknown');
    const { refusal } = setup({ addressFailures: 3 });
    for (const host of ['1', '2', '3']) expect(refusal(`user${host}`, `2001:db8:1:2::${host}`)).toBeNull();
    expect(refusal('user4', '2001:db8:1:2::4')?.limit).toBe('address');
    expect(refusal('user4', '2001:db8:1:3::4')).toBeNull();
  });
});

describe('the ceiling per name over all addresses', () => {
  it('given 100 failures for one name from 20 addresses, when a 21st address tries it, then it is refused until the window has drained a little', () => {
    const { refusal, advance } = setup();
    for (let a = 0; a < 20; a++) for (let i = 0; i < 5; i++) expect(refusal('ana.staff', `203.0.113.${a}`)).toBeNull();
    expect(refusal('ana.staff', '198.51.100.20')).toEqual({ limit: 'name', seconds: 36 });
    expect(refusal('milica.coord', '198.51.100.20')).toBeNull();
    advance(36_000);
    expect(refusal('ana.staff', '198.51.100.20')).toBeNull();
  });

  it('one address alone cannot reach it: the back-off holds it to a handful of attempts an hour', () => {
    const { refusal, advance } = setup();
    let failures = 0;
    for (let elapsed = 0; elapsed < 60 * MINUTE; ) {
      const refused = refusal('ana.staff', '203.0.113.7');
      if (refused) {
        expect(refused.limit).toBe('nameAndAddress');
        advance(refused.seconds * 1000);
        elapsed += refused.seconds * 1000;
      } else failures++;
    }
    expect(failures).toBeLessThan(defaultThrottleSettings.nameFailures / 4);
  });
});

describe('memory', () => {
  it('tracks at most maxTrackedKeys of each kind, dropping the least recently used', () => {
    const { throttle, refusal } = setup({ maxTrackedKeys: 100 });
    for (let i = 0; i < 1000; i++) refusal(`user${i}`, `10.0.${Math.floor(i / 250)}.${i % 250}`);
    expect(throttle.tracked()).toEqual({ pairs: 100, addresses: 100, names: 100 });
  });
});
