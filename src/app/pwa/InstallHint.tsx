/**
 * The one-time "install on this phone" hint under the top bar. Shown only where installing is
 * possible and not done yet; once dismissed or used it never comes back (the settings screen
 * keeps the install button for later).
 */
import { Banner } from '../../ui';
import { useT } from '../i18n';
import { dismissInstallHint, useInstallHintDismissed, useInstallOption } from './install';

export function InstallHint() {
  const t = useT();
  const dismissed = useInstallHintDismissed();
  const option = useInstallOption();
  if (dismissed) return null;

  if (option.kind === 'prompt') {
    return (
      <Banner
        tone="info"
        icon="download"
        action={{
          label: t('install.button'),
          onClick: () => {
            dismissInstallHint();
            void option.install();
          },
        }}
        onDismiss={dismissInstallHint}
        dismissLabel={t('common.dismiss')}
      >
        {t('install.hint')}
      </Banner>
    );
  }
  if (option.kind === 'ios-instructions') {
    return (
      <Banner
        tone="info"
        icon="share"
        onDismiss={dismissInstallHint}
        dismissLabel={t('common.dismiss')}
      >
        {t('install.hint')} {t('install.iosIntro')} {t('install.iosSteps')}
      </Banner>
    );
  }
  return null;
}
