/**
 * What the CLI tells the user when it stops: a message key of messages.ts and its parameters, written in the
 * language of --locale (exit code 2).
 */
import { Locale, MessageKey, normalizeLocale, t } from '../core';

/** A parameter is a value, or a message key of its own (a reason given in words). */
export type UsageParam = string | number | { key: MessageKey };

export class UsageError extends Error {
  constructor(readonly key: MessageKey, readonly params: Record<string, UsageParam> = {}) {
    super(key);
    this.name = 'UsageError';
  }

  text(locale: Locale): string {
    const params = Object.fromEntries(Object.entries(this.params).map(([name, value]) => [name, typeof value === 'object' ? t(locale, value.key) : value]));
    return t(locale, this.key, params);
  }
}

/**
 * The --locale of a command line, read before commander parses it, so that errors in parsing the other options
 * (and the corpus line) are in the language asked for.
 */
export function localeOfArguments(argv: string[]): Locale {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    if (argv[i] === '--locale') return normalizeLocale(argv[i + 1]);
    if (argv[i].startsWith('--locale=')) return normalizeLocale(argv[i].slice('--locale='.length));
  }
  return 'zh-cn';
}

/** At most `shown` lines of a list, then “and N more”: a folder of thousands of bad files stays readable. */
export function cappedList(lines: string[], locale: Locale, shown = 5): string[] {
  if (lines.length <= shown + 1) return lines;
  return [...lines.slice(0, shown), t(locale, 'cli.and-more', { count: lines.length - shown })];
}
