/**
 * The top bar must not say "all is well" when it is not: the link can be up while the server is
 * unreachable or refuses the login, and "synced" means the last attempt succeeded, at a time the
 * user can read ("3分钟前"). These are the rules the pill follows.
 */
import { describe, expect, it } from 'vitest';
import { pillState, relativeTime, type PillFacts } from './pillState';

const NOW = Date.parse('2026-12-05T10:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const synced: PillFacts = {
  session: { token: 't' },
  online: true,
  phase: 'idle',
  blocked: null,
  lastErrorKind: null,
  lastSyncedAt: ago(3 * MIN),
  pending: 0,
};

describe('pillState', () => {
  it('shows the last successful sync when all is synced', () => {
    expect(pillState(synced)).toEqual({
      tone: 'ok',
      icon: 'check',
      label: null,
      lastSyncedAt: synced.lastSyncedAt,
    });
  });

  it('says the server cannot be reached although the link is up', () => {
    const state = pillState({ ...synced, phase: 'error', lastErrorKind: 'offline' });
    expect(state).toMatchObject({ tone: 'problem', label: 'shell.pill.unreachable' });
    expect(pillState({ ...synced, phase: 'error', lastErrorKind: 'server' })).toMatchObject({
      label: 'shell.pill.serverError',
    });
    // The work waiting is still said.
    expect(
      pillState({ ...synced, phase: 'error', lastErrorKind: 'offline', pending: 2 }),
    ).toMatchObject({ label: 'shell.pill.unreachable', count: 2 });
  });

  it('asks to log in again when the server refused the session (401)', () => {
    expect(pillState({ ...synced, session: { token: null } })).toMatchObject({
      tone: 'problem',
      label: 'shell.pill.relogin',
    });
    expect(pillState({ ...synced, blocked: 'unauthorized' })).toMatchObject({
      label: 'shell.pill.relogin',
    });
  });

  it('says nobody is logged in, before anything else', () => {
    expect(pillState({ ...synced, session: null, online: false })).toMatchObject({
      label: 'shell.pill.loggedOut',
    });
  });

  it('says offline with the waiting count when the link is down', () => {
    expect(pillState({ ...synced, online: false, pending: 2 })).toEqual({
      tone: 'pending',
      icon: 'wifi-off',
      label: 'shell.pill.offline',
      count: 2,
    });
    // An old failure does not hide that the link is down.
    expect(
      pillState({ ...synced, online: false, phase: 'error', lastErrorKind: 'server' }),
    ).toMatchObject({ label: 'shell.pill.offline' });
  });

  it('shows a running sync, then the waiting count, then never synced', () => {
    expect(pillState({ ...synced, phase: 'pulling' })).toMatchObject({
      tone: 'busy',
      label: 'shell.pill.syncing',
    });
    expect(pillState({ ...synced, pending: 3 })).toMatchObject({
      label: 'shell.pill.pending',
      count: 3,
    });
    expect(pillState({ ...synced, lastSyncedAt: null })).toMatchObject({
      label: 'shell.pill.never',
    });
  });

  it('names what blocks sync: an app too old, another account', () => {
    expect(pillState({ ...synced, blocked: 'clientTooOld' })).toMatchObject({
      label: 'shell.pill.update',
    });
    expect(pillState({ ...synced, blocked: 'otherUser' })).toMatchObject({
      label: 'shell.pill.otherUser',
    });
  });
});

describe('relativeTime', () => {
  const zh = (ms: number) => relativeTime(ago(ms), NOW, 'zh-CN', '刚刚');
  const en = (ms: number) => relativeTime(ago(ms), NOW, 'en', 'just now');

  it('reads in Chinese', () => {
    expect(zh(20_000)).toBe('刚刚');
    expect(zh(3 * MIN)).toBe('3分钟前');
    expect(zh(2 * HOUR + 5 * MIN)).toBe('2小时前');
    expect(zh(DAY + HOUR)).toBe('昨天');
    expect(zh(3 * DAY)).toBe('3天前');
    expect(zh(15 * DAY)).toBe('2周前');
  });

  it('reads in English', () => {
    expect(en(20_000)).toBe('just now');
    expect(en(3 * MIN)).toBe('3 min. ago');
    expect(en(DAY + HOUR)).toBe('yesterday');
  });

  it('never says "in 5 minutes" for a clock ahead, nor fails on a bad date', () => {
    expect(zh(-5 * MIN)).toBe('刚刚');
    expect(relativeTime('not a date', NOW, 'zh-CN', '刚刚')).toBe('刚刚');
  });
});
