/**
 * The client checks every pull page with a hand-written validator (no copy of 20,000 records)
 * instead of the protocol's zod schema. If the two ever disagreed, the device would either apply
 * a page the protocol forbids or refuse a valid one and stop syncing: so they are compared here,
 * on valid pages and on each way a page can be wrong. Also: how failures are classified decides
 * whether the outbox is retried, kept for a login, or kept for an app update.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pullResponseSchema } from '../domain/protocol';
import { ApiClient, isPullResponse, SyncFailure } from './api';

const ID = '01900000-0000-7000-8000-000000000001';
const change = {
  entity: 'servicePoint',
  id: ID,
  version: 3,
  deleted: false,
  data: { id: ID, name: '下姜村电商服务点' },
};
const page = { changes: [change], cursor: 'c1', hasMore: false, lastMutationId: 4 };

const broken: [string, unknown][] = [
  ['not an object', 'page'],
  ['no changes', { ...page, changes: undefined }],
  ['unknown entity', { ...page, changes: [{ ...change, entity: 'spaceship' }] }],
  ['bad id', { ...page, changes: [{ ...change, id: 'p1' }] }],
  ['version 0', { ...page, changes: [{ ...change, version: 0 }] }],
  ['fractional version', { ...page, changes: [{ ...change, version: 1.5 }] }],
  ['deleted as text', { ...page, changes: [{ ...change, deleted: 'no' }] }],
  ['data as a list', { ...page, changes: [{ ...change, data: [] }] }],
  ['cursor missing', { ...page, cursor: null }],
  ['negative lastMutationId', { ...page, lastMutationId: -1 }],
  ['hasMore as text', { ...page, hasMore: 'yes' }],
  ['reset false', { resetRequired: false }],
];

describe('isPullResponse', () => {
  it('accepts what pullResponseSchema accepts', () => {
    for (const valid of [
      page,
      { ...page, changes: [] },
      { ...page, changes: [{ ...change, deleted: true, data: null }] },
      { resetRequired: true },
    ]) {
      expect(pullResponseSchema.safeParse(valid).success).toBe(true);
      expect(isPullResponse(valid)).toBe(true);
    }
  });

  it.each(broken)('refuses a page with %s, as the schema does', (_, value) => {
    expect(pullResponseSchema.safeParse(value).success).toBe(false);
    expect(isPullResponse(value)).toBe(false);
  });

  it('agrees with the schema on arbitrary changes', () => {
    const anyChange = fc.record({
      entity: fc.constantFrom('servicePoint', 'attendance', 'nope', ''),
      id: fc.constantFrom(ID, 'x', ID.toUpperCase()),
      version: fc.oneof(
        fc.integer({ min: -2, max: 5 }),
        fc.double(),
        fc.constantFrom(2 ** 53, Number.MAX_SAFE_INTEGER),
      ),
      deleted: fc.oneof(fc.boolean(), fc.constant('false')),
      data: fc.oneof(fc.constant(null), fc.dictionary(fc.string(), fc.string()), fc.constant(3)),
    });
    fc.assert(
      fc.property(
        fc.array(anyChange, { maxLength: 3 }),
        fc.integer({ min: -1, max: 9 }),
        (changes, last) => {
          const value = { changes, cursor: 'c', hasMore: false, lastMutationId: last };
          expect(isPullResponse(value)).toBe(pullResponseSchema.safeParse(value).success);
        },
      ),
    );
  });
});

describe('ApiClient failures', () => {
  const answering = (status: number, body: unknown) =>
    new ApiClient({
      baseUrl: 'http://test',
      fetch: async () => new Response(JSON.stringify(body), { status }),
    });

  it.each([
    [401, { error: 'unauthorized', message: 'x' }, 'unauthorized'],
    [426, { error: 'clientTooOld', message: 'x' }, 'clientTooOld'],
    [403, { error: 'clientOwnedByAnotherUser', message: 'x' }, 'otherUser'],
    [503, { error: 'internal', message: 'x' }, 'server'],
    [429, { error: 'tooManyAttempts', message: 'x' }, 'server'],
    [400, { error: 'badRequest', message: 'x' }, 'refused'],
  ])('HTTP %i → %s', async (status, body, kind) => {
    const failure = await answering(status, body)
      .pull('t', ID, null, 10)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SyncFailure);
    expect((failure as SyncFailure).kind).toBe(kind);
  });

  it('calls a proxy’s HTML page a bad response, and no answer offline', async () => {
    const html = new ApiClient({
      baseUrl: 'http://test',
      fetch: async () => new Response('<!doctype html><title>Wi-Fi login</title>', { status: 200 }),
    });
    await expect(html.pull('t', ID, null, 10)).rejects.toMatchObject({ kind: 'badResponse' });
    const offline = new ApiClient({
      baseUrl: 'http://test',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(offline.pull('t', ID, null, 10)).rejects.toMatchObject({ kind: 'offline' });
  });
});
