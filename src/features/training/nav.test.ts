/**
 * Training's URLs are what a trainer shares in a chat group and what a reload in the hall lands
 * on: every view round-trips through its path (the route table's test, ../shared/paths.test.ts),
 * and the query-string links of the first version, already sent around, must still arrive at the
 * same view.
 */
import { describe, expect, it } from 'vitest';
import { legacyTrainingHref } from './nav';

const ID = '0190a0b1-2c3d-7e4f-8a9b-0c1d2e3f4a5b';

describe('training paths', () => {
  it('sends the old ?v= links to the page they meant', () => {
    expect(legacyTrainingHref('')).toBeNull();
    expect(legacyTrainingHref('?id=x')).toBeNull();
    expect(legacyTrainingHref(`v=roll&id=${ID}`)).toBe(`/training/sessions/${ID}/roll-call`);
    expect(legacyTrainingHref(`?v=session&id=${ID}`)).toBe(`/training/sessions/${ID}`);
    expect(legacyTrainingHref('v=sessionForm')).toBe('/training/sessions/new');
    expect(legacyTrainingHref(`v=sessionForm&id=${ID}`)).toBe(`/training/sessions/${ID}/edit`);
    expect(legacyTrainingHref('v=trainee')).toBe('/training/trainees/new');
    expect(legacyTrainingHref('v=figures')).toBe('/training/figures');
    // A session page without its session, or a view that never existed: the sessions.
    expect(legacyTrainingHref('v=roll')).toBe('/training/sessions');
    expect(legacyTrainingHref('v=whatever')).toBe('/training/sessions');
  });
});
