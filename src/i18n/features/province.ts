/**
 * Strings of a province deployment (REGION=33; docs/REGIONS.md "A province deployment"): the
 * users screen's levels and hints when the deployment's area is a province, Chinese first. The
 * English is in ./province.en.ts (same keys).
 */
export const zh = {
  'usersProvince.level.prefecture': '地级市',
  'usersProvince.scopeCodeHint':
    '地级市 4 位、县（区）6 位或乡镇（街道）9 位统计代码，以 {prefix} 开头，与上面选的层级一致。',
  'usersProvince.codeLength': '{level}的编码是 {digits} 位：请填写 {digits} 位数字，或换一个层级。',
} as const;
