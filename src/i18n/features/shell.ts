/**
 * Strings of the shell's status (issue 13): the top bar's sync pill (the last successful sync as
 * relative time, or what stops sync) and the one-line status at the foot of the screen that holds
 * the notices (not logged in, log in again, new version, install, storage). Chinese first; the
 * English is in ./shell.en.ts, typed against these keys.
 */
export const zh = {
  'shell.pill.lastSynced': '上次同步',
  'shell.pill.justNow': '刚刚',
  'shell.pill.never': '未同步',
  'shell.pill.offline': '离线',
  'shell.pill.unreachable': '连不上服务器',
  'shell.pill.serverError': '服务器出错',
  'shell.pill.failed': '同步出错',
  'shell.pill.storageFull': '存储已满',
  'shell.pill.relogin': '需要重新登录',
  'shell.pill.loggedOut': '未登录',
  'shell.pill.update': '需要更新',
  'shell.pill.otherUser': '账号不符',
  'shell.pill.syncing': '同步中',
  'shell.pill.pending': '{count} 待同步',
  'shell.status.label': '提示',
  'shell.status.more': '另有 {count} 条',
  'shell.notice.loggedOut': '尚未登录：修改只存在本机',
  'shell.notice.relogin': '登录已过期：需要重新登录',
  'shell.notice.update': '有新版本',
  'shell.notice.install': '可以安装到手机',
  'shell.notice.storageFull': '手机存储空间不足',
  'shell.notice.storageFullText':
    '手机存储空间不足，同步收到的数据存不下。已录入的内容都还在；请清理手机空间后再同步。',
  'shell.notice.openSettings': '查看',
  'rescue.nearlyFull.title': '存储空间快满了',
  'rescue.nearlyFull.text': '已用 {percent}。空间用完后将无法保存新的记录，请尽快清理。',
  'rescue.nearlyFull.action': '去清理',
  // The idle lock (src/features/lock): it covers every route, the start page included, so its
  // strings are in the first chunk (the sessions pair, ./sessions.ts, holds the rest).
  'sessions.lock.title': '已锁定',
  'sessions.lock.intro': '一段时间没有操作，请输入密码继续。没有网络也可以解锁。',
  'sessions.lock.password': '密码',
  'sessions.lock.unlock': '解锁',
  'sessions.lock.required': '请输入密码',
  'sessions.lock.wrong': '密码不对，还可以再试 {left} 次',
  'sessions.lock.signingOut': '密码错误次数过多：正在上传未同步的修改，然后退出登录…',
  'sessions.lock.keptLocked':
    '密码错误次数过多。还有未同步的修改（或没有网络），为了不丢失它们，手机保持锁定：联网后再输入密码，或请管理员处理。',
} as const;
