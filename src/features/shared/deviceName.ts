/**
 * A device's name for people, from the user agent it signed in with: the system and the browser
 * ("Android · 微信", "iPhone · Safari"). Only what is needed to tell one's own phones apart.
 */
const SYSTEMS: [RegExp, string][] = [
  [/HarmonyOS|OpenHarmony/i, 'HarmonyOS'],
  [/Android/i, 'Android'],
  [/iPhone/i, 'iPhone'],
  [/iPad/i, 'iPad'],
  [/Windows/i, 'Windows'],
  [/Macintosh|Mac OS X/i, 'Mac'],
  [/CrOS/i, 'ChromeOS'],
  [/Linux/i, 'Linux'],
];

const BROWSERS: [RegExp, string][] = [
  [/MicroMessenger/i, '微信'],
  [/HuaweiBrowser/i, 'Huawei'],
  [/MiuiBrowser|XiaoMi/i, 'Xiaomi'],
  [/UCBrowser/i, 'UC'],
  [/QQBrowser/i, 'QQ'],
  [/Edg\//i, 'Edge'],
  [/Firefox\//i, 'Firefox'],
  [/Chrome\//i, 'Chrome'],
  [/Safari\//i, 'Safari'],
];

/** "System · browser", or null when the user agent says neither. */
export function deviceName(userAgent: string): string | null {
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const parts = [system, browser].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(' · ') : null;
}
