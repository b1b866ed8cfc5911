/**
 * The other screens' Chinese strings: everything the start page (概览) and the shell do not show
 * (those are ./zh-CN.ts, in the first chunk). One lazy chunk, loaded by loadScreenStrings()
 * (./index.ts) before any other screen shows (src/app/routes.tsx) and in the background once the
 * start page shows its figures (src/app/App.tsx); the service worker precaches it, so it loads
 * offline too (docs/PERFORMANCE.md, "Size").
 *
 * To add a feature's strings: one import and one spread here, and the same in ../en.ts.
 */
import * as points from './features/points';
import * as pointsMore from './features/pointsMore';
import * as map from './features/map';
import * as towns from './features/towns';
import * as training from './features/training';
import * as regionPicker from './features/regionPicker';
import * as audit from './features/audit';
import * as duplicates from './features/duplicates';
import * as report from './features/report';
import * as assessment from './features/assessment';
import * as offline from './features/offline';
import * as a11y from './features/a11y';
import * as forms from './features/forms';
import * as formsMore from './features/formsMore';
import * as rescue from './features/rescue';
import * as account from './features/account';
import * as sessions from './features/sessions';
import * as roster from './features/roster';
import * as province from './features/province';
import * as drill from './features/drill';
import * as levels from './features/levels';

export const zhScreens = {
  ...points.zh,
  ...pointsMore.zh,
  ...map.zh,
  ...towns.zh,
  ...training.zh,
  ...regionPicker.zh,
  ...audit.zh,
  ...duplicates.zh,
  ...report.zh,
  ...assessment.zh,
  ...offline.zh,
  ...a11y.zh,
  ...forms.zh,
  ...formsMore.zh,
  ...rescue.zh,
  ...account.zh,
  ...province.zh,
  ...sessions.zh,
  ...roster.zh,
  ...drill.zh,
  ...levels.zh,
} as const;
