/**
 * Strings of the user's own account (src/features/settings/PasswordSection.tsx, src/features/shared/ChangePasswordForm.tsx): changing one's password in
 * settings, the forced change right after sign-in when an admin set the password or it expired,
 * the expiry warning, and what is wrong with a new password (src/domain/passwordPolicy.ts).
 * English in ./account.en.ts (exactly these keys).
 */
export const zh = {
  'account.password.heading': '修改密码',
  'account.password.old': '旧密码',
  'account.password.new': '新密码',
  'account.password.repeat': '再输一次新密码',
  'account.password.rules':
    '至少 {min} 个字符，包含小写字母、大写字母、数字、符号中的至少 {classes} 种；不能包含用户名，不能是常见密码。',
  'account.password.submit': '修改密码',
  'account.password.done': '密码已修改。其他设备上的登录已退出。',
  'account.password.mismatch': '两次输入的新密码不一样，请重新输入',
  'account.password.oldRequired': '请输入旧密码（你现在用来登录的密码）',
  'account.password.expiresOn': '当前密码有效期至 {date}。',
  'account.password.noExpiry': '当前密码不会过期。',
  'account.password.warn': '你的密码将于 {date} 过期，请尽快修改。',
  'account.problem.tooShort': '新密码至少要 {min} 个字符，请加长',
  'account.problem.tooLong': '新密码最多 {max} 个字符，请缩短',
  'account.problem.fewClasses':
    '新密码要包含小写字母、大写字母、数字、符号中的至少 {need} 种（现在只有 {have} 种）',
  'account.problem.containsUsername': '新密码不能包含用户名（正写、倒写都不行）',
  'account.problem.sameAsOld': '新密码不能和旧密码一样',
  'account.problem.common': '这是常见密码，很容易被猜中，请换一个',
  'account.forced.title': '请设置你自己的密码',
  'account.forced.setByAdmin':
    '你的密码是管理员设置的。为了账号安全，请先改成只有你知道的密码，再开始使用。',
  'account.forced.expired': '你的密码已过期。请设置新密码后继续使用。',
  'account.error.offline': '没有网络：修改密码需要连接服务器，请联网后再试。',
  'account.error.server': '服务器暂时无法修改密码，请稍后再试。',
} as const;
