/**
 * A city admin gives each officer an account with the right area: the area decides which
 * records reach that officer's phone. The screen must show accounts in words (role, area name),
 * send exactly what the admin chose, and keep the page from other roles (the server refuses
 * them anyway).
 */
import { act, configure, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { writeSession, type CundianDb } from '../../db';
import { deployment, setDeployment } from '../../domain/deployment';
import type { User } from '../../domain/protocol';
import { appSyncStore, INITIAL_SYNC_STATE, setSyncEngine, SyncEngine } from '../../sync';
import UsersScreen from './UsersScreen';
import { freshDatabase } from '../../test-support/database';
import { twoPrefectureProvince } from '../../test-support/province';

// The first query opens a fresh IndexedDB (four schema versions): slow on a busy machine.
configure({ asyncUtilTimeout: 5_000 });

const admin: User = {
  id: 'u0',
  username: 'admin',
  displayName: '市管理员',
  role: 'admin',
  scope: { level: 'prefecture', code: '3301' },
};

let db: CundianDb;
const sent: { method: string; path: string; body: unknown }[] = [];
let users: object[];

beforeEach(() => {
  sent.length = 0;
  users = [
    {
      id: 'u1',
      username: 'officer',
      displayName: '王干事',
      role: 'officer',
      scope: { level: 'township', code: '330127100' },
      disabled: false,
      createdAt: '2026-03-01T00:00:00.000Z',
    },
  ];
  db = freshDatabase('users-test');
  appSyncStore.setState({ ...INITIAL_SYNC_STATE });
  setSyncEngine(
    new SyncEngine({
      db,
      baseUrl: 'http://test',
      fetch: async (url, init) => {
        const path = new URL(url).pathname;
        const method = init.method ?? 'GET';
        sent.push({ method, path, body: init.body ? JSON.parse(String(init.body)) : null });
        if (method === 'POST') {
          // The answer's shape is the route's (src/domain/api): the client parses it.
          const body = JSON.parse(String(init.body)) as Record<string, unknown>;
          const { password: _password, ...fields } = body;
          const user = {
            id: 'u9',
            disabled: false,
            createdAt: '2026-03-02T00:00:00.000Z',
            ...fields,
          };
          return new Response(JSON.stringify({ user }), { status: 201 });
        }
        return new Response(JSON.stringify({ users }), { status: 200 });
      },
    }),
  );
});

function renderScreen() {
  const { hook } = memoryLocation({ path: '/users' });
  render(
    <Router hook={hook}>
      <UsersScreen />
    </Router>,
  );
}

describe('UsersScreen', () => {
  it('lists accounts in words and adds one with the chosen role and area', async () => {
    await writeSession({ token: 't', user: admin, loggedInAt: '2026-03-01T00:00:00Z' }, db);
    renderScreen();
    expect(await screen.findByText('王干事')).toBeTruthy();
    expect(screen.getByText(/电商专员 ·/)).toBeTruthy();

    fireEvent.change(screen.getByLabelText('用户名'), { target: { value: 'wang2' } });
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '王二' } });
    fireEvent.change(screen.getByLabelText('初始密码'), { target: { value: 'a-long-password' } });
    const [role] = screen.getAllByLabelText('角色');
    fireEvent.change(role!, { target: { value: 'trainer' } });
    const [level] = screen.getAllByLabelText('负责范围');
    fireEvent.change(level!, { target: { value: 'county' } });
    fireEvent.change(screen.getByLabelText('区域代码'), { target: { value: '330127' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '添加用户' }));
    });
    expect(await screen.findByText('已添加用户 wang2。')).toBeTruthy();
    expect(sent.find((r) => r.method === 'POST')).toEqual({
      method: 'POST',
      path: '/api/users',
      body: {
        username: 'wang2',
        displayName: '王二',
        password: 'a-long-password',
        role: 'trainer',
        scope: { level: 'county', code: '330127' },
      },
    });
  });

  it('offers a county admin only the areas within the county', async () => {
    const countyAdmin: User = {
      ...admin,
      username: 'chunan',
      scope: { level: 'county', code: '330127' },
    };
    await writeSession({ token: 't', user: countyAdmin, loggedInAt: '2026-03-01T00:00:00Z' }, db);
    renderScreen();
    expect(await screen.findByText('王干事')).toBeTruthy();
    expect(await screen.findByText(/您管理的范围：(淳安县|330127)/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '安全审计记录' }).getAttribute('href')).toBe('/audit');
    const [level] = screen.getAllByLabelText('负责范围');
    const levels = [...(level as HTMLSelectElement).options].map((o) => o.value);
    expect(levels).toEqual(['county', 'township']); // never the whole prefecture

    fireEvent.change(screen.getByLabelText('用户名'), { target: { value: 'li' } });
    fireEvent.change(screen.getByLabelText('初始密码'), { target: { value: 'a-long-password' } });
    fireEvent.change(screen.getByLabelText('区域代码'), { target: { value: '330122001' } });
    expect(await screen.findByText(/这个区域不在您的管理范围内/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '添加用户' }));
    });
    expect(sent.filter((r) => r.method === 'POST')).toEqual([]);

    // The county itself: no code to type, the admin's own area is sent.
    fireEvent.change(level!, { target: { value: 'county' } });
    expect(screen.queryByLabelText('区域代码')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '添加用户' }));
    });
    expect(sent.find((r) => r.method === 'POST')?.body).toMatchObject({
      username: 'li',
      scope: { level: 'county', code: '330127' },
    });
  });

  it('offers a province admin every level, naming a prefecture as one city, and sends the province as its whole area', async () => {
    const built = deployment();
    setDeployment(twoPrefectureProvince(built));
    try {
      const provinceAdmin: User = { ...admin, scope: { level: 'province', code: '33' } };
      users.push({
        id: 'u2',
        username: 'ningbo',
        displayName: '宁波管理员',
        role: 'admin',
        scope: { level: 'prefecture', code: '3302' },
        disabled: false,
        createdAt: '2026-03-01T00:00:00.000Z',
      });
      await writeSession(
        { token: 't', user: provinceAdmin, loggedInAt: '2026-03-01T00:00:00Z' },
        db,
      );
      renderScreen();
      expect(await screen.findByText('宁波管理员')).toBeTruthy();
      expect(screen.getByText('市级管理员 · 宁波市')).toBeTruthy(); // named from the area file
      const [level] = screen.getAllByLabelText('负责范围');
      const options = [...(level as HTMLSelectElement).options];
      expect(options.map((o) => o.value)).toEqual(['province', 'prefecture', 'county', 'township']);
      expect(options.map((o) => o.textContent)).toEqual(['全省', '地级市', '区县', '乡镇（街道）']);

      fireEvent.change(screen.getByLabelText('用户名'), { target: { value: 'hz' } });
      fireEvent.change(screen.getByLabelText('初始密码'), { target: { value: 'a-long-password' } });
      fireEvent.change(level!, { target: { value: 'prefecture' } });
      expect(
        screen.getByText(/地级市 4 位、县（区）6 位或乡镇（街道）9 位统计代码，以 33 开头/),
      ).toBeTruthy();
      fireEvent.change(screen.getByLabelText('区域代码'), { target: { value: '330127' } });
      expect(
        await screen.findByText('地级市的编码是 4 位：请填写 4 位数字，或换一个层级。'),
      ).toBeTruthy();
      fireEvent.change(screen.getByLabelText('区域代码'), { target: { value: '3301' } });
      await act(async () => {
        fireEvent.click(screen.getByRole('button', { name: '添加用户' }));
      });
      expect(sent.find((r) => r.method === 'POST')?.body).toMatchObject({
        username: 'hz',
        scope: { level: 'prefecture', code: '3301' },
      });

      // The province itself: no code to type.
      fireEvent.change(level!, { target: { value: 'province' } });
      expect(screen.queryByLabelText('区域代码')).toBeNull();
    } finally {
      setDeployment(built);
    }
  });

  it('is only for admins', async () => {
    await writeSession(
      { token: 't', user: { ...admin, role: 'officer' }, loggedInAt: '2026-03-01T00:00:00Z' },
      db,
    );
    renderScreen();
    expect(await screen.findByText('只有管理员可以管理用户。')).toBeTruthy();
    expect(sent).toEqual([]);
  });
});
