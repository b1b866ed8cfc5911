/**
 * Logging in is the first thing an officer does with a new phone, usually on a weak connection
 * in a township office: a wrong password or the 15-minute lockout must be said in words, and a
 * successful login must visibly download the user's area before the phone goes into the field.
 */
import { act, fireEvent, render, screen, configure } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { readSession, writeSession, type CundianDb } from '../../db';
import type { User } from '../../domain/protocol';
import { newServicePointFields } from '../../domain/servicePoint';
import { appSyncStore, INITIAL_SYNC_STATE, setSyncEngine, SyncEngine } from '../../sync';
import LoginScreen from './LoginScreen';
import { freshDatabase } from '../../test-support/database';

// The first query opens a fresh IndexedDB (four schema versions): slow on a busy machine.
configure({ asyncUtilTimeout: 5_000 });

const officer: User = {
  id: 'u1',
  username: 'officer',
  displayName: '王干事',
  role: 'officer',
  scope: { level: 'township', code: '330127101' },
};

type Answer = { status: number; body: unknown };
let answers: Record<string, Answer[]>;
let db: CundianDb;

function json(status: number, body: unknown): Answer {
  return { status, body };
}

beforeEach(() => {
  db = freshDatabase('login-test');
  appSyncStore.setState({ ...INITIAL_SYNC_STATE });
  answers = {};
  setSyncEngine(
    new SyncEngine({
      db,
      baseUrl: 'http://test',
      fetch: async (url) => {
        const path = new URL(url).pathname;
        const queue = answers[path] ?? [];
        const answer = queue.length > 1 ? queue.shift()! : queue[0];
        if (!answer) throw new TypeError('Failed to fetch');
        return new Response(JSON.stringify(answer.body), { status: answer.status });
      },
    }),
  );
});

function renderLogin() {
  const location = memoryLocation({ path: '/login', record: true });
  render(
    <Router hook={location.hook}>
      <LoginScreen />
    </Router>,
  );
  return location;
}

async function submit(username: string, password: string) {
  fireEvent.change(screen.getByLabelText('用户名'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('密码'), { target: { value: password } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
  });
}

const row = (i: number) => {
  const id = `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`;
  return {
    entity: 'servicePoint',
    id,
    version: 1,
    deleted: false,
    data: {
      ...newServicePointFields('2026-03-01'),
      regionCode: '330127101201',
      name: `点${i}`,
      id,
      version: 1,
      updatedAt: null,
      updatedBy: 'x',
      deleted: false,
    },
  };
};

describe('LoginScreen', () => {
  it('says a wrong password and the lockout in the server’s words', async () => {
    renderLogin();
    await submit('', '');
    expect(screen.getByRole('alert').textContent).toBe('请填写用户名和密码。');

    answers['/api/auth/login'] = [
      json(401, {
        error: 'invalidCredentials',
        message: 'wrong',
        messages: { 'zh-CN': '用户名或密码不对', en: 'Wrong user name or password' },
      }),
    ];
    await submit('officer', 'wrong');
    expect((await screen.findByRole('alert')).textContent).toBe('用户名或密码不对');

    answers['/api/auth/login'] = [
      json(429, {
        error: 'tooManyAttempts',
        message: 'wait',
        messages: { 'zh-CN': '登录失败次数过多，请 15 分钟后再试。', en: 'Too many' },
      }),
    ];
    await submit('officer', 'wrong');
    expect((await screen.findByRole('alert')).textContent).toContain('15 分钟');
  });

  it('says when the server cannot be reached', async () => {
    renderLogin();
    await submit('officer', 'demo-2026');
    expect((await screen.findByRole('alert')).textContent).toContain('连不上服务器');
  });

  it('downloads the user’s area with a progress bar after logging in', async () => {
    answers['/api/auth/login'] = [json(200, { token: 'tok', user: officer })];
    answers['/api/sync/pull'] = [
      json(200, { changes: [row(1), row(2)], cursor: 'c1', hasMore: true, lastMutationId: 0 }),
      json(200, { changes: [row(3)], cursor: 'c2', hasMore: false, lastMutationId: 0 }),
    ];
    const location = renderLogin();
    await submit('officer', 'demo-2026');
    expect(await screen.findByText('下载完成，可以离线使用了。')).toBeTruthy();
    expect(await db.servicePoints.count()).toBe(3);
    expect((await readSession(db))?.user.username).toBe('officer');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '开始使用' }));
    });
    expect(location.history?.at(-1)).toBe('/');
  });

  it('fills in the name after the session expired, to log the same person in again', async () => {
    await writeSession({ token: null, user: officer, loggedInAt: '2026-03-01T00:00:00Z' }, db);
    renderLogin();
    expect(await screen.findByText(/登录已过期，请重新登录/)).toBeTruthy();
    expect((screen.getByLabelText('用户名') as HTMLInputElement).value).toBe('officer');
  });
});
