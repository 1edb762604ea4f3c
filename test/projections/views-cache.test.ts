/**
 * The views' document cache (LeastRecentlyUsed in src/projection/views.ts): bounded by count and,
 * when given, by bytes, since documents grow with the log while their number in use need not.
 */
import { describe, expect, it } from 'vitest';
import { LeastRecentlyUsed } from '../../src/projection/views.js';

describe('the document cache', () => {
  it('given a bound in bytes, when more is set than it allows, then it holds no more than the bound and keeps the latest', () => {
    const cache = new LeastRecentlyUsed<string>(1_000, 10_000);
    for (let i = 0; i < 500; i++) {
      cache.set(`k${i}`, `doc ${i}`, 500);
      expect(cache.bytes).toBeLessThanOrEqual(10_000);
    }
    expect(cache.size).toBeLessThan(20);
    for (let i = 495; i < 500; i++) expect(cache.get(`k${i}`)).toBe(`doc ${i}`);
    expect(cache.get('k0')).toBeUndefined();
  });

  it('given documents that grow, when the count bound alone would keep them all, then the bound in bytes still holds', () => {
    const cache = new LeastRecentlyUsed<number>(100, 50_000);
    for (let round = 1; round <= 50; round++) {
      for (let i = 0; i < 40; i++) cache.set(`doc${i}`, round, round * 200);
      expect(cache.size).toBeLessThanOrEqual(100);
      expect(cache.bytes).toBeLessThanOrEqual(50_000);
    }
    // 40 documents of 10,000 bytes: the latest few stay.
    expect(cache.get('doc39')).toBe(50);
  });

  it('given the same document set again, when it is counted, then only its latest size counts', () => {
    const cache = new LeastRecentlyUsed<number>(100, 1_000);
    for (let i = 0; i < 100; i++) cache.set('hot', i, 300);
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(300 + 'hot'.length);
    expect(cache.bytesOf('hot')).toBe(300);
    expect(cache.get('hot')).toBe(99);
  });

  it('given an entry used again after its generation filled, when the next generation fills, then it is still there', () => {
    const cache = new LeastRecentlyUsed<string>(1_000, 4_000);
    cache.set('kept', 'k', 900);
    cache.set('a', 'a', 900);
    cache.set('b', 'b', 900); // the young generation is full (2,000 bytes): 'kept' and 'a' are old now
    expect(cache.get('kept')).toBe('k'); // used: back in the young generation
    cache.set('c', 'c', 900);
    cache.set('d', 'd', 900);
    expect(cache.get('kept')).toBe('k');
    expect(cache.get('a')).toBeUndefined();
  });

  it('given no bound in bytes, when documents are set, then only the count bounds it, as before', () => {
    const cache = new LeastRecentlyUsed<number>(10);
    for (let i = 0; i < 10; i++) cache.set(`k${i}`, i, 1e9);
    expect(cache.size).toBe(10);
    for (let i = 5; i < 10; i++) expect(cache.get(`k${i}`)).toBe(i);
    const none = new LeastRecentlyUsed<number>(10, 0);
    none.set('k', 1, 10);
    expect(none.get('k')).toBeUndefined();
  });

  it('given the same id in two views, when both are set, then each view keeps its own document and both count toward one bound', () => {
    const cache = new LeastRecentlyUsed<string>(4, Infinity, 2);
    cache.set('c1', 'the centre', 0, 0);
    cache.set('c1', "the centre's month", 0, 1);
    expect(cache.get('c1', 0)).toBe('the centre');
    expect(cache.get('c1', 1)).toBe("the centre's month");
    expect(cache.size).toBe(2);
    for (let i = 0; i < 10; i++) cache.set(`w${i}`, 'a workshop', 0, i % 2);
    expect(cache.size).toBeLessThanOrEqual(4);
  });
});
