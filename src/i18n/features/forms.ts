/**
 * Strings of the one record-form foundation (src/features/shared/recordForm.tsx, errors.ts) and of
 * the GPS capture that watches the position (features/shared/useGeolocation.ts): required
 * markers, the record that vanished while its form was open, permission refusals, the words for
 * errors, the accuracy as it improves. English in ./forms.en.ts (exactly these keys).
 */
export const zh = {
  'forms.required': '必填',
  'forms.requiredNote': '带 * 的为必填项',
  'forms.gone.title': '这条记录已经不在了',
  'forms.gone.body':
    '在您填写时，它被删除了，或在合并重复记录时并入了另一条。您填写的内容已保存为草稿，不会丢失；需要的话请重新登记。',
  'forms.missing.title': '找不到这条记录',
  'forms.missing.body': '它可能已被删除、在合并重复记录时并入了另一条，或者链接有误。',
  'forms.backToList': '回到列表',
  'forms.notAllowed.title': '您不能修改这条记录',
  'forms.notAllowed.newTitle': '您不能新建这类记录',
  'forms.notAllowed.body':
    '您的账号（角色或所辖范围）没有修改这条记录的权限。需要修改的话，请联系所辖范围内的协调员。',
  'forms.error.notAllowed': '没有保存：您的账号（角色或所辖范围）没有修改这条记录的权限。',
  'forms.error.gone': '没有保存：这条记录已被删除或合并。您填写的内容已保存为草稿。',
  'forms.error.unknown': '没能保存，请再试一次。',
  'forms.draft.restored': '已恢复 {when} 未保存的草稿。',
  'forms.draft.discard': '放弃草稿',
  'forms.gps.waiting': '正在定位，等待 GPS 信号…',
  'forms.gps.improving': '正在定位：当前精度 ± {accuracy} 米，达到 ± {threshold} 米以内会自动采用',
  'forms.gps.acceptWorse': '就用这个位置（± {accuracy} 米）',
  'forms.gps.stop': '停止定位',
  'forms.gps.accepted': '已采用定位，精度 ± {accuracy} 米',
  'forms.gps.error.denied':
    '没有定位权限。请在浏览器或手机设置里允许本应用使用位置，然后再点「获取位置」；也可以在地图上选点。',
  'forms.gps.error.timeout':
    '很久没有收到 GPS 信号。请到室外开阔处，离开高楼和树荫，再点「获取位置」；也可以在地图上选点。',
  'forms.gps.error.unavailable':
    '手机暂时无法定位。请确认手机的定位（GPS）已打开，到室外再试；也可以在地图上选点。',
  'forms.gps.error.unsupported': '这个浏览器不支持定位。请在地图上选点。',
} as const;
