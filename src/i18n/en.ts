/**
 * The English catalogue. Typed against zh-CN.ts so a missing or an extra key fails the compile;
 * i18n.test.ts checks that every key keeps the same `{placeholders}`.
 */
import * as points from './features/points.en';
import * as pointsMore from './features/pointsMore.en';
import * as map from './features/map.en';
import * as towns from './features/towns.en';
import * as training from './features/training.en';
import * as sync from './features/sync.en';
import * as regionPicker from './features/regionPicker.en';
import * as audit from './features/audit.en';
import * as duplicates from './features/duplicates.en';
import * as board from './features/board.en';
import * as report from './features/report.en';
import * as assessment from './features/assessment.en';
import * as offline from './features/offline.en';
import * as shell from './features/shell.en';
import * as a11y from './features/a11y.en';
import * as forms from './features/forms.en';
import * as formsMore from './features/formsMore.en';
import * as rescue from './features/rescue.en';
import * as account from './features/account.en';
import * as sessions from './features/sessions.en';
import * as roster from './features/roster.en';
import * as province from './features/province.en';
import * as drill from './features/drill.en';
import * as levels from './features/levels.en';
import type { MessageKey } from './zh-CN';

export const en: Record<MessageKey, string> = {
  ...points.en,
  ...pointsMore.en,
  ...map.en,
  ...towns.en,
  ...training.en,
  ...sync.en,
  ...regionPicker.en,
  ...audit.en,
  ...duplicates.en,
  ...board.en,
  ...report.en,
  ...assessment.en,
  ...offline.en,
  ...shell.en,
  ...a11y.en,
  ...forms.en,
  ...formsMore.en,
  ...rescue.en,
  ...account.en,
  ...sessions.en,
  ...roster.en,
  ...province.en,
  ...drill.en,
  ...levels.en,
  'app.name': 'Cundian',
  'app.skipToContent': 'Skip to main content',
  'app.loading': 'Loading…',

  'screen.dashboard': 'Overview',
  'screen.points': 'Service points',
  'screen.training': 'Training',
  'screen.towns': 'Central towns and pilots',
  'screen.map': 'Map',
  'screen.settings': 'Sync and settings',
  'screen.notFound': 'Page not found',

  'nav.label': 'Main navigation',
  'nav.dashboard': 'Overview',
  'nav.points': 'Points',
  'nav.training': 'Training',
  'nav.map': 'Map',
  'nav.more': 'More',

  'network.label': 'Network status',
  'network.online': 'Online',
  'year.label': 'Year',
  'year.value': '{year}',
  'network.offline': 'Offline',

  'locale.switchLabel': 'Language',
  'locale.zhShort': '中',
  'locale.enShort': 'EN',
  'locale.zhName': '中文',
  'locale.enName': 'English',

  'common.dismiss': 'Dismiss',

  'screenError.title': 'This page could not open',
  'screenError.body':
    'The connection may have dropped or the app was just updated. Data saved on this device is safe.',
  'screenError.reload': 'Reload',

  'notFound.body': 'There is nothing at {path}. The link may be wrong.',
  'notFound.action': 'Back to the overview',

  'update.title': 'New version available',
  'update.message': 'Save what you are typing, then reload.',
  'update.reload': 'Reload',

  'install.hint': 'Install Cundian on this phone to open it without a connection.',
  'install.button': 'Install',
  'install.iosIntro': 'To install in Safari:',
  'install.iosSteps': 'tap the Share button → Add to Home Screen',
  'install.installed': 'Installed on this device.',
  'install.unavailable':
    'This browser cannot install apps. Open the app in Chrome, Edge or Safari on the phone.',

  'dashboard.pointsCard.figure': '≥ {count}',
  'dashboard.pointsCard.target': 'village e-commerce service points within 3 years',
  'dashboard.trainingCard.figure': '{count} a year',
  'dashboard.trainingCard.target': 'village officials and rural young entrepreneurs trained',
  'dashboard.townsCard.pilotFigure': '≥ {count} per county a year',
  'dashboard.townsCard.pilotTarget': 'central-town e-commerce pilots',
  'dashboard.townsCard.shopFigure': '≥ {count}',
  'dashboard.townsCard.shopTarget': 'agricultural e-commerce sites and online shops',

  'settings.more.heading': 'More',
  'settings.more.townsDescription': 'Flagship stores, pilots and yearly targets',
  'settings.sync.heading': 'Sync',
  'settings.language.heading': 'Language',
  'settings.storage.heading': 'Storage on this device',
  'settings.storage.usage': '{used} used of {quota}',
  'settings.storage.usageLabel': 'Storage usage',
  'settings.storage.persisted': 'Data is stored persistently; the browser will not clear it.',
  'settings.storage.notPersisted':
    'Data is not persistent yet; the browser may clear it when the phone runs low on space.',
  'settings.storage.persistAction': 'Keep data persistently',
  'settings.storage.persistDenied':
    'The browser has not agreed yet. It usually does once the app is installed.',
  'settings.storage.unavailable': 'This browser does not report storage usage.',
  'settings.install.heading': 'Install',
  'settings.about.heading': 'About',
  'settings.about.version': 'Version {version}',

  'sync.pending': 'Waiting to sync',
  'sync.pendingCount': 'Waiting to sync ({count} changes)',
  'sync.synced': 'Synced',
  'sync.status.allSaved': 'Every change on this device has been synced.',
  'sync.status.pending': '{count} changes are saved on this device, waiting to sync.',
  'sync.status.oldest': 'The oldest was saved {when}.',
  'sync.status.engineNote':
    'Your changes are safe on this device and upload automatically once the server can be reached.',
};
