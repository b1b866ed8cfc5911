/**
 * Strings of the drill-down through the levels (issue 16 part 2, src/domain/areas.ts): the
 * breadcrumb 某某省 › 某某市 › 某某县, the assessment's table one level below an area of any level,
 * and the map's list of a province's prefectures. Chinese first; English in ./drill.en.ts (same
 * keys, same {placeholders}).
 */
export const zh = {
  'drill.trail': '区域层级',
  'drill.up': '返回{name}',
  'drill.wholeName.province': '{name}（全省）',
  'drill.wholeName.prefecture': '{name}（全市）',
  'drill.wholeName.county': '{name}（全县）',
  'drill.table.heading.province': '{year} 年各地市完成情况',
  'drill.table.caption.province': '{metric}：各地市完成数、目标、完成率和名次',
  'drill.table.captionWide.province': '{year} 年各地市各项指标的完成数、目标和完成率',
  'drill.table.column.province': '地市',
  'drill.table.totalNote.province':
    '全省一行是全省的完成数对全省自己的目标，不是各地市目标相加；各地市对的是本市自己的目标。',
  'drill.table.heading.prefecture': '{year} 年{name}各区县完成情况',
  'drill.map.prefectures': '各地市覆盖情况',
  'drill.map.prefecturesHint': '点一个地市，看它的区县。',
  'drill.map.open': '查看{name}',
  'drill.map.villages': '{covered} / {rural} 个行政村',
} as const;
