/**
 * Validation messages of the domain, in Chinese and English.
 *
 * Schemas carry message KEYS (e.g. 'phone.invalid'), never prose, so the same schema can answer a
 * field officer in Chinese on the device and a second client in English on the server. The UI's
 * i18n layer and the server's 400 answers both translate through describeIssue().
 */
import type { z } from 'zod';
import type { Bilingual, Locale } from './bilingual';

export type { Locale } from './bilingual';

type Catalogue = Record<string, Bilingual>;

export const DOMAIN_MESSAGES = {
  required: { 'zh-CN': '必填', en: 'is required' },
  invalidType: { 'zh-CN': '格式不对', en: 'has the wrong format' },
  invalidChoice: { 'zh-CN': '请从列表中选择', en: 'must be chosen from the list' },
  tooShort: { 'zh-CN': '至少 {min} 个字', en: 'needs at least {min} characters' },
  tooLong: { 'zh-CN': '最多 {max} 个字', en: 'may have at most {max} characters' },
  tooFewItems: { 'zh-CN': '至少选择 {min} 项', en: 'needs at least {min} item(s)' },
  tooManyItems: { 'zh-CN': '最多 {max} 项', en: 'may have at most {max} items' },
  tooSmall: { 'zh-CN': '不能小于 {min}', en: 'must be at least {min}' },
  tooBig: { 'zh-CN': '不能大于 {max}', en: 'must be at most {max}' },
  notInteger: { 'zh-CN': '应为整数', en: 'must be a whole number' },
  controlChars: {
    'zh-CN': '含有不可见的控制字符，请重新输入',
    en: 'contains invisible control characters; please retype it',
  },
  'phone.invalid': {
    'zh-CN': '手机号应为 11 位数字，以 13–19 开头，例如 13812345678',
    en: 'a mainland mobile number has 11 digits starting with 13–19, e.g. 13812345678',
  },
  'date.invalid': {
    'zh-CN': '日期应为 年-月-日，例如 2026-03-15',
    en: 'a date is written year-month-day, e.g. 2026-03-15',
  },
  'month.invalid': {
    'zh-CN': '月份应为 年-月，例如 2026-03',
    en: 'a month is written year-month, e.g. 2026-03',
  },
  'datetime.invalid': { 'zh-CN': '时间格式不对', en: 'is not a valid timestamp' },
  'id.invalid': { 'zh-CN': '编号格式不对', en: 'is not a valid record id' },
  'sha256.invalid': { 'zh-CN': '照片编号格式不对', en: 'is not a valid photo hash' },
  'url.invalid': {
    'zh-CN': '网址应以 http:// 或 https:// 开头，例如 https://shop.example.com',
    en: 'a web address starts with http:// or https://, e.g. https://shop.example.com',
  },
  'region.county': {
    'zh-CN': '请选择本市的一个区县',
    en: 'choose a county or district of the prefecture',
  },
  'region.targetArea': {
    'zh-CN': '目标只能定给全区域、本省的一个地市或一个区县',
    en: 'a target belongs to the whole area, one prefecture of the province or one county',
  },
  'region.township': {
    'zh-CN': '请选择本市的一个乡镇（街道）',
    en: 'choose a township or subdistrict of the prefecture',
  },
  'region.village': {
    'zh-CN': '请选择本市的一个村（社区）',
    en: 'choose a village or community of the prefecture',
  },
  'region.tierMismatch': {
    'zh-CN': '村级服务点要选到村；乡镇服务站至少选到乡镇',
    en: 'a village point needs a village; a township station needs at least a township',
  },
  'location.outside': {
    'zh-CN': '这个位置不在本市范围内，请重新定位或在地图上选点',
    en: 'this location lies outside the prefecture; capture it again or pick it on the map',
  },
  'location.lat': {
    'zh-CN': '纬度应在 -90 到 90 之间',
    en: 'latitude must lie between -90 and 90',
  },
  'location.lng': {
    'zh-CN': '经度应在 -180 到 180 之间',
    en: 'longitude must lie between -180 and 180',
  },
  'dates.endBeforeStart': {
    'zh-CN': '结束日期不能早于开始日期',
    en: 'the end date cannot be before the start date',
  },
  'history.empty': { 'zh-CN': '缺少状态记录', en: 'the status history is missing' },
  'history.mismatch': {
    'zh-CN': '当前状态与状态记录不一致',
    en: 'the current status does not match the status history',
  },
  'agriShop.joinedOnRequired': {
    'zh-CN': '已接入平台时请填写接入日期',
    en: 'give the date it joined the platform',
  },
  'store.openedOnRequired': {
    'zh-CN': '已开通的店铺请填写开通日期',
    en: 'an open store needs its opening date',
  },
  'servicePoint.openedOnRequired': {
    'zh-CN': '已运营的服务点请填写开业日期',
    en: 'an open service point needs its opening date',
  },
  'attendance.checkedInRequired': {
    'zh-CN': '到场或迟到需要签到时间',
    en: 'present or late needs a check-in time',
  },
  'attendance.checkedInOffRoster': {
    'zh-CN': '已签到（到场或迟到）的人不能移出名单：如确实没来，请先在点名页撤销签到',
    en: 'someone checked in (present or late) cannot be taken off the list: if they did not come, undo the check-in at the roll call first',
  },
  'attendance.traineeMissing': {
    'zh-CN':
      '服务器上没有这名学员（学员登记可能被拒绝，或还没有同步上去）：请先同步学员，或重新登记此人后再签到',
    en: 'the server has no such trainee (the registration may have been refused, or not synced yet): sync the trainee first, or register the person again, then check them in',
  },
  'attendance.traineeDeleted': {
    'zh-CN': '这名学员已被删除，不能签到：如确有此人，请重新登记后再签到',
    en: 'this trainee has been deleted and cannot be checked in: if the person is here, register them again',
  },
  'attendance.traineeOutsideArea': {
    'zh-CN':
      '这名学员所在的村不在你负责的区域内，不能由你签到：请由负责学员所在区县的培训员，或市级管理员签到',
    en: 'this trainee’s village lies outside your area, so you cannot check them in: a trainer responsible for the trainee’s county, or an admin of the prefecture, can',
  },
  'year.invalid': { 'zh-CN': '年份应在 2013 到 2100 之间', en: 'the year must be 2013–2100' },
  'milestones.duplicate': {
    'zh-CN': '里程碑编号重复',
    en: 'two milestones have the same id',
  },
  'csv.unknownLabel': {
    'zh-CN': '不认识“{value}”，请用下拉列表里的名称',
    en: 'does not know "{value}"; use one of the listed names',
  },
  'csv.unknownPlace': {
    'zh-CN': '找不到地方“{value}”，请核对区县、乡镇、村的名称，或填行政区划代码',
    en: 'cannot find the place "{value}"; check the county, township and village names, or give the region code',
  },
  'csv.statusNotImportable': {
    'zh-CN': '“{value}”的服务点不能批量导入，请在应用里更改状态',
    en: 'points with status "{value}" cannot be imported; change the status in the app',
  },
  'csv.badNumber': {
    'zh-CN': '“{value}”不是有效的经纬度数字',
    en: '"{value}" are not valid latitude/longitude numbers',
  },
} satisfies Catalogue;

