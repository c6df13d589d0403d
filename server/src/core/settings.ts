/**
 * Per-document settings as plain data. The server reads `lexcite.*` configuration and passes it in; the core
 * never reads configuration itself.
 */
import type { Level } from './diagnostics';
import { Locale, normalizeLocale } from './messages';
import { HouseStyle, houseStyle } from './styles';

export interface LexciteSettings {
  style: HouseStyle;
  /** Overrides the style's article numerals for completions and fixes. */
  articleNumerals: 'style' | 'arabic' | 'chinese';
  levels: Partial<Record<string, Level>>;
  pinyin: boolean;
  locale: Locale;
}

export interface RawSettings {
  style?: string;
  articleNumerals?: string;
  diagnostics?: Record<string, string>;
  pinyin?: boolean;
}

const LEVELS = new Set(['ignore', 'hint', 'warning', 'error']);

export function resolveSettings(raw: RawSettings | undefined, locale?: string): LexciteSettings {
  const levels: Partial<Record<string, Level>> = {};
  for (const [code, level] of Object.entries(raw?.diagnostics ?? {})) if (LEVELS.has(level)) levels[code] = level as Level;
  const numerals = raw?.articleNumerals === 'arabic' || raw?.articleNumerals === 'chinese' ? raw.articleNumerals : 'style';
  return { style: houseStyle(raw?.style), articleNumerals: numerals, levels, pinyin: raw?.pinyin !== false, locale: normalizeLocale(locale) };
}

export const DEFAULT_SETTINGS: LexciteSettings = resolveSettings(undefined);

/** The numerals completions and fixes write: the explicit setting, else the style's. */
export function effectiveNumerals(settings: LexciteSettings): 'arabic' | 'chinese' {
  return settings.articleNumerals === 'style' ? settings.style.articleNumerals : settings.articleNumerals;
}
