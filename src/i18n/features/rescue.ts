/**
 * Strings of reading a rescue file back (settings → 从备份文件恢复, src/features/settings/
 * RescueImportSection.tsx), of a write the full phone storage refused (src/features/shared/
 * errors.ts), and of the storage-nearly-full notice (src/app/ShellStatus.tsx,
 * src/app/storageWatch.ts). English in ./rescue.en.ts (exactly these keys).
 */
export const zh = {
  'rescue.heading': '从备份文件恢复',
  'rescue.intro':
    '退出登录前导出的备份文件（.json）可以在这里读回：未同步的修改重新排队等待同步，未填完的表单恢复为草稿。手机上已有的内容不会重复添加。',
  'rescue.pick': '选择备份文件',
  'rescue.reading': '正在读取文件…',
  'rescue.problem.notJson':
    '这个文件打不开：它不是完整的 JSON 文件，可能只下载了一半或已损坏。请选择退出登录时导出的 .json 备份文件。',
  'rescue.problem.notRescue':
    '这不是村电通的备份文件。请选择退出登录时导出的 .json 文件（文件名以 cundian-unsynced 开头），不是 Excel 表格。',
  'rescue.problem.newer':
    '这个备份文件由更新版本的村电通导出（格式 {version}），当前版本读不了。请先更新应用（同步与设置 → 关于）再恢复。',
  'rescue.problem.broken':
    '这个备份文件内容不完整或被修改过（出错位置：{where}），无法恢复。请换一份原始的备份文件。',
  'rescue.problem.noUser':
    '这个备份文件没有记录是谁导出的，无法确认修改属于哪个账号，不能恢复。请联系管理员手工录入。',
  'rescue.problem.notSignedIn': '请先登录，再恢复备份文件：恢复的修改要以您的账号同步。',
  'rescue.problem.otherUser':
    '这个备份文件属于账号 {fileUser}，当前登录的是 {currentUser}。恢复后这些修改会记在您名下，所以不能恢复。请让 {fileUser} 登录后再恢复。',
  'rescue.problem.otherServer':
    '这个备份文件来自另一个服务器（{fileOrigin}），不能恢复到这里。请在原来的网址登录后再恢复。',
  'rescue.preview.title': '文件内容',
  'rescue.preview.user': '导出人：{user}',
  'rescue.preview.exportedAt': '导出时间：{time}',
  'rescue.preview.span': '修改时间：{from} 至 {to}',
  'rescue.preview.at': '修改时间：{time}',
  'rescue.preview.changes': '未同步的修改：{count} 条',
  'rescue.preview.rejected': '被服务器退回的修改：{count} 条（恢复后仍在“被退回”里，供您查看）',
  'rescue.preview.drafts': '未保存的表单草稿：{count} 份',
  'rescue.preview.item': '{entity}：{count}',
  'rescue.preview.otherForm': '其他表单',
  'rescue.preview.empty': '这个文件里没有需要恢复的内容。',
  'rescue.confirm': '恢复到本机',
  'rescue.cancel': '取消',
  'rescue.failed': '恢复没有完成，手机上什么都没有改动：{reason}',
  'rescue.done.title': '已恢复',
  'rescue.done.changes': '未同步的修改：新加入 {added} 条，已在手机上而跳过 {skipped} 条。',
  'rescue.done.rejected': '被退回的修改：新加入 {added} 条，跳过 {skipped} 条。',
  'rescue.done.drafts': '草稿：新恢复 {added} 份，同一表单已有草稿而跳过 {skipped} 份。',
  'rescue.done.sync': '联网后会自动同步；和别人的修改冲突时，按平时的冲突规则处理。',
  'rescue.storageFull':
    '没有保存：手机存储空间已满。您填写的内容还在，请先释放空间再保存：联网同步后释放已同步的数据，或在“同步与设置”里删除离线地图，或清理其他应用。',
} as const;
