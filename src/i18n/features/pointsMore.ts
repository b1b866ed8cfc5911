/**
 * More strings of the service points screens (issue 4, second round): the small map on the detail
 * page, the GPS accuracy setting, phones by role, the import's scope check. Same shape as
 * ./points.ts; the English is in ./pointsMore.en.ts (same keys).
 */
export const zh = {
  'pointsMore.map.heading': '位置',
  'pointsMore.map.openCoverage': '在地图上查看',
  'pointsMore.map.label': '服务点位置地图：{place}',
  'pointsMore.map.none':
    '还没有记录这个服务点的位置。修改服务点时可以获取 GPS 位置或在地图上选点。',
  'pointsMore.map.tilesFailed': '底图没有加载（离线或网络不通），标记的位置仍然准确。',
  'pointsMore.map.readoutNoAccuracy': '纬度 {lat}，经度 {lng}（在地图上选的点，精度未知）',
  'pointsMore.gps.heading': 'GPS 定位',
  'pointsMore.gps.label': '定位精度提醒（米）',
  'pointsMore.gps.hint':
    '登记服务点时，定位误差超过这个数就提醒重新定位。可填 {min} 到 {max}，默认 {fallback}。',
  'pointsMore.gps.save': '保存精度提醒',
  'pointsMore.gps.saved': '已保存。定位误差超过 {metres} 米时会提醒。',
  'pointsMore.gps.invalid': '请填 {min} 到 {max} 之间的整数（米）。',
  'pointsMore.gps.notStored': '这个浏览器不能保存设置（可能是无痕模式），这次没有改。',
  'pointsMore.phone.call': '拨打 {phone}',
  'pointsMore.phone.callName': '拨打 {name} {phone}',
  'pointsMore.import.outsideArea': '{field}：不在你的工作范围（{area}）内',
  'pointsMore.import.roleCannotWrite': '你的账号不能登记服务点',
} as const;
