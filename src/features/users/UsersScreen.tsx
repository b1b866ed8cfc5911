/**
 * 用户管理 (/users), for city admins: the accounts, their roles and areas; add one, change a role
 * or an area, disable an account, reset a password (GET/POST /api/users, PATCH /api/users/:id).
 * The server enforces who may do this; the screen only spares other roles a useless page. An
 * admin of a county sees and manages the accounts of the county only, and is offered only the
 * areas within it (src/domain/usersPolicy.ts, the server's rule). Links to 安全审计 (/audit).
 * Needs the network: accounts live on the server, never on a phone.
 */
import { useCallback, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { useT } from '../../i18n';
import { useSession } from '../../db';
import { may } from '../../domain/actions';
import { isWholeArea, LEVEL_DIGITS, rootLevel, rootScope } from '../../domain/levels';
import { type Role, type Scope } from '../../domain/protocol';
import {
  grantableLevels,
  grantableRoles,
  scopeWithin,
  type AccountManager,
} from '../../domain/usersPolicy';
import type { ManagedUser } from '../../sync';
import { Banner, Button, Card, Field, InputField, Spinner, Screen } from '../../ui';
import { useOnlineFailureText } from '../shared/errors';
import { NeedSignIn } from '../shared/NeedSignIn';
import { roleLabel, useAreaLabel } from '../shared/labels';
import { useOnlineResource } from '../shared/useOnlineResource';
import { useSyncEngine } from '../shared/useSyncEngine';
import { UserDevices } from '../shared/Devices';
import '../shared/sync.css';
import { paths } from '../shared/paths';

type Level = Scope['level'];

interface Draft {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  level: Level;
  code: string;
}

const EMPTY_DRAFT: Draft = {
  username: '',
  displayName: '',
  password: '',
  role: 'officer',
  level: 'township',
  code: '',
};

/**
 * The area of a draft: the deployment's root level is its whole area, an admin's own level their
 * own area (nothing else is offered at those levels).
 */
function scopeOf(draft: Pick<Draft, 'level' | 'code'>, manager: AccountManager): Scope {
  if (draft.level === rootLevel()) return rootScope();
  if (draft.level === manager.scope.level) return manager.scope;
  return { level: draft.level, code: draft.code.trim() } as Scope;
}

/** The name of a level in the users screen (a province's prefecture is one city, not 全市). */
function useLevelName() {
  const t = useT();
  return (level: Level) =>
    level === 'prefecture' && rootLevel() === 'province'
      ? t('usersProvince.level.prefecture')
      : t(`users.level.${level}`);
}

/**
 * The words for a draft area that cannot be saved — a code of the wrong length for its level, or
 * outside the manager's area — or null when it can (or is unfinished).
 */
function useAreaProblem(draft: Pick<Draft, 'level' | 'code'>, manager: AccountManager) {
  const t = useT();
  const levelName = useLevelName();
  const scope = scopeOf(draft, manager);
  if (scope.code === '') return null;
  const digits = LEVEL_DIGITS[scope.level];
  if (scope.code.length > digits || (scope.code.length === digits && !/^\d+$/.test(scope.code))) {
    return t('usersProvince.codeLength', { level: levelName(scope.level), digits });
  }
  if (isWholeArea(manager.scope)) return null;
  if (scope.code.length < manager.scope.code.length) return null;
  return scopeWithin(scope, manager.scope)
    ? null
    : t('usersArea.outside', { prefix: manager.scope.code });
}

function RoleAndArea({
  draft,
  manager,
  onChange,
}: {
  draft: Pick<Draft, 'role' | 'level' | 'code'>;
  manager: AccountManager;
  onChange: (changes: Partial<Draft>) => void;
}) {
  const t = useT();
  const areaLabel = useAreaLabel();
  const levelName = useLevelName();
  const problem = useAreaProblem(draft, manager);
  const ownLevel = draft.level === manager.scope.level;
  const wholeArea = draft.level === rootLevel();
  return (
    <>
      <Field label={t('users.role')}>
        {(control) => (
          <select
            {...control}
            value={draft.role}
            onChange={(e) => onChange({ role: e.target.value as Role })}
          >
            {grantableRoles(manager).map((role) => (
              <option key={role} value={role}>
                {roleLabel(t, role, draft.level)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('users.scopeLevel')}>
        {(control) => (
          <select
            {...control}
            value={draft.level}
            onChange={(e) => onChange({ level: e.target.value as Level })}
          >
            {grantableLevels(manager).map((level) => (
              <option key={level} value={level}>
                {levelName(level)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {!wholeArea && ownLevel && <p className="muted">{areaLabel(manager.scope)}</p>}
      {!wholeArea && !ownLevel && (
        <Field
          label={t('users.scopeCode')}
          hint={
            isWholeArea(manager.scope)
              ? t(
                  rootLevel() === 'province'
                    ? 'usersProvince.scopeCodeHint'
                    : 'users.scopeCodeHint',
                  { prefix: manager.scope.code },
                )
              : t('usersArea.codeWithin', {
                  area: areaLabel(manager.scope),
                  prefix: manager.scope.code,
                })
          }
          error={problem}
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={draft.code}
              onChange={(e) => onChange({ code: e.target.value })}
            />
          )}
        </Field>
      )}
    </>
  );
}

function UserRow({
  user,
  manager,
  token,
  onSave,
}: {
  user: ManagedUser;
  manager: AccountManager;
  token: string;
  onSave: (
    id: string,
    changes: Parameters<ReturnType<typeof useSyncEngine>['api']['updateUser']>[2],
  ) => Promise<boolean>;
}) {
  const t = useT();
  const areaLabel = useAreaLabel();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(() => ({
    role: user.role,
    level: user.scope.level,
    code: isWholeArea(user.scope) ? '' : user.scope.code,
    password: '',
  }));
  const areaProblem = useAreaProblem(draft, manager);
  const [busy, setBusy] = useState(false);

  async function save(changes: Parameters<typeof onSave>[1]) {
    setBusy(true);
    try {
      if (await onSave(user.id, changes)) setEditing(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li>
      <p>
        <strong>{user.displayName}</strong> <span className="muted">{user.username}</span>{' '}
        {user.disabled && <span className="badge badge--closed">{t('users.disabled')}</span>}
      </p>
      <p className="muted">
        {roleLabel(t, user.role, user.scope.level)} · {areaLabel(user.scope)}
      </p>
      {!editing ? (
        <div className="sync-actions">
          <Button variant="secondary" onClick={() => setEditing(true)}>
            {t('users.edit')}
          </Button>
          <Button
            variant="secondary"
            loading={busy}
            onClick={() => void save({ disabled: !user.disabled })}
          >
            {user.disabled ? t('users.enable') : t('users.disable')}
          </Button>
        </div>
      ) : (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (areaProblem) return;
            void save({
              role: draft.role,
              scope: scopeOf(draft, manager),
              ...(draft.password ? { password: draft.password } : {}),
            });
          }}
        >
          <RoleAndArea
            draft={draft}
            manager={manager}
            onChange={(c) => setDraft((d) => ({ ...d, ...c }))}
          />
          <InputField
            label={t('users.newPassword')}
            hint={t('users.passwordHint')}
            type="password"
            autoComplete="new-password"
            value={draft.password}
            onValue={(password) => setDraft((d) => ({ ...d, password }))}
          />
          <div className="sync-actions">
            <Button type="submit" loading={busy}>
              {t('users.save')}
            </Button>
            <Button variant="secondary" onClick={() => setEditing(false)}>
              {t('syncPanel.cancel')}
            </Button>
          </div>
        </form>
      )}
      {may(manager, 'manageDevices') && <UserDevices userId={user.id} token={token} />}
    </li>
  );
}

export default function UsersScreen() {
  const t = useT();
  const engine = useSyncEngine();
  const session = useSession();
  const token = session?.token ?? null;
  const isAdmin = session ? may(session.user, 'manageUsers') : false;
  const manager: AccountManager | null = session ? session.user : null;
  const areaLabel = useAreaLabel();
  const levelName = useLevelName();
  const [notice, setNotice] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [adding, setAdding] = useState(false);
  const why = useOnlineFailureText();
  const describe = (error: unknown) => why(error, t('users.offline'));

  const fetchUsers = useCallback(() => engine.api.users(token!), [engine, token]);
  const {
    data: users,
    failure,
    load,
    reload: refresh,
  } = useOnlineResource(token && isAdmin ? fetchUsers : null);
  const problem = failure ? `${t('users.loadFailed')} ${describe(failure)}` : null;

  async function saveUser(
    id: string,
    changes: Parameters<typeof engine.api.updateUser>[2],
  ): Promise<boolean> {
    if (!token) return false;
    try {
      await engine.api.updateUser(token, id, changes);
      setNotice(t('users.saved'));
      await refresh();
      return true;
    } catch (error) {
      setNotice(t('users.saveFailed', { message: describe(error) }));
      return false;
    }
  }

  async function addUser(event: FormEvent) {
    event.preventDefault();
    if (!token || !manager) return;
    const scope = scopeOf(draft, manager);
    const digits = LEVEL_DIGITS[scope.level];
    if (scope.code.length !== digits) {
      setNotice(t('usersProvince.codeLength', { level: levelName(scope.level), digits }));
      return;
    }
    if (!isWholeArea(manager.scope) && !scopeWithin(scope, manager.scope)) {
      setNotice(t('usersArea.outside', { prefix: manager.scope.code }));
      return;
    }
    setAdding(true);
    try {
      await engine.api.createUser(token, {
        username: draft.username.trim(),
        displayName: draft.displayName.trim() || draft.username.trim(),
        password: draft.password,
        role: draft.role,
        scope: scopeOf(draft, manager!),
      });
      setNotice(t('users.created', { name: draft.username.trim() }));
      setDraft(EMPTY_DRAFT);
      await refresh();
    } catch (error) {
      setNotice(t('users.saveFailed', { message: describe(error) }));
    } finally {
      setAdding(false);
    }
  }

  let body;
  if (session === undefined) body = <Spinner />;
  else if (!token) {
    body = <NeedSignIn />;
  } else if (!isAdmin || !manager) body = <p>{t('users.forbidden')}</p>;
  else {
    body = (
      <>
        <p className="muted">{t('usersArea.mine', { area: areaLabel(manager.scope) })}</p>
        {may(manager, 'readAudit') && (
          <p>
            <Link href={paths.audit()} className="button button--secondary">
              {t('audit.link')}
            </Link>
          </p>
        )}
        {problem && <Banner tone="warning">{problem}</Banner>}
        {load.status === 'loading' && !users && <Spinner label={t('app.loading')} />}
        {users && users.length === 0 && <p className="muted">{t('users.empty')}</p>}
        {users && users.length > 0 && (
          <Card>
            <ul className="user-list">
              {users.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  manager={manager}
                  token={token}
                  onSave={saveUser}
                />
              ))}
            </ul>
          </Card>
        )}
        <Card title={t('users.add')}>
          <form className="form" onSubmit={(e) => void addUser(e)}>
            <InputField
              label={t('users.username')}
              required
              autoCapitalize="none"
              spellCheck={false}
              value={draft.username}
              onValue={(username) => setDraft((d) => ({ ...d, username }))}
            />
            <InputField
              label={t('users.displayName')}
              value={draft.displayName}
              onValue={(displayName) => setDraft((d) => ({ ...d, displayName }))}
            />
            <InputField
              label={t('users.password')}
              hint={t('users.passwordHint')}
              required
              type="password"
              autoComplete="new-password"
              value={draft.password}
              onValue={(password) => setDraft((d) => ({ ...d, password }))}
            />
            <RoleAndArea
              draft={draft}
              manager={manager}
              onChange={(c) => setDraft((d) => ({ ...d, ...c }))}
            />
            <Button type="submit" loading={adding}>
              {t('users.add')}
            </Button>
          </form>
        </Card>
      </>
    );
  }

  return (
    <Screen titleId="users-title" title={t('users.title')}>
      <p className="muted">{t('users.intro')}</p>
      {notice && (
        <Banner tone="info" onDismiss={() => setNotice(null)} dismissLabel={t('common.dismiss')}>
          {notice}
        </Banner>
      )}
      {body}
    </Screen>
  );
}
