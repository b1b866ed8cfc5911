/**
 * Training's URLs are what a trainer shares in a chat group and what a reload in the hall lands
 * on: every view must round-trip through its path, and the query-string links of the first
 * version, already sent around, must still arrive at the same view.
 */
import { describe, expect, it } from 'vitest';
import { legacyTrainingHref, parseTrainingPath, trainingHref, type TrainingView } from './nav';

const ID = '0190a0b1-2c3d-7e4f-8a9b-0c1d2e3f4a5b';

describe('training paths', () => {
  it('gives every view a path that parses back to it', () => {
    const cases: [TrainingView, string | null, string][] = [
      ['sessions', null, '/training/sessions'],
      ['sessionForm', null, '/training/sessions/new'],
      ['session', ID, `/training/sessions/${ID}`],
      ['sessionForm', ID, `/training/sessions/${ID}/edit`],
      ['roll', ID, `/training/sessions/${ID}/roll-call`],
      ['import', ID, `/training/sessions/${ID}/import`],
      ['sheet', ID, `/training/sessions/${ID}/sheet`],
      ['trainees', null, '/training/trainees'],
      ['trainee', null, '/training/trainees/new'],
      ['trainee', ID, `/training/trainees/${ID}`],
      ['figures', null, '/training/figures'],
    ];
    for (const [view, id, path] of cases) {
      expect(trainingHref(view, id)).toBe(path);
      expect(parseTrainingPath(path)).toEqual({ view, id });
    }
  });

  it('names no view for /training itself or a path it does not know', () => {
    for (const path of [
      '/training',
      '/training/',
      '/training/nothing',
      '/training/figures/2026',
      `/training/sessions/${ID}/delete`,
      `/training/sessions/new/edit`,
      `/training/trainees/${ID}/edit`,
      `/training/sessions/${ID}/roll-call/more`,
    ]) {
      expect(parseTrainingPath(path)).toBeNull();
    }
    // A trailing slash is the same page.
    expect(parseTrainingPath('/training/figures/')).toEqual({ view: 'figures', id: null });
  });

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
