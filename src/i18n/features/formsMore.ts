/**
 * More words of the one form foundation (issue 13 item 7, issue 15 items 1 and 7): the error
 * mapper's sentences for a tap that is not a form (nothing typed to keep), the pilot page's
 * read-only and gone states, and the roll call's refusal of someone taken off the list.
 */
export const zh = {
  'formsMore.error.gone': '没有保存：这条记录已被删除或合并。',
  'formsMore.error.storageFull': '没有保存：手机存储空间已满。请清理一些空间后再试。',
  'formsMore.error.cell': '{cell}：{problem}',
  'formsMore.pilot.readOnly':
    '您可以查看这个试点，但不能修改（只有试点所在县的协调员和管理员可以）。',
  'formsMore.pilot.gone':
    '这个试点在您查看时被删除了，或在合并重复记录时并入了另一条。下面是它最后的样子；您在备注里填写的内容已保存为草稿。',
  'formsMore.pilot.noMilestones': '还没有里程碑。',
  'formsMore.pilot.noNotes': '没有备注。',
  'formsMore.pilot.noDocuments': '还没有验收材料。',
  'formsMore.roll.failed': '没有为{name}签到：',
  'formsMore.roll.notAllowed': '您不能为这次培训点名',
  'formsMore.roll.notAllowedBody':
    '只有培训所在地区的培训师、协调员和管理员可以点名；服务器也只接受他们的签到。',
  'formsMore.roll.backToSession': '返回培训班',
  'formsMore.walkIn.failed': '没有登记：',
} as const;
