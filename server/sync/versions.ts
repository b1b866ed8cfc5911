/**
 * The version handshake every sync request starts with (DESIGN.md §4.9): an app older than the
 * server still accepts gets 426 `clientTooOld` ("update the app"; the device keeps its outbox),
 * an app NEWER than the server gets 409 `serverTooOld` (the server must be upgraded first; the
 * device keeps its outbox too). Checked before the rest of the body, whose shape may differ
 * between versions.
 */
import {
  MIN_PROTOCOL_VERSION,
  MIN_SCHEMA_VERSION,
  PROTOCOL_VERSION,
  SCHEMA_VERSION,
} from '../../src/domain/protocol';
import { bilingualError } from '../base/api-error';

export function checkClientVersions(body: unknown): void {
  const { protocolVersion, schemaVersion } = (
    typeof body === 'object' && body !== null ? body : {}
  ) as Record<string, unknown>;
  if (!Number.isInteger(protocolVersion) || !Number.isInteger(schemaVersion)) {
    throw bilingualError(400, 'badRequest', {
      'zh-CN': '请求缺少 protocolVersion 和 schemaVersion',
      en: 'the request needs integer protocolVersion and schemaVersion',
    });
  }
  const protocol = protocolVersion as number;
  const schema = schemaVersion as number;
  if (protocol < MIN_PROTOCOL_VERSION || schema < MIN_SCHEMA_VERSION) {
    throw bilingualError(426, 'clientTooOld', {
      'zh-CN':
        '应用版本太旧，请更新应用（刷新页面或重新打开）后再同步。未同步的修改仍保存在本机，不会丢失。',
      en: 'This version of the app is too old: update the app (reload or reopen it), then sync again. Unsynced changes stay on this device.',
    });
  }
  if (protocol > PROTOCOL_VERSION || schema > SCHEMA_VERSION) {
    throw bilingualError(409, 'serverTooOld', {
      'zh-CN': '应用比服务器新，请联系管理员升级服务器。未同步的修改仍保存在本机。',
      en: 'The app is newer than the server: ask the administrator to upgrade the server. Unsynced changes stay on this device.',
    });
  }
}
