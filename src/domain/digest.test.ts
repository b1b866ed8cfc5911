/**
 * The digest definition a second client must reproduce byte for byte (docs/PROTOCOL.md
 * "Completeness check"); server/sync/digest.test.ts checks PostgreSQL computes the same.
 */
import { describe, expect, it } from 'vitest';
import {
  ALL_BUCKETS,
  bucketOf,
  differingBuckets,
  differingEntities,
  digestOf,
  digestText,
} from './digest';

const A = '0190a0b0-0000-7000-8000-00000000000a';
const B = '0190a0b0-0000-7000-8000-0000000000ff';
const C = '0190A0B0-0000-7000-8000-0000000001AB';

describe('digest', () => {
  it('hashes one `id:version` line per record, ids ascending, lower case', async () => {
    expect(
      digestText([
        { id: B, version: 2 },
        { id: C, version: 1 },
        { id: A, version: 10 },
      ]),
    ).toBe(`${A}:10\n${B}:2\n${C.toLowerCase()}:1\n`);
    const one = digestOf([{ id: A, version: 1 }]);
    const same = digestOf([{ id: A.toUpperCase(), version: 1 }]);
    expect(one).toEqual(same);
    expect(one.hash).toMatch(/^[0-9a-f]{64}$/);
    // Nothing: count 0, version 0 and the hash of the empty text.
    expect(digestOf([])).toEqual({
      count: 0,
      maxVersion: 0,
      hash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
    // A version that changed, or one record more, changes the hash.
    expect(digestOf([{ id: A, version: 2 }]).hash).not.toBe(one.hash);
    expect(
      digestOf([
        { id: A, version: 1 },
        { id: B, version: 1 },
      ]).hash,
    ).not.toBe(one.hash);
  });

  it('puts ids in 256 buckets by their last two hex digits', () => {
    expect(ALL_BUCKETS).toHaveLength(256);
    expect(ALL_BUCKETS[0]).toBe('00');
    expect(ALL_BUCKETS[255]).toBe('ff');
    expect(bucketOf(A)).toBe('0a');
    expect(bucketOf(C)).toBe('ab');
  });

  it('names the entities and buckets that differ, empty on both sides counting as equal', async () => {
    const x = digestOf([{ id: A, version: 1 }]);
    const y = digestOf([{ id: A, version: 2 }]);
    const none = digestOf([]);
    expect(
      differingEntities({ servicePoint: x, trainee: none }, { servicePoint: x, agriShop: none }),
    ).toEqual([]);
    expect(differingEntities({ servicePoint: x }, { servicePoint: y })).toEqual(['servicePoint']);
    expect(differingEntities({ trainee: x }, {})).toEqual(['trainee']);
    expect(
      differingBuckets(
        [
          { bucket: '0a', ...x },
          { bucket: 'ff', ...x },
        ],
        [
          { bucket: '0a', ...y },
          { bucket: '10', ...x },
          { bucket: 'ff', ...x },
        ],
      ),
    ).toEqual(['0a', '10']);
  });
});
