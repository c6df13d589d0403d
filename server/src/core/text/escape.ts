/**
 * Text from statute files and papers is data: wherever the core renders it as Markdown (hovers, completion
 * documentation, lexcite: renderings) or HTML (the report), it goes through these, so a crafted title or
 * footnote cannot add a link (a `command:` one included), an image, or raw HTML.
 */
import { Locale, MessageKey, t } from './messages';

/**
 * Markdown that shows `text` as it is: the characters that make links, images, HTML, code and emphasis are
 * backslash-escaped everywhere (with `[` and `]` escaped, `![…](…)` and `[…](command:…)` are inert text), and
 * what would start a block (list item, heading, setext underline, quote) at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#|~&]/g, '\\$&')
    .replace(/^([ \t]*)([-+=])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)([.)])/gm, '$1\\$2');
}

/** A message (messages.ts) for a Markdown context: its parameters are data and are escaped, its template is not. */
export function markdownMessage(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const escaped: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) escaped[name] = typeof value === 'string' ? escapeMarkdown(value) : value;
  return t(locale, key, escaped);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
