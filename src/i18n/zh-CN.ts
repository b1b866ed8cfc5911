/**
 * The source catalogue, Chinese first, in two parts: here, the strings the start page (概览) and
 * the shell around every screen show — built into the first chunk, so the first screen needs no
 * wait — and in ./zh-CN.screens.ts the other screens' strings, one lazy chunk that a screen's
 * route waits for before it shows (src/app/routes.tsx) and that loads anyway once the start page
 * shows its figures (src/app/App.tsx; docs/PERFORMANCE.md, "Size"). `MessageKey` is every key of
 * both, so t() and useT() check keys as before.
 *
 * en.ts must have exactly the keys of both parts (a compile error otherwise); placeholders are
 * `{name}`. A feature's strings live in ./features/NAME.ts (both languages) and are merged here
 * (what the start page or the shell shows) or in ./zh-CN.screens.ts (everything else: the usual
 * place for a new pair): one import and one spread, and the same in en.ts.
 */
import type { zhScreens } from './zh-CN.screens';
import * as sync from './features/sync';
import * as board from './features/board';
import * as shell from './features/shell';

export const zhCN = {
  ...sync.zh,
  ...board.zh,
  ...shell.zh,
  'app.name': '村电通',
  'app.skipToContent': '跳到主要内容',
  'app.loading': '加载中…',

  'screen.dashboard': '概览',
  'screen.points': '服务点',
  'screen.training': '培训',
  'screen.towns': '中心镇与试点',
  'screen.map': '地图',
  'screen.settings': '同步与设置',
  'screen.notFound': '找不到这个页面',

  'nav.label': '主导航',
  'nav.dashboard': '概览',
  'nav.points': '服务点',
  'nav.training': '培训',
  'nav.map': '地图',
  'nav.more': '更多',

  'network.label': '网络状态',
  'network.online': '在线',
  'year.label': '年度',
  'year.value': '{year} 年',
  'network.offline': '离线',

  'locale.switchLabel': '语言',
  'locale.zhShort': '中',
  'locale.enShort': 'EN',
  'locale.zhName': '中文',
  'locale.enName': 'English',

  'common.dismiss': '关闭',

  'screenError.title': '这一页没能打开',
  'screenError.body': '可能是网络中断或应用刚刚更新。已保存在本机的数据不受影响。',
  'screenError.reload': '重新加载',

  'notFound.body': '地址 {path} 不存在，可能是链接有误。',
  'notFound.action': '回到概览',

  'update.title': '有新版本',
  'update.message': '先保存正在填写的内容，再重新加载。',
  'update.reload': '重新加载',

  'install.hint': '安装到手机后，没有网络也能打开。',
  'install.button': '安装到手机',
  'install.iosIntro': '在 Safari 中安装：',
  'install.iosSteps': '点击分享按钮 → 添加到主屏幕',
  'install.installed': '已安装到本机。',
  'install.unavailable': '这个浏览器不能安装应用。请用手机上的 Chrome、Edge 或 Safari 打开。',

  'dashboard.pointsCard.figure': '≥ {count} 个',
  'dashboard.pointsCard.target': '三年内建成的村级电子商务服务点',
  'dashboard.trainingCard.figure': '{count} 人/年',
  'dashboard.trainingCard.target': '培训村官和农村创业青年',
  'dashboard.townsCard.pilotFigure': '≥ {count} 个/县/年',
  'dashboard.townsCard.pilotTarget': '中心镇电子商务试点',
  'dashboard.townsCard.shopFigure': '≥ {count} 家',
  'dashboard.townsCard.shopTarget': '农业电子商务网站和网店',

  'settings.more.heading': '更多',
  'settings.more.townsDescription': '旗舰店、试点和年度目标',
  'settings.sync.heading': '同步',
  'settings.language.heading': '语言',
  'settings.storage.heading': '本机存储',
  'settings.storage.usage': '已用 {used}，共 {quota}',
  'settings.storage.usageLabel': '存储用量',
  'settings.storage.persisted': '数据已设为持久保存，浏览器不会自行清理。',
  'settings.storage.notPersisted': '数据尚未设为持久保存，手机空间不足时浏览器可能清理。',
  'settings.storage.persistAction': '申请持久保存',
  'settings.storage.persistDenied': '浏览器暂未同意。安装到手机后通常会同意。',
  'settings.storage.unavailable': '这个浏览器不提供存储用量信息。',
  'settings.install.heading': '安装',
  'settings.about.heading': '关于',
  'settings.about.version': '版本 {version}',

  'sync.pending': '待同步',
  'sync.pendingCount': '待同步（{count} 处修改）',
  'sync.synced': '已同步',
  'sync.status.allSaved': '本机的修改都已同步。',
  'sync.status.pending': '{count} 处修改保存在本机，等待同步。',
  'sync.status.oldest': '最早一处保存于 {when}。',
  'sync.status.engineNote': '修改都安全地保存在本机。连接服务器后会自动上传。',
} as const;

export type MessageKey = keyof typeof zhCN | keyof typeof zhScreens;
