/**
 * Strings of the shared place picker (src/features/shared/RegionCascade.tsx): the village
 * type-ahead that sits above the county → township → village selects. The select labels stay
 * with each form (a shop's village is optional, a point's is not), so only the search is here.
 * The English is in ./regionPicker.en.ts (same keys).
 */
export const zh = {
  'regionPicker.search.label': '按村名查找',
  'regionPicker.search.hint': '输入村（社区）名称的两个字以上，点一下结果，区县、乡镇、村一次选好',
  'regionPicker.search.results': '查找结果',
  'regionPicker.search.count': '找到 {count} 个，点一下选中',
  'regionPicker.search.more': '只列出前 {count} 个，多输入几个字可以缩小范围',
  'regionPicker.search.none': '在你的范围内没有找到，换个字试试，或用下面的选择框',
  'regionPicker.search.tooShort': '再输入一个字',
  'regionPicker.search.chosen': '已选：{place}',
} as const;
