/**
 * Strings of the assessment screens (src/features/assessment): the county table, a county's
 * figures and its townships, the trends and the targets grid, Chinese first. `en` must have
 * exactly the keys of `zh`. Metric names are not here: they come with their definitions from
 * src/domain/metrics.ts (METRICS[id].name), so a screen and the docs name a metric alike.
 */
export const zh = {
  'assessment.title': '考核',
  'assessment.moreDescription': '各区县对比、逐月趋势和年度目标',
  'assessment.nav.label': '考核的页面',
  'assessment.nav.table': '区县对比',
  'assessment.nav.trends': '趋势',
  'assessment.nav.targets': '年度目标',
  'assessment.year': '年度',
  'assessment.yearValue': '{year} 年',
  'assessment.metric': '指标',
  'assessment.loadFailed': '区划数据加载失败，请联网后重新打开。',
  'assessment.prefectureName': '{name}（全市）',

  'assessment.legend': '图例：',
  'assessment.legendFuture': '这一年还没开始，不看进度。',
  'assessment.noTarget': '未设目标',

  'assessment.asOf.server': '统计于 {time}（服务器统计，已存在本机，离线也能看）',
  'assessment.asOf.device': '按本机记录统计，上次同步 {time}',
  'assessment.asOf.deviceNever': '按本机记录统计（本机还没有同步过）',

  'assessment.table.heading': '{year} 年各区县完成情况',
  'assessment.table.caption': '{metric}：各区县完成数、目标、完成率和名次',
  'assessment.table.captionWide': '{year} 年各区县各项指标的完成数、目标和完成率',
  'assessment.table.county': '区县',
  'assessment.table.actual': '完成',
  'assessment.table.target': '目标',
  'assessment.table.share': '完成率',
  'assessment.table.rank': '名次',
  'assessment.table.rankValue': '第 {rank}',
  'assessment.table.mine': '本县',
  'assessment.table.sortHint': '点表头可以排序。',
  'assessment.table.totalNote': '全市一行是全市的完成数对全市自己的目标，不是各区县目标相加。',
  'assessment.table.myRank': '{county}的“{metric}”在 {of} 个设了目标的区县中排第 {rank} 名。',
  'assessment.table.myRankNone': '{county}的“{metric}”没有设目标，不参加排名。',
  'assessment.table.unavailable':
    '区县对比表由服务器统计。这台手机还没有下载过 {year} 年的表：联网后打开一次，之后离线也能看。',
  'assessment.table.empty': '{year} 年还没有任何记录，也没有设目标。',
  'assessment.table.figure': '{actual} / {target}',

  'assessment.county.heading': '{county} · {year} 年',
  'assessment.county.back': '返回区县对比',
  'assessment.county.notFound': '没有这个区县',
  'assessment.county.figures': '对照本县目标',
  'assessment.county.rank': '排名',
  'assessment.county.rankOf': '第 {rank} / {of}',
  'assessment.county.hint': '如按行政村数分摊全市目标，约需 {hint}（仅供参考，不是本县目标）',
  'assessment.county.trends': '看本县逐月趋势',
  'assessment.county.townships': '各乡镇完成数',
  'assessment.county.townshipsNote':
    '乡镇没有目标：这里只列完成数（行政村覆盖列出覆盖比例），用来找出需要帮助的乡镇。',
  'assessment.county.townshipsUnavailable':
    '{county}的乡镇记录不在这台手机上（手机只下载你负责区域的记录），所以这里不列乡镇。',
  'assessment.county.township': '乡镇',
  'assessment.county.covered': '{covered} / {of} 村',

  'assessment.trends.heading': '{area} · {year} 年逐月趋势',
  'assessment.trends.area': '区域',
  'assessment.trends.thisYear': '{year} 年',
  'assessment.trends.lastYear': '{year} 年（上年）',
  'assessment.trends.pace': '进度线（到目标）',
  'assessment.trends.counting': '正在逐月统计…',
  'assessment.trends.notStarted': '{year} 年还没开始，没有逐月数字。',
  'assessment.trends.summary':
    '到 {day}：{actual}；按进度应到 {pace}（全年目标 {target}）；上年同期 {lastYear}。',
  'assessment.trends.summaryNoTarget':
    '到 {day}：{actual}（未设目标，没有进度线）；上年同期 {lastYear}。',
  'assessment.trends.values': '每月数值',
  'assessment.trends.month': '月份',
  'assessment.trends.chartLabel': '{metric}逐月累计折线图，数值见下表',
  'assessment.trends.chartFailed': '折线图没能加载，下表列出了同样的数值。',
  'assessment.trends.none': '—',

  'assessment.targets.heading': '{year} 年目标',
  'assessment.targets.intro':
    '全市一行是全市自己的目标，各区县一行是该区县的目标。可以先从上年复制、按行政村数分解或填入政策目标，再逐格修改；点“保存”之前什么都不会改。',
  'assessment.targets.readOnly': '只有市级管理员可以修改目标。这里列出全市和本县的目标。',
  'assessment.targets.notForRole': '年度目标由市级管理员设定，区县协调员可以查看本县的目标。',
  'assessment.targets.prefecture': '全市',
  'assessment.targets.lastYear': '上年 {value}',
  'assessment.targets.lastYearNone': '上年未设',
  'assessment.targets.inputLabel': '{area}的“{metric}”目标',
  'assessment.targets.copyForward': '从 {year} 年复制',
  'assessment.targets.copied':
    '已从 {year} 年复制 {count} 项（只填空着的格子，已填的不变）。核对后点“保存”。',
  'assessment.targets.nothingToCopy': '{year} 年没有可复制的目标，或者对应的格子都已经填了。',
  'assessment.targets.split': '按行政村数分到各区县',
  'assessment.targets.splitLabel': '分解全市的“{metric}”目标：按行政村数分到各区县',
  'assessment.targets.splitShort': '分解',
  'assessment.targets.splitDone':
    '已把全市的“{metric}”目标 {total} 按各区县的行政村数分好，合计正好 {total}；各区县原来的数已替换。核对后点“保存”。',
  'assessment.targets.splitNeedsTotal': '先填好全市的“{metric}”目标（整数），才能分到各区县。',
  'assessment.targets.policy': '填入政策目标',
  'assessment.targets.policyDone':
    '已填入政策目标 {count} 项（只填空着的格子）。政策原文：3 年内建 1500 个以上服务点，100 家以上农业网站（网店）接入平台，2015 年前所有中心镇开设旗舰店，每年培训 800 名村官和农村创业青年，各县（市）每年完成 2 个以上中心镇试点。',
  'assessment.targets.policyNone': '政策目标对应的格子都已经填了。',
  'assessment.targets.changed': '{count} 处修改还没保存',
  'assessment.targets.noChanges': '没有未保存的修改',
  'assessment.targets.save': '保存',
  'assessment.targets.discard': '放弃修改',
  'assessment.targets.saved': '已保存 {count} 项目标。联网后会同步到服务器。',
  'assessment.targets.unchanged': '没有要保存的修改。',
  'assessment.targets.invalid': '有 {count} 格不是有效的目标，所以一项都没有保存：',
  'assessment.targets.cell': '{area} · {metric}',
  'assessment.targets.problem.notNumber': '{cell}：“{value}”不是数字。',
  'assessment.targets.problem.notInteger': '{cell}：目标应为整数，“{value}”不是整数。',
  'assessment.targets.problem.negative': '{cell}：目标不能是负数（“{value}”）。',
  'assessment.targets.problem.tooLarge': '{cell}：目标不能超过 {max}。',
  'assessment.targets.absurd': '这些目标是上年的 100 倍以上，确定没有多打几个零吗？',
  'assessment.targets.absurdItem': '{cell}：{value}（上年 {lastYear}）',
  'assessment.targets.absurdConfirm': '确定，保存',
  'assessment.targets.absurdBack': '返回修改',
  'assessment.targets.failed': '保存失败，一项都没有保存。请重试。',
  'assessment.targets.edited': '已修改',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'assessment.title': 'Assessment',
  'assessment.moreDescription': 'Counties side by side, monthly trends and yearly targets',
  'assessment.nav.label': 'Assessment pages',
  'assessment.nav.table': 'Counties',
  'assessment.nav.trends': 'Trends',
  'assessment.nav.targets': 'Targets',
  'assessment.year': 'Year',
  'assessment.yearValue': '{year}',
  'assessment.metric': 'Metric',
  'assessment.loadFailed': 'The region data did not load. Connect and open this page again.',
  'assessment.prefectureName': '{name} (prefecture)',

  'assessment.legend': 'Key:',
  'assessment.legendFuture': 'This year has not started: no pace yet.',
  'assessment.noTarget': 'No target',

  'assessment.asOf.server': 'Counted {time} by the server, kept on this phone for offline use',
  'assessment.asOf.device': 'Counted from this device’s records, last synced {time}',
  'assessment.asOf.deviceNever': 'Counted from this device’s records (never synced)',

  'assessment.table.heading': 'Counties in {year}',
  'assessment.table.caption': '{metric}: each county’s figure, target, share and rank',
  'assessment.table.captionWide': 'Each county’s figures, targets and shares in {year}',
  'assessment.table.county': 'County',
  'assessment.table.actual': 'Done',
  'assessment.table.target': 'Target',
  'assessment.table.share': 'Share',
  'assessment.table.rank': 'Rank',
  'assessment.table.rankValue': '#{rank}',
  'assessment.table.mine': 'Yours',
  'assessment.table.sortHint': 'Tap a header to sort.',
  'assessment.table.totalNote':
    'The prefecture row is the prefecture’s own figure against its own target, not a sum of the counties’ targets.',
  'assessment.table.myRank': '{county} ranks {rank} of {of} counties with a target for “{metric}”.',
  'assessment.table.myRankNone': '{county} has no target for “{metric}”, so it is not ranked.',
  'assessment.table.unavailable':
    'The county table is counted by the server. This phone has not received the {year} table yet: open it once while connected, then it works offline too.',
  'assessment.table.empty': 'Nothing was recorded in {year}, and no target is set.',
  'assessment.table.figure': '{actual} / {target}',

  'assessment.county.heading': '{county} · {year}',
  'assessment.county.back': 'Back to the counties',
  'assessment.county.notFound': 'No such county',
  'assessment.county.figures': 'Against the county’s own targets',
  'assessment.county.rank': 'Rank',
  'assessment.county.rankOf': '{rank} of {of}',
  'assessment.county.hint':
    'Its share of the prefecture’s target by rural villages would be about {hint} (a hint, not its target)',
  'assessment.county.trends': 'Monthly trends of this county',
  'assessment.county.townships': 'Townships',
  'assessment.county.townshipsNote':
    'Townships have no targets: only their figures are listed (villages covered with their share), to find the townships that need help.',
  'assessment.county.townshipsUnavailable':
    'The township records of {county} are not on this phone (a phone downloads only its own area), so no townships are listed here.',
  'assessment.county.township': 'Township',
  'assessment.county.covered': '{covered} / {of} villages',

  'assessment.trends.heading': '{area} · {year} month by month',
  'assessment.trends.area': 'Area',
  'assessment.trends.thisYear': '{year}',
  'assessment.trends.lastYear': '{year} (last year)',
  'assessment.trends.pace': 'Pace line (to the target)',
  'assessment.trends.counting': 'Counting month by month…',
  'assessment.trends.notStarted': '{year} has not started: no monthly figures yet.',
  'assessment.trends.summary':
    'By {day}: {actual}; on pace would be {pace} (target for the year {target}); last year by then {lastYear}.',
  'assessment.trends.summaryNoTarget':
    'By {day}: {actual} (no target set, so no pace line); last year by then {lastYear}.',
  'assessment.trends.values': 'Monthly values',
  'assessment.trends.month': 'Month',
  'assessment.trends.chartLabel': '{metric}, cumulative by month (the values are in the table)',
  'assessment.trends.chartFailed': 'The chart did not load; the table lists the same values.',
  'assessment.trends.none': '—',

  'assessment.targets.heading': 'Targets for {year}',
  'assessment.targets.intro':
    'The prefecture row holds the prefecture’s own targets; each county row that county’s. Start from last year, a split by rural villages or the policy’s figures, then edit cell by cell: nothing changes until you press Save.',
  'assessment.targets.readOnly':
    'Only the city admin can change targets. These are the prefecture’s and your county’s.',
  'assessment.targets.notForRole':
    'Yearly targets are set by the city admin; county coordinators can read their county’s.',
  'assessment.targets.prefecture': 'Prefecture',
  'assessment.targets.lastYear': 'Last year {value}',
  'assessment.targets.lastYearNone': 'None last year',
  'assessment.targets.inputLabel': '{area}: target for “{metric}”',
  'assessment.targets.copyForward': 'Copy from {year}',
  'assessment.targets.copied':
    'Copied {count} targets from {year} (empty cells only; filled ones unchanged). Check them, then press Save.',
  'assessment.targets.nothingToCopy':
    '{year} has no targets to copy, or those cells are filled already.',
  'assessment.targets.split': 'Split over the counties by villages',
  'assessment.targets.splitLabel':
    'Split the prefecture’s “{metric}” target over the counties by their rural villages',
  'assessment.targets.splitShort': 'Split',
  'assessment.targets.splitDone':
    'Split the prefecture’s “{metric}” target of {total} over the counties by their rural villages; the parts add up to exactly {total} and replace the counties’ figures. Check them, then press Save.',
  'assessment.targets.splitNeedsTotal':
    'Fill in the prefecture’s “{metric}” target (a whole number) first, then split it.',
  'assessment.targets.policy': 'Fill in the policy’s figures',
  'assessment.targets.policyDone':
    'Filled in {count} of the policy’s figures (empty cells only). The policy: ≥ 1500 service points within 3 years, ≥ 100 agricultural sites or shops on the platform, a flagship store in every central town by 2015, 800 village officials and young entrepreneurs trained a year, ≥ 2 central-town pilots a year in each county.',
  'assessment.targets.policyNone': 'The cells of the policy’s figures are filled already.',
  'assessment.targets.changed': '{count} changes not saved',
  'assessment.targets.noChanges': 'No unsaved changes',
  'assessment.targets.save': 'Save',
  'assessment.targets.discard': 'Discard changes',
  'assessment.targets.saved': 'Saved {count} targets. They sync to the server when connected.',
  'assessment.targets.unchanged': 'Nothing to save.',
  'assessment.targets.invalid': '{count} cells are not valid targets, so nothing was saved:',
  'assessment.targets.cell': '{area} · {metric}',
  'assessment.targets.problem.notNumber': '{cell}: “{value}” is not a number.',
  'assessment.targets.problem.notInteger': '{cell}: a target is a whole number, not “{value}”.',
  'assessment.targets.problem.negative': '{cell}: a target cannot be negative (“{value}”).',
  'assessment.targets.problem.tooLarge': '{cell}: a target cannot be over {max}.',
  'assessment.targets.absurd':
    'These targets are over 100 times last year’s. Are you sure there is no extra zero?',
  'assessment.targets.absurdItem': '{cell}: {value} (last year {lastYear})',
  'assessment.targets.absurdConfirm': 'Yes, save',
  'assessment.targets.absurdBack': 'Go back and edit',
  'assessment.targets.failed': 'Saving failed; nothing was saved. Please try again.',
  'assessment.targets.edited': 'Edited',
};
