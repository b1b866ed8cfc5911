/**
 * Names that depend on the level of an area (issue 16, docs/ASSESSMENT.md "Targets at every
 * level"): an admin is named by the level of their area (省级管理员 for a province, 市级管理员 for a
 * prefecture…), the admins who set the plan by the deployment's top level, the assessment table's
 * name when it compares prefectures (地市对比), the whole province's own row and the targets grid of
 * a province. Chinese first;
 * English in ./levels.en.ts (same keys, same {placeholders}).
 */
export const zh = {
  'levels.role.admin.province': '省级管理员',
  'levels.role.admin.prefecture': '市级管理员',
  'levels.role.admin.county': '县级管理员',
  'levels.role.admin.township': '乡镇管理员',
  'levels.admins.province': '省级、市级管理员',
  'levels.admins.prefecture': '市级管理员',
  'levels.nav.table.province': '地市对比',
  'levels.whole.province': '全省',
  'levels.targets.intro.province':
    '全省一行是全省自己的目标，各地市一行是该地市自己的目标（不是下属区县的合计）。点地市的名字可以设定它下属区县的目标。点“保存”之前什么都不会改。',
  'levels.targets.intro.prefecture':
    '{name}一行是{name}自己的目标，各区县一行是该区县的目标。可以先从上年复制、按行政村数分解，再逐格修改；点“保存”之前什么都不会改。',
  'levels.targets.open': '设定{name}下属区县的目标',
} as const;
