/**
 * The top bar's 中/EN switch: two toggle buttons, the current language pressed. Each label is
 * marked with its own language so a screen reader pronounces "中" in Chinese even in English mode.
 */
import { setLocale, useLocale, useT, type Locale } from './i18n';
import type { MessageKey } from './i18n';

const LOCALE_BUTTONS: readonly { locale: Locale; shortKey: MessageKey; nameKey: MessageKey }[] = [
  { locale: 'zh-CN', shortKey: 'locale.zhShort', nameKey: 'locale.zhName' },
  { locale: 'en', shortKey: 'locale.enShort', nameKey: 'locale.enName' },
];

export function LocaleToggle() {
  const t = useT();
  const current = useLocale();
  return (
    <div className="locale-toggle" role="group" aria-label={t('locale.switchLabel')}>
      {LOCALE_BUTTONS.map(({ locale, shortKey, nameKey }) => (
        <button
          key={locale}
          type="button"
          className="locale-toggle__button"
          lang={locale}
          aria-pressed={current === locale}
          aria-label={t(nameKey)}
          onClick={() => setLocale(locale)}
        >
          {t(shortKey)}
        </button>
      ))}
    </div>
  );
}
