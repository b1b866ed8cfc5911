/**
 * Names of fields as users know them, in both languages, so a validation message can say which
 * field is wrong ("运营人电话：手机号应为 11 位数字…") on the device and in the server's 400 answer.
 */
import type { EntityName } from './entities';
import type { Bilingual } from './bilingual';
import { formatMessage, type FieldProblem, type Locale } from './messages';

type Labels = Record<string, Bilingual>;

const COMMON: Labels = {
  id: { 'zh-CN': '编号', en: 'Id' },
  notes: { 'zh-CN': '备注', en: 'Notes' },
  photos: { 'zh-CN': '照片', en: 'Photos' },
  status: { 'zh-CN': '状态', en: 'Status' },
  statusHistory: { 'zh-CN': '状态记录', en: 'Status history' },
  regionCode: { 'zh-CN': '所在地', en: 'Place' },
  townshipCode: { 'zh-CN': '乡镇（街道）', en: 'Township' },
  villageCode: { 'zh-CN': '村（社区）', en: 'Village' },
  countyCode: { 'zh-CN': '区县', en: 'County' },
  platform: { 'zh-CN': '平台', en: 'Platform' },
  url: { 'zh-CN': '网址', en: 'Web address' },
  year: { 'zh-CN': '年度', en: 'Year' },
  name: { 'zh-CN': '名称', en: 'Name' },
};

export const FIELD_LABELS: Record<EntityName, Labels> = {
  servicePoint: {
    tier: { 'zh-CN': '层级', en: 'Tier' },
    name: { 'zh-CN': '服务点名称', en: 'Name of the point' },
    services: { 'zh-CN': '服务项目', en: 'Services' },
    openedOn: { 'zh-CN': '开业日期', en: 'Opening date' },
    operatorName: { 'zh-CN': '运营人', en: 'Operator' },
    operatorPhone: { 'zh-CN': '运营人电话', en: "Operator's phone" },
    location: { 'zh-CN': '位置', en: 'Location' },
    'location.lat': { 'zh-CN': '位置', en: 'Location' },
    'location.lng': { 'zh-CN': '位置', en: 'Location' },
  },
  flagshipStore: {
    storeName: { 'zh-CN': '店铺名称', en: 'Store name' },
    openedOn: { 'zh-CN': '开通日期', en: 'Opening date' },
    mainProducts: { 'zh-CN': '主营产品', en: 'Main products' },
    operator: { 'zh-CN': '运营方', en: 'Operator' },
    monthlyFigures: { 'zh-CN': '月度数据', en: 'Monthly figures' },
  },
  agriShop: {
    name: { 'zh-CN': '网店名称', en: 'Shop name' },
    products: { 'zh-CN': '产品', en: 'Products' },
    onServicePlatform: { 'zh-CN': '已接入公共服务平台', en: 'On the public service platform' },
    joinedOn: { 'zh-CN': '接入日期', en: 'Date joined' },
  },
  trainee: {
    name: { 'zh-CN': '姓名', en: 'Name' },
    kind: { 'zh-CN': '类别', en: 'Kind' },
    phone: { 'zh-CN': '手机号', en: 'Mobile phone' },
  },
  trainingSession: {
    title: { 'zh-CN': '培训名称', en: 'Title' },
    startDate: { 'zh-CN': '开始日期', en: 'Start date' },
    endDate: { 'zh-CN': '结束日期', en: 'End date' },
    trainer: { 'zh-CN': '培训师', en: 'Trainer' },
    hours: { 'zh-CN': '学时', en: 'Hours' },
    topics: { 'zh-CN': '主题', en: 'Topics' },
    capacity: { 'zh-CN': '名额', en: 'Capacity' },
  },
  attendance: {
    sessionId: { 'zh-CN': '培训班', en: 'Session' },
    traineeId: { 'zh-CN': '学员', en: 'Trainee' },
    checkedInAt: { 'zh-CN': '签到时间', en: 'Check-in time' },
    onRoster: { 'zh-CN': '名单', en: 'On the list' },
  },
  pilotTown: {
    milestones: { 'zh-CN': '里程碑', en: 'Milestones' },
  },
  target: {
    metric: { 'zh-CN': '指标', en: 'Metric' },
    value: { 'zh-CN': '目标值', en: 'Target value' },
  },
  centralTown: {
    designatedYear: { 'zh-CN': '认定年份', en: 'Year designated' },
    active: { 'zh-CN': '在册', en: 'On the list' },
  },
};

export function fieldLabel(entity: EntityName, path: string, locale: Locale): string {
  const own = FIELD_LABELS[entity];
  const top = path.split('.')[0] ?? path;
  const label = own[path] ?? own[top] ?? COMMON[path] ?? COMMON[top];
  return label ? label[locale] : path;
}

/** "运营人电话：手机号应为 11 位数字…" / "Operator's phone: a mainland mobile number has…" */
export function describeProblem(entity: EntityName, problem: FieldProblem, locale: Locale): string {
  const message = formatMessage(problem.key, locale, problem.params);
  if (!problem.path) return message;
  const label = fieldLabel(entity, problem.path, locale);
  return locale === 'zh-CN' ? `${label}：${message}` : `${label}: ${message}`;
}
