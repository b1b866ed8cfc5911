/**
 * The top bar's 中/EN switch: two toggle buttons, the current language pressed. Each label is
 * marked with its own language so a screen reader pronounces "中" in Chinese even in English mode.
 *
 * The accessible name starts with what the button shows (WCAG 2.5.3, label in name: a voice user
 * says "click EN"), completed by the language's full name for a screen reader, hidden from the
 * eye: "中" + "文" reads 中文, "EN" + " English" reads "EN English".
 *
 * Under 390 px only the other language's button shows (styles.css): the top bar has no room for
 * two 44-px buttons beside the bell and the pills.
 */
import { setLocale, useLocale, useT, type Locale } from '../i18n';
import type { MessageKey } from '../i18n';

const LOCALE_BUTTONS: readonly { locale: Locale; shortKey: MessageKey; nameKey: MessageKey }[] = [
  { locale: 'zh-CN', shortKey: 'locale.zhShort', nameKey: 'locale.zhName' },
  { locale: 'en', shortKey: 'locale.enShort', nameKey: 'locale.enName' },
];

export function LocaleToggle() {
  const t = useT();
  const current = useLocale();
  return (
    <div className="locale-toggle" role="group" aria-label={t('locale.switchLabel')}>
      {LOCALE_BUTTONS.map(({ locale, shortKey, nameKey }) => {
        const short = t(shortKey);
        const name = t(nameKey);
        const joined = name.startsWith(short);
        return (
          <button
            key={locale}
            type="button"
            className="locale-toggle__button"
            lang={locale}
            aria-pressed={current === locale}
            onClick={() => setLocale(locale)}
          >
            {short}
            {joined ? null : ' '}
            <span className="visually-hidden">{joined ? name.slice(short.length) : name}</span>
          </button>
        );
      })}
    </div>
  );
}
