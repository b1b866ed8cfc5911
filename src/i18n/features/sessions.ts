/**
 * Strings of sessions and devices (src/features/shared: Devices, DeviceList, SignInReason): the reason shown on the sign-in screen
 * after an expired session or a wipe, the user's own devices in settings, and a user's devices on
 * the users screen. English in ./sessions.en.ts (exactly these keys). Registered in
 * ../zh-CN.screens.ts (the sign-in screen waits for that chunk); the idle lock's strings
 * (`sessions.lock.*`) are in ./shell.ts instead: the lock covers the start page too.
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
} as const;