export type DomainMessageKey = keyof typeof DOMAIN_MESSAGES;

export function isDomainMessageKey(key: string): key is DomainMessageKey {
  return Object.prototype.hasOwnProperty.call(DOMAIN_MESSAGES, key);
}

export function formatMessage(
  key: DomainMessageKey,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  return DOMAIN_MESSAGES[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A validation problem in a form the UI and the server can both show: which field, and why. */
export interface FieldProblem {
  /** Dotted path of the field, e.g. 'operatorPhone' or 'location.lat'. */
  path: string;
  key: DomainMessageKey;
  params: Record<string, string | number>;
}

/** Turns a zod issue into a FieldProblem with a message key the catalogue knows. */
export function toFieldProblem(issue: z.core.$ZodIssue): FieldProblem {
  const path = issue.path.map(String).join('.');
  if (isDomainMessageKey(issue.message)) return { path, key: issue.message, params: {} };
  switch (issue.code) {
    case 'invalid_type':
      return {
        path,
        key: issue.input === undefined || issue.input === null ? 'required' : 'invalidType',
        params: {},
      };
    case 'invalid_value':
    case 'invalid_union':
      return { path, key: 'invalidChoice', params: {} };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') {
        return min <= 1
          ? { path, key: 'required', params: {} }
          : { path, key: 'tooShort', params: { min } };
      }
      if (issue.origin === 'array' || issue.origin === 'set')
        return { path, key: 'tooFewItems', params: { min } };
      return { path, key: 'tooSmall', params: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { path, key: 'tooLong', params: { max } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { path, key: 'tooManyItems', params: { max } };
      return { path, key: 'tooBig', params: { max } };
    }
    case 'invalid_format':
      return { path, key: 'invalidType', params: {} };
    default:
      return { path, key: 'invalidType', params: {} };
  }
}

export function toFieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map(toFieldProblem);
}
