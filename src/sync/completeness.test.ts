import { describe, expect, it } from 'vitest';
import { groupBuckets } from './completeness';

describe('groupBuckets', () => {
  it('packs differing buckets into requests of about a thousand records by the server’s counts', () => {
    const server = [
      { bucket: '00', count: 600, maxVersion: 1, hash: '' },
      { bucket: '01', count: 300, maxVersion: 1, hash: '' },
      { bucket: '02', count: 200, maxVersion: 1, hash: '' },
      { bucket: '03', count: 1500, maxVersion: 1, hash: '' },
    ];
    expect(groupBuckets(['00', '01', '02', '03', '04'], server)).toEqual([
      ['00', '01'],
      ['02'],
      // A bucket the server does not have (the device's records there must go) costs nothing.
      ['03', '04'],
    ]);
    expect(groupBuckets([], server)).toEqual([]);
  });
});
