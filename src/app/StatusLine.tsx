/**
 * The one status line of the shell (issue 13, "nothing in the way"). It replaced a stack of
 * banners (尚未登录, install, update…) that took about 40 % of a new user's first screen and
 * pushed the page down as each arrived after first paint (layout shift up to 0.23).
 *
 * One line, fixed at the foot of the content just above the tab bar (beside the rail on wide
 * screens): it overlays, so its arrival moves nothing (the content gets room below its end, which
 * moves nothing either); it sits where the thumb is. It shows the most important notice with its
 * one action (登录, 重新加载, 安装) and how many others wait; a tap on the line opens the details
 * (each notice's full words, its action, and a close button where a notice may be dismissed).
 *
 * Presentational: the notices come as props (ShellStatus.tsx collects them).
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { Icon, Spinner, type IconName } from '../ui';
import { formatNumber, useT } from '../i18n';

export interface StatusNoticeAction {
  label: string;
  onClick: () => void;
  busy?: boolean;
}

export interface StatusNotice {
  id: string;
  tone: 'info' | 'warning';
  icon: IconName;
  /** The short words on the line. */
  title: string;
  /** The full words, in the details. */
  text?: ReactNode;
  action?: StatusNoticeAction;
  onDismiss?: () => void;
}

export interface StatusLineProps {
  /** Most important first. */
  notices: readonly StatusNotice[];
}

export function StatusLine({ notices }: StatusLineProps) {
  const t = useT();
  const detailsId = useId();
  const [open, setOpen] = useState(false);
  const first = notices[0];
  const count = notices.length;

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  if (!first) return null;
  return (
    <section
      className={`shell-status shell-status--${first.tone}`}
      aria-label={t('shell.status.label')}
      data-testid="shell-status"
    >
      {/* Said once when it changes, as the banners were (role status); the line itself is a
          button and not a live region. */}
      <p className="visually-hidden" role="status">
        {first.title}
      </p>
      <ul id={detailsId} className="shell-status__details" hidden={!open}>
        {notices.map((notice) => (
          <li key={notice.id} className={`status-notice status-notice--${notice.tone}`}>
            <Icon name={notice.icon} size={20} className="status-notice__icon" />
            <div className="status-notice__body">
              <strong>{notice.title}</strong>
              {notice.text ? <p>{notice.text}</p> : null}
            </div>
            <div className="status-notice__actions">
              {notice.action ? <ActionButton action={notice.action} /> : null}
              {notice.onDismiss ? (
                <DismissButton onDismiss={notice.onDismiss} label={t('common.dismiss')} />
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      <div className="shell-status__bar">
        <button
          type="button"
          className="shell-status__toggle"
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={() => setOpen(!open)}
        >
          <Icon name={first.icon} size={20} className="shell-status__icon" />
          <span className="shell-status__title">{first.title}</span>
          {count > 1 ? (
            <span className="shell-status__more">
              {t('shell.status.more', { count: formatNumber(count - 1) })}
            </span>
          ) : null}
          <Icon name="chevron-right" size={20} className="shell-status__chevron" />
        </button>
        {first.action ? <ActionButton action={first.action} /> : null}
        {first.onDismiss ? (
          <DismissButton onDismiss={first.onDismiss} label={t('common.dismiss')} />
        ) : null}
      </div>
    </section>
  );
}

function ActionButton({ action }: { action: StatusNoticeAction }) {
  return (
    <button
      type="button"
      className="shell-status__action"
      onClick={action.onClick}
      aria-busy={action.busy || undefined}
    >
      {action.busy ? <Spinner size="small" /> : null}
      {action.label}
    </button>
  );
}

function DismissButton({ onDismiss, label }: { onDismiss: () => void; label: string }) {
  return (
    <button type="button" className="icon-button" onClick={onDismiss} aria-label={label}>
      <Icon name="close" size={20} />
    </button>
  );
}
