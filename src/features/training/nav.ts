/**
 * Where each training view lives. The app's route table gives the feature the one path /training,
 * so the view and the record are in the query string (/training?v=roll&id=…): a reload, the back
 * button and a shared link all land on the same view.
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

export function trainingHref(view: TrainingView, id?: string): string {
  const params = new URLSearchParams();
  if (view !== 'sessions') params.set('v', view);
  if (id) params.set('id', id);
  const query = params.toString();
  return query ? `/training?${query}` : '/training';
}

export function parseTrainingSearch(search: string): { view: TrainingView; id: string | null } {
  const params = new URLSearchParams(search);
  const views: readonly TrainingView[] = [
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
  const v = params.get('v') ?? 'sessions';
  return {
    view: (views as readonly string[]).includes(v) ? (v as TrainingView) : 'sessions',
    id: params.get('id'),
  };
}

/** Today as YYYY-MM-DD in the device's time zone (the calendar day in the hall). */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
