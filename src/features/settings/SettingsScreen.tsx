/**
 * 同步与设置 (the "more" tab): the way to the screens without a tab of their own, the sync status
 * (filled in by the sync layer through data-slot="sync-status"), language, the GPS accuracy
 * threshold of the point form, storage on this device, installation and the app version.
 */
import { lazy, Suspense, useState } from 'react';
import { formatBytes, formatNumber, setLocale, useLocale, useT } from '../../i18n';
import type { Locale, MessageKey } from '../../i18n';
import { InstallPanel, requestPersistentStorage, useStorageEstimate } from '../../pwa';
import { APP_VERSION } from '../../pwa/version';
import { useSession } from '../../db';
import { ownReportArea } from '../../domain/assessmentReport';
import { Button, Card, Icon, LinkList, ProgressBar, Spinner } from '../../ui';
import { paths } from '../shared/paths';
import { SyncStatusPanel } from './SyncStatusPanel';
import { MyDevicesSection } from '../shared/Devices';
import { GpsAccuracySetting } from './GpsAccuracySetting';
import { RescueImportSection } from './RescueImportSection';

// Its own chunk (tile maths, gcoord, outlines): loaded when settings open, never with the shell.
const OfflineMapSection = lazy(() => import('./OfflineMapSection'));
// The user's own password (issue 14): its own chunk too.
const PasswordSection = lazy(() => import('./PasswordSection'));

const LANGUAGE_OPTIONS: readonly { locale: Locale; nameKey: MessageKey }[] = [
  { locale: 'zh-CN', nameKey: 'locale.zhName' },
  { locale: 'en', nameKey: 'locale.enName' },
];

function LanguageSection() {
  const t = useT();
  const current = useLocale();
  return (
    <Card>
      <fieldset className="choice-group">
        <legend className="card__title">{t('settings.language.heading')}</legend>
        {LANGUAGE_OPTIONS.map(({ locale, nameKey }) => (
          <label key={locale} className="choice" lang={locale}>
            <input
              type="radio"
              name="locale"
              value={locale}
              checked={current === locale}
              onChange={() => setLocale(locale)}
            />
            <span>{t(nameKey)}</span>
          </label>
        ))}
      </fieldset>
    </Card>
  );
}

function StorageSection() {
  const t = useT();
  const estimate = useStorageEstimate();
  const [persistRefused, setPersistRefused] = useState(false);
  const [asking, setAsking] = useState(false);

  const askPersistence = async () => {
    setAsking(true);
    const granted = await requestPersistentStorage();
    setPersistRefused(!granted);
    await estimate.refresh();
    setAsking(false);
  };

  return (
    <Card title={t('settings.storage.heading')}>
      {estimate.status === 'loading' && <Spinner label={t('app.loading')} />}
      {estimate.status === 'unavailable' && (
        <p className="muted">{t('settings.storage.unavailable')}</p>
      )}
      {estimate.status === 'ready' && (
        <>
          <p>
            {t('settings.storage.usage', {
              used: formatBytes(estimate.usage),
              quota: formatBytes(estimate.quota),
            })}
          </p>
          <ProgressBar
            label={t('settings.storage.usageLabel')}
            value={estimate.usage}
            max={estimate.quota}
            valueText={`${formatNumber(estimate.quota > 0 ? estimate.usage / estimate.quota : 0, {
              style: 'percent',
              maximumFractionDigits: 1,
            })}`}
          />
          {estimate.persisted ? (
            <p className="status-line status-line--good">
              <Icon name="check" size={20} />
              <span>{t('settings.storage.persisted')}</span>
            </p>
          ) : (
            <>
              <p className="status-line status-line--warning">
                <Icon name="alert" size={20} />
                <span>{t('settings.storage.notPersisted')}</span>
              </p>
              {persistRefused && <p className="muted">{t('settings.storage.persistDenied')}</p>}
              <Button variant="secondary" loading={asking} onClick={() => void askPersistence()}>
                {t('settings.storage.persistAction')}
              </Button>
            </>
          )}
        </>
      )}
    </Card>
  );
}

export default function SettingsScreen() {
  const t = useT();
  const session = useSession();
  // Only for those who may open a report (a coordinator, the admin): nobody else gets a link
  // that would end on a refusal.
  const reportArea = session ? ownReportArea(session.user) : null;
  return (
    <div className="screen">
      <header className="screen__header">
        <h1 className="screen__title">{t('screen.settings')}</h1>
      </header>

      <Card title={t('settings.sync.heading')}>
        <div data-slot="sync-status">
          <SyncStatusPanel />
        </div>
      </Card>

      <Card title={t('settings.more.heading')}>
        <LinkList
          rows={[
            {
              href: paths.assessment(),
              icon: 'users',
              title: t('assessment.title'),
              description: t('assessment.moreDescription'),
            },
            {
              href: paths.towns(),
              icon: 'store',
              title: t('screen.towns'),
              description: t('settings.more.townsDescription'),
            },
            reportArea && {
              href: paths.reportOwn(),
              icon: 'share',
              title: t('report.link.title'),
              description: t('report.link.description'),
            },
          ]}
        />
      </Card>

      <LanguageSection />
      <Suspense fallback={null}>
        <PasswordSection />
      </Suspense>
      <MyDevicesSection />
      <GpsAccuracySetting />
      <StorageSection />
      <RescueImportSection />
      <Suspense fallback={null}>
        <OfflineMapSection />
      </Suspense>

      <Card title={t('settings.install.heading')}>
        <InstallPanel />
      </Card>

      <Card title={t('settings.about.heading')}>
        <p className="muted">
          {t('app.name')} · {t('settings.about.version', { version: APP_VERSION })}
        </p>
      </Card>
    </div>
  );
}
