/**
 * The settings screen's install section: the install button where the browser offers one,
 * written steps on iOS Safari, "installed" when the app already runs from the home screen.
 */
import { useState } from 'react';
import { Button, Icon } from '../ui';
import { useT } from '../i18n';
import { useInstallOption } from './install';

export function InstallPanel() {
  const t = useT();
  const option = useInstallOption();
  const [installing, setInstalling] = useState(false);

  switch (option.kind) {
    case 'installed':
      return (
        <p className="status-line status-line--good">
          <Icon name="check" size={20} />
          <span>{t('install.installed')}</span>
        </p>
      );
    case 'prompt':
      return (
        <Button
          icon="download"
          loading={installing}
          onClick={() => {
            setInstalling(true);
            option.install().finally(() => setInstalling(false));
          }}
        >
          {t('install.button')}
        </Button>
      );
    case 'ios-instructions':
      return (
        <p className="status-line">
          <Icon name="share" size={20} />
          <span>
            {t('install.iosIntro')} <strong>{t('install.iosSteps')}</strong>
          </span>
        </p>
      );
    case 'unavailable':
      return <p className="muted">{t('install.unavailable')}</p>;
  }
}
