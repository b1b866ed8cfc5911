/**
 * Where each training view lives. Every view has a real path under /training (the route table
 * gives the feature `/training/*?`), so a reload, the back button and a shared link land on the
 * same view, offline too (the service worker answers every navigation with the app):
 *
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
 * Links of the first version kept the view in the query string (/training?v=roll&id=…); they
 * still work: `legacyTrainingHref` says where each now lives and the screen redirects there.
 */
export type TrainingView =
  | 'sessions'
  | 'session'
  | 'sessionForm'
  | 'roll'
  | 'import'
  | 'sheet'
  | 'trainees'
  | 'trainee'
  | 'figures';

export interface TrainingRoute {
  view: TrainingView;
  /** The session or trainee; null for a list, or for a form creating a new one. */
  id: string | null;
}

const SESSION_PAGES = {
  edit: 'sessionForm',
  'roll-call': 'roll',
  import: 'import',
  sheet: 'sheet',
};
const SESSION_PAGE_OF: Partial<Record<TrainingView, string>> = Object.fromEntries(
  Object.entries(SESSION_PAGES).map(([segment, view]) => [view, segment]),
);

export function trainingHref(view: TrainingView, id?: string | null): string {
  const ref = id ? encodeURIComponent(id) : null;
  switch (view) {
    case 'sessions':
      return '/training/sessions';
    case 'figures':
      return '/training/figures';
    case 'trainees':
      return '/training/trainees';
    case 'trainee':
      return `/training/trainees/${ref ?? 'new'}`;
    case 'session':
      return ref ? `/training/sessions/${ref}` : '/training/sessions';
    case 'sessionForm':
      return ref ? `/training/sessions/${ref}/edit` : '/training/sessions/new';
    case 'roll':
    case 'import':
    case 'sheet':
      return ref ? `/training/sessions/${ref}/${SESSION_PAGE_OF[view]!}` : '/training/sessions';
  }
}

/** The view of a path under /training; null when the path names none (the screen redirects). */
export function parseTrainingPath(path: string): TrainingRoute | null {
  const parts = path
    .replace(/^\/training\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  const [section, id, page, ...rest] = parts;
  if (rest.length > 0) return null;
  if (section === 'figures' && !id) return { view: 'figures', id: null };
  if (section === 'trainees') {
    if (!id) return { view: 'trainees', id: null };
    if (page) return null;
    return { view: 'trainee', id: id === 'new' ? null : id };
  }
  if (section === 'sessions') {
    if (!id) return { view: 'sessions', id: null };
    if (id === 'new') return page ? null : { view: 'sessionForm', id: null };
    if (!page) return { view: 'session', id };
    const view = (SESSION_PAGES as Record<string, TrainingView | undefined>)[page];
    return view ? { view, id } : null;
  }
  return null;
}

/**
 * Where an old query-string link (/training?v=roll&id=…) now lives, or null when the query has
 * no view. An unknown view goes to the sessions, as it always did.
 */
export function legacyTrainingHref(search: string): string | null {
  const params = new URLSearchParams(search);
  const v = params.get('v');
  if (v === null) return null;
  const views: readonly string[] = [
    'sessions',
    'session',
    'sessionForm',
    'roll',
    'import',
    'sheet',
    'trainees',
    'trainee',
    'figures',
  ];
  return views.includes(v)
    ? trainingHref(v as TrainingView, params.get('id'))
    : trainingHref('sessions');
}

export { localToday } from '../shared/dates';
