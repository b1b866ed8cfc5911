/**
 * What a device told to wipe is told, and whether a refused token's device must wipe
 * (docs/SECURITY.md "丢失设备 / Lost devices"). Here in server/auth rather than server/devices
 * because the sign-in guard (guard.ts) answers a refused token with it; server/devices, which marks
 * devices lost and takes their hand-in, imports it from here.
 */
import type { DeviceWipe } from '../../src/domain/protocol';
import type { Bilingual } from '../base/api-error';
import type { Db } from '../db';
import type { DeviceWipeReason } from './sessions';

export type WipeCause = DeviceWipe['reason'];

export const DEVICE_WIPE_MESSAGES: Record<WipeCause, Bilingual> = {
  lost: {
    'zh-CN': '管理员已将这台设备标记为丢失：未同步的修改已交给服务器，本机数据已清除。请重新登录。',
    en: 'An administrator marked this device lost: its unsynced changes went to the server and its data was removed. Sign in again.',
  },
  signedOut: {
    'zh-CN':
      '这台设备已在另一台设备上被退出登录：未同步的修改已交给服务器，本机数据已清除。请重新登录。',
    en: 'This device was signed out from another device: its unsynced changes went to the server and its data was removed. Sign in again.',
  },
  userDisabled: {
    'zh-CN': '这个账号已停用：未同步的修改已交给服务器保存，本机数据已清除。请联系管理员。',
    en: 'This account is disabled: its unsynced changes were handed to the server and this device’s data was removed. Ask an administrator.',
  },
};

/**
 * Why the device that last used this (refused) token must wipe, if it must: its user is
 * disabled, or it was marked lost or signed out.
 */
export async function deviceWipeForToken(
  db: Db,
  tokenHash: string,
): Promise<WipeCause | undefined> {
  const { rows } = await db.query<{ wipe_reason: DeviceWipeReason | null; disabled: boolean }>(
    `select c.wipe_reason, u.disabled
     from clients c join users u on u.id = c.user_id
     where c.token_hash = $1 and (u.disabled or c.wipe_requested_at is not null)
     limit 1`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return undefined;
  return row.disabled ? 'userDisabled' : (row.wipe_reason ?? 'lost');
}
