'use client';

import { useLang } from '../../lib/i18n';

/** EN ⇄ 中文 for the whole UI; the accessible name says what it does in both languages. */
export function LangSwitch() {
  const { lang, setLang, t } = useLang();
  const next = lang === 'en' ? 'zh' : 'en';
  return (
    <button type="button" className="ghost lang-switch" aria-label={t('lang.switch')} title={t('lang.switch')} onClick={() => setLang(next)}>
      <span aria-hidden className={lang === 'en' ? 'on' : undefined}>
        EN
      </span>
      <span aria-hidden className="sep">
        /
      </span>
      <span aria-hidden className={lang === 'zh' ? 'on' : undefined} lang="zh">
        中
      </span>
    </button>
  );
}
