/**
 * A message across the top of the content: info, warning or error, with an optional action
 * button and an optional dismiss button. Errors are announced at once (role alert), the others
 * politely (role status).
 */
import type { ReactNode } from 'react';
import { Button } from './Button';
import { Icon, type IconName } from './Icon';

export type BannerTone = 'info' | 'warning' | 'error';

export interface BannerAction {
  label: string;
  onClick: () => void;
  loading?: boolean;
}

export interface BannerProps {
  tone?: BannerTone;
  icon?: IconName;
  children: ReactNode;
  action?: BannerAction;
  onDismiss?: () => void;
  /** Required with onDismiss: the icon-only button needs a name for screen readers. */
  dismissLabel?: string;
}

const TONE_ICONS: Record<BannerTone, IconName> = {
  info: 'refresh',
  warning: 'alert',
  error: 'alert',
};

export function Banner({
  tone = 'info',
  icon,
  children,
  action,
  onDismiss,
  dismissLabel,
}: BannerProps) {
  return (
    <div className={`banner banner--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <Icon name={icon ?? TONE_ICONS[tone]} className="banner__icon" />
      <div className="banner__body">{children}</div>
      {(action || onDismiss) && (
        <div className="banner__actions">
          {action && (
            <Button
              variant={tone === 'error' ? 'danger' : 'primary'}
              loading={action.loading}
              onClick={action.onClick}
            >
              {action.label}
            </Button>
          )}
          {onDismiss && (
            <button
              type="button"
              className="icon-button"
              onClick={onDismiss}
              aria-label={dismissLabel}
            >
              <Icon name="close" size={20} />
            </button>
          )}
        </div>
      )}
    </div>
  );
}
