/** XML/SVG output helpers: escaping for text and attributes, and the link policy. */

// Characters XML 1.0 forbids outright (control characters, lone surrogates, U+FFFE/U+FFFF).
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for element content and attribute values alike ("]]>" cannot survive: ">" is escaped). */
export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, '\uFFFD').replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/**
 * Links in rendered SVG may only stay on this site: a "#fragment" or a path starting with a
 * single "/". Schemes (javascript:, data:, http:), protocol-relative "//host", backslashes
 * (browsers read "/\host" as "//host") and whitespace or control characters are refused.
 */
export function safeHref(href: unknown): string | undefined {
  if (typeof href !== 'string' || href.length === 0 || href.length > 2048) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007F-\u009F\\]/.test(href)) return undefined;
  if (href.startsWith('#')) return href.length > 1 ? href : undefined;
  if (href.startsWith('/') && !href.startsWith('//')) return href;
  return undefined;
}
