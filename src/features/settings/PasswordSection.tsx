/**
 * 修改密码 in settings (issue 14): when the current password expires (a warning in the last days
 * before), and the form to change it. The status is asked of the server when the section opens;
 * offline the form still shows and says, on sending, that it needs the network.
 */
import { useEffect, useState } from 'react';
import { formatDate, useT } from '../../i18n';
import { useSession } from '../../db';
import type { PasswordStatus } from '../../domain/protocol';
import { Banner, Card } from '../../ui';
import { useSyncEngine } from '../shared/useSyncEngine';
import { ChangePasswordForm } from '../shared/ChangePasswordForm';

export function PasswordExpiry({ status }: { status: PasswordStatus | null }) {
  const t = useT();
  if (!status) return null;
  if (status.expiresAt === null) return <p className="muted">{t('account.password.noExpiry')}</p>;
  const date = formatDate(status.expiresAt);
  return status.warn ? (
    <Banner tone="warning" icon="alert">
      {t('account.password.warn', { date })}
    </Banner>
  ) : (
    <p className="muted">{t('account.password.expiresOn', { date })}</p>
  );
}

export default function PasswordSection() {
  const t = useT();
  const engine = useSyncEngine();
  const session = useSession();
  const token = session?.token ?? null;
  const [status, setStatus] = useState<PasswordStatus | null>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (!token) return;
    let live = true;
    engine.api.passwordStatus(token).then(
      (answer) => {
        if (live) setStatus(answer);
      },
      () => undefined, // offline or signed out: the form says so when used
    );
    return () => {
      live = false;
    };
  }, [engine, token]);

  if (!token) return null;
  return (
    <Card title={t('account.password.heading')}>
      <PasswordExpiry status={status} />
      {done && (
        <Banner tone="info" icon="check">
          {t('account.password.done')}
        </Banner>
      )}
      <ChangePasswordForm
        policy={status?.policy}
        onChanged={(next) => {
          setStatus(next);
          setDone(true);
        }}
      />
    </Card>
  );
}
