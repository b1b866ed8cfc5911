/**
 * Strings of sessions and devices (src/features/devices): the reason shown on the sign-in screen
 * after an expired session or a wipe, the user's own devices in settings, and a user's devices on
 * the users screen. English in ./sessions.en.ts (exactly these keys).
 */
export const zh = {
  'sessions.expired': '会话已过期，请重新登录',
  'sessions.wiped': '这台设备的数据已清除',
  'sessions.devices.heading': '我的设备',
  'sessions.devices.intro':
    '用这个账号同步过的手机和电脑。丢了手机？在这里让它退出：它下次联网时先交上未同步的修改，再清除本机数据。',
  'sessions.devices.loading': '正在读取设备…',
  'sessions.devices.empty': '还没有同步过的设备',
  'sessions.devices.offline': '没有网络：联网后才能查看设备',
  'sessions.devices.failed': '读取设备失败：{message}',
  'sessions.devices.current': '本机',
  'sessions.devices.lastSeen': '最近同步：{when}',
  'sessions.devices.never': '尚未同步',
  'sessions.devices.pendingWipe': '等待清除（下次联网时）',
  'sessions.devices.wiped': '已清除（{when}）',
  'sessions.devices.reason.lost': '已标记为丢失',
  'sessions.devices.reason.signedOut': '已退出登录',
  'sessions.devices.signOut': '让这台设备退出',
  'sessions.devices.confirmSignOut':
    '确定让“{name}”退出吗？它下次联网时会先交上未同步的修改，再清除本机数据。',
  'sessions.devices.signedOut': '已安排：“{name}”下次联网时退出并清除数据',
  'sessions.devices.actionFailed': '没有成功：{message}',
  'sessions.devices.unknown': '未知设备',
  'sessions.devices.admin.heading': '设备',
  'sessions.devices.admin.show': '查看设备',
  'sessions.devices.admin.hide': '收起设备',
  'sessions.devices.admin.markLost': '标记为丢失',
  'sessions.devices.admin.confirmLost':
    '确定把“{name}”标记为丢失吗？它下次联网时先交上未同步的修改，再清除本机数据。要让这个人完全不能再用，请停用账号。',
  'sessions.devices.admin.marked': '已标记：“{name}”下次联网时清除数据',
  'sessions.devices.confirm': '确定',
  'sessions.devices.cancel': '取消',
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
