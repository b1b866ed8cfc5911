/**
 * Strings of 概览's target board (src/features/dashboard) and of the notices (the top bar's
 * badge, the line above the lists, /notices), Chinese first. The English is in ./board.en.ts (same keys). The metrics' own names come from their definitions (src/domain/metrics.ts), in both
 * languages, so they are not repeated here.
 */
export const zh = {
  'board.heading': '{year} 年目标完成情况',
  'board.year': '年度',
  'board.yearValue': '{year} 年',
  'board.asOf': '截至上次同步 {when}',
  'board.neverSynced': '从未同步：只有本机录入的数据',
  'board.elapsed': '全年已过 {percent}',
  'board.pastYear': '全年数字',
  'board.futureYear': '尚未开始',
  'board.loadFailed': '区划数据加载失败，请联网后重新打开。',
  'board.figure': '{actual} / {target}',
  'board.noTarget': '未设目标',
  'board.hint': '参考：全市目标按行政村数分摊约 {hint}（非本县目标）',
  'board.of.province': '全省 {of} 个行政村的 {percent}',
  'board.of.prefecture': '全市 {of} 个行政村的 {percent}',
  'board.of.county': '全县 {of} 个行政村的 {percent}',
  'board.of.township': '全镇 {of} 个行政村的 {percent}',
  'board.pace.ahead': '进度正常',
  'board.pace.near': '稍慢',
  'board.pace.behind': '落后',
  'board.pace.met': '已完成',
  'board.pace.nearlyMet': '接近完成',
  'board.pace.missed': '未完成',
  'board.townshipNote': '目标只下达到区县及以上，乡镇看本镇的实际数字。',
  'board.notKept': '{metrics}不在本机统计：这些记录不会下载到你的手机。',
  'board.noData.title': '{year} 年没有数据',
  'board.noData.body': '本机没有{area}这一年的记录，也没有这一年的目标。',
  'board.noData.neverSynced': '这台手机还没有同步过：登录并同步后，会下载你负责区域的数据。',
  'board.about.heading': '关于本项目',
  'board.about.intro':
    '{area}《关于深入推进“电商换市”的实施意见》（2013 年）提出的目标。每年各区县的目标由市里另行下达，见上方。',

  'notices.title': '待处理',
  'notices.badge': '{count} 件事需要处理',
  'notices.none': '没有需要你处理的事。',
  'notices.refused': '{count} 条修改被服务器拒绝，请查看原因',
  'notices.conflicts': '{count} 条修改冲突等你处理',
  'notices.behind': '{count} 项指标落后于进度',
  'notices.behindWhich': '{metrics}（{year} 年）',
  'notices.more': '还有 {count} 件事需要处理',
  'notices.serverAsOf': '服务器 {when} 的数字',
  'notices.offlineAsOf': '离线：服务器 {when} 的数字',
  'notices.lineLabel': '需要你处理',
} as const;
