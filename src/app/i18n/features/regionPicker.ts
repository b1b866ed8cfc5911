/**
 * Strings of the shared place picker (src/features/shared/RegionCascade.tsx): the village
 * type-ahead that sits above the county → township → village selects. The select labels stay
 * with each form (a shop's village is optional, a point's is not), so only the search is here.
 * `en` must have exactly the keys of `zh`.
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

export const en: Record<keyof typeof zh, string> = {
  'regionPicker.search.label': 'Find a village by name',
  'regionPicker.search.hint':
    'Type two or more characters of the village or community; tap a result to fill county, township and village at once',
  'regionPicker.search.results': 'Matching villages',
  'regionPicker.search.count': '{count} found, tap one to choose it',
  'regionPicker.search.more': 'Only the first {count} are listed; type more to narrow it down',
  'regionPicker.search.none':
    'Nothing found in your area; try other characters, or use the lists below',
  'regionPicker.search.tooShort': 'Type one more character',
  'regionPicker.search.chosen': 'Chosen: {place}',
};
