/**
 * Where each training view lives. Every view has a real path under /training, in the app's route
 * table (../shared/paths.ts: paths.sessions(), paths.rollCall(id)…), so a reload, the back button
 * and a shared link land on the same view, offline too (the service worker answers every
 * navigation with the app):
 *
 *   /training                              → the sessions (a redirect)
 *   /training/sessions                     the sessions
 *   /training/sessions/new                 a new session
 *   /training/sessions/:id                 one session (its list, export, delete)
 *   /training/sessions/:id/edit            edit it
 *   /training/sessions/:id/roll-call       the roll call
 *   /training/sessions/:id/import          import the township's list
 *   /training/sessions/:id/sheet           the printable sign-in sheet
 *   /training/trainees                     the trainees
 *   /training/trainees/new                 register one
 *   /training/trainees/:id                 one trainee (the edit form)
 *   /training/figures                      the yearly figures
 *
 * Any other path under /training is the not-found screen. Links of the first version kept the
 * view in the query string (/training?v=roll&id=…); they still work: `legacyTrainingHref` says
 * where each now lives and the screen redirects there.
 */
import { paths } from '../shared/paths';

/** The views of the first version's ?v= links, and where each now lives (with or without its id). */
const LEGACY_VIEWS: Record<string, (id: string | null) => string> = {
  sessions: () => paths.sessions(),
  session: (id) => (id ? paths.session(id) : paths.sessions()),
  sessionForm: (id) => (id ? paths.sessionEdit(id) : paths.sessionNew()),
  roll: (id) => (id ? paths.rollCall(id) : paths.sessions()),
  import: (id) => (id ? paths.rosterImport(id) : paths.sessions()),
  sheet: (id) => (id ? paths.signInSheet(id) : paths.sessions()),
  trainees: () => paths.trainees(),
  trainee: (id) => (id ? paths.trainee(id) : paths.traineeNew()),
  figures: () => paths.figures(),
};

/**
 * Where an old query-string link (/training?v=roll&id=…) now lives, or null when the query has
 * no view. An unknown view goes to the sessions, as it always did.
 */
export function legacyTrainingHref(search: string): string | null {
  const params = new URLSearchParams(search);
  const v = params.get('v');
  if (v === null) return null;
  const to = Object.hasOwn(LEGACY_VIEWS, v) ? LEGACY_VIEWS[v] : undefined;
  return to ? to(params.get('id')) : paths.sessions();
}

export { localToday } from '../shared/dates';
