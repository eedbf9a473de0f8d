import { cookies, headers } from 'next/headers';
import { format, isLang, LANG_COOKIE, type Lang, langFromTag, type MessageKey, messages, type Params } from './messages';

/** The language a server component renders in: the user's cookie, else the browser's first Accept-Language. */
export async function serverLang(): Promise<Lang> {
  const stored = (await cookies()).get(LANG_COOKIE)?.value;
  if (isLang(stored)) return stored;
  return langFromTag((await headers()).get('accept-language')?.split(',')[0]);
}

/** `t` for server components (page headings and metadata). */
export async function serverT(): Promise<{ lang: Lang; t: (key: MessageKey, params?: Params) => string }> {
  const lang = await serverLang();
  return { lang, t: (key, params) => format(messages[lang][key] ?? messages.en[key], params) };
}
