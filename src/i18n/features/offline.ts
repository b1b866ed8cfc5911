/**
 * Strings of working with no network that belong to no single screen: the offline base map
 * (settings → 离线底图, src/features/settings/OfflineMapSection.tsx) and the rescue export of
 * unsynced work as a spreadsheet (src/features/shared/rescueWorkbook.ts). Chinese first; the
 * English is ./offline.en.ts, which must have exactly these keys.
 */
export const zh = {
  'offline.tiles.heading': '离线底图',
  'offline.tiles.intro':
    '有网络的时候，把本乡镇或本县的地图图块存到手机上；到了没有信号的村里，地图照样能显示底图。',
  'offline.tiles.layer': '底图',
  'offline.tiles.notAllowed':
    '{names}的使用规定不允许预先批量下载，只能用看过的地图（自动保留 30 天）。这里只提供允许离线使用的底图。',
  'offline.tiles.area': '地区',
  'offline.tiles.areaTownship': '{name}（乡镇：服务点所在范围外扩 2 公里）',
  'offline.tiles.areaCounty': '{name}（整个区县）',
  'offline.tiles.noArea': '还没有可下载的地区：需要区县边界，或本乡镇至少一个带位置的服务点。',
  'offline.tiles.minZoom': '从第几级',
  'offline.tiles.maxZoom': '到第几级',
  'offline.tiles.zoomHint':
    '级别越大越清楚：13 级看得清乡镇，15 级看得清村里的路。每多一级，图块大约多 4 倍。',
  'offline.tiles.estimate': '约 {tiles} 张图块，约 {size}',
  'offline.tiles.tooMany':
    '太多了，不能下载：最多 {max} 张图块（手机上已存 {stored} 张）。请选小一点的地区，或少选几级。',
  'offline.tiles.empty': '请选一个地区和缩放级别。',
  'offline.tiles.download': '下载离线底图',
  'offline.tiles.cancel': '取消下载',
  'offline.tiles.progressLabel': '离线底图下载进度',
  'offline.tiles.progress': '已完成 {done} / {total} 张',
  'offline.tiles.complete': '下载完成：新存 {stored} 张，原来已有 {skipped} 张。',
  'offline.tiles.completeFailed':
    '下载结束，有 {failed} 张没下载成功，其余都存好了。再点一次下载只补缺的。',
  'offline.tiles.cancelled': '已取消。已存的 {stored} 张保留，再点下载会接着下。',
  'offline.tiles.offlineStop':
    '网络断了，下载停止。已存的 {stored} 张保留，联网后再点下载会接着下。',
  'offline.tiles.storageFull':
    '手机存储满了，下载停止。已存的 {stored} 张保留，你录入的数据没有受影响。可以少选几级，或先删掉离线底图。',
  'offline.tiles.failed': '下载出错：{reason}。已存的保留。',
  'offline.tiles.stored': '手机上的离线底图：{tiles} 张图块，约 {size}',
  'offline.tiles.storedArea': '{area} · {layer} · {min}–{max} 级 · {date}',
  'offline.tiles.none': '手机上还没有离线底图。',
  'offline.tiles.delete': '删除离线底图',
  'offline.tiles.deleteConfirm':
    '删除全部离线底图（{tiles} 张）？没有信号时，地图只会显示以前看过的部分。录入的数据不受影响。',
  'offline.tiles.deleteConfirmAction': '确定删除',
  'offline.tiles.keep': '保留',
  'offline.tiles.deleted': '离线底图已删除。',
  'offline.tiles.unsupported': '这个浏览器不能保存离线底图。',
  'offline.tiles.useLayer': '在地图上选“{name}”作底图，才会用到这些离线图块。',
  'offline.tiles.terms': '图块来自{name}，只下载所选地区，一共最多 {max} 张。',

  'offline.rescue.hint':
    'Excel 表格可以直接打开查看；备份文件（JSON）可在重新登录后从“同步与设置 → 从备份文件恢复”导回应用。',
  'offline.rescue.xlsx': '导出 Excel 表格',
  'offline.rescue.json': '导出备份文件（JSON）',
  'offline.rescue.xlsxFailed': '没能生成 Excel 表格（{reason}），请导出备份文件。',
  'offline.rescue.title': '村电通 · 未同步的数据',
  'offline.rescue.meta': '用户 {user} · 导出时间 {time} · 这台手机还没有上传到服务器的修改',
  'offline.rescue.sheet.about': '说明',
  'offline.rescue.sheet.rejected': '被拒绝的修改',
  'offline.rescue.sheet.drafts': '没保存的表单',
  'offline.rescue.about.user': '用户',
  'offline.rescue.about.exportedAt': '导出时间',
  'offline.rescue.about.pending': '待上传的修改',
  'offline.rescue.about.rejected': '被服务器拒绝的修改',
  'offline.rescue.about.drafts': '没保存的表单',
  'offline.rescue.about.note':
    '每类记录一张表，每行是一次修改，只列出这次改了的内容。同时导出的 JSON 备份文件可由管理员导回应用。',
  'offline.rescue.col.item': '项目',
  'offline.rescue.col.time': '修改时间',
  'offline.rescue.col.action': '操作',
  'offline.rescue.col.record': '记录',
  'offline.rescue.col.kind': '记录类型',
  'offline.rescue.col.reason': '拒绝原因',
  'offline.rescue.col.rejectedAt': '拒绝时间',
  'offline.rescue.col.form': '表单',
  'offline.rescue.col.content': '内容',
  'offline.rescue.col.id': '编号',
  'offline.rescue.op.create': '新建',
  'offline.rescue.op.update': '修改',
  'offline.rescue.op.delete': '删除',
  'offline.rescue.yes': '是',
  'offline.rescue.no': '否',
} as const;
