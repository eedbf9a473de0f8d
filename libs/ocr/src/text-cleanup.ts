const CJK_CHAR = '[\\u2e80-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef]';
const IDEOGRAPH = /[\u3400-\u9fff\uf900-\ufaff]/;
const SPACE_BETWEEN_CJK = new RegExp(`(?<=${CJK_CHAR}) +(?=${CJK_CHAR})`, 'g');

/**
 * Tidies tesseract's text without changing what it read: CRLF to LF, trailing spaces, the
 * spaces chi_sim puts between Chinese characters (`内 存 气 球` → `内存气球`), the stray `。`,
 * `，` or `、` chi_sim reads in wide gaps of Latin-only lines (table columns), runs of blank lines.
 */
export function cleanOcrText(raw: string): string {
  const lines = raw
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '')
    .split('\n')
    .map((line) => {
      let l = line.replace(SPACE_BETWEEN_CJK, '');
      if (!IDEOGRAPH.test(l)) l = l.replace(/(^|\s)[。，、](?=\s|$)/g, '$1');
      return l.replace(/\s+$/, '');
    });
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').replace(/^\n+|\n+$/g, '');
}
