/**
 * Per-document settings as plain data. The server reads `lexcite.*` configuration and passes it in; the core
 * never reads configuration itself.
 */
import type { Level } from './diagnosticCodes';
import { DEFAULT_MAX_CITATIONS, DEFAULT_MAX_PAPER_SIZE } from './limits';
import { Locale, normalizeLocale } from './messages';
import { HouseStyle, houseStyle } from './styles';
import { todayIso } from './versions';

export interface LexciteSettings {
  style: HouseStyle;
  /** Overrides the style's article numerals for completions and fixes. */
  articleNumerals: 'style' | 'arabic' | 'chinese';
  levels: Partial<Record<string, Level>>;
  pinyin: boolean;
  locale: Locale;
  /** ISO date assumed for papers without `date:` front matter: which statute version an untagged citation means. */
  paperDate: string;
  /** Characters (UTF-16 code units) of a paper that are checked; 0 for no limit. See limits.ts. */
  maxPaperSize: number;
  /** Citations of a paper that are checked; 0 for no limit. */
  maxCitations: number;
}

export interface RawSettings {
  style?: string;
  articleNumerals?: string;
  diagnostics?: Record<string, string>;
  pinyin?: boolean;
  paperDate?: string;
  corpora?: string[];
  maxPaperSize?: number;
  maxCitations?: number;
}

const LEVELS = new Set(['ignore', 'hint', 'warning', 'error']);

export function resolveSettings(raw: RawSettings | undefined, locale?: string): LexciteSettings {
  const levels: Partial<Record<string, Level>> = {};
  for (const [code, level] of Object.entries(raw?.diagnostics ?? {})) if (LEVELS.has(level)) levels[code] = level as Level;
  const numerals = raw?.articleNumerals === 'arabic' || raw?.articleNumerals === 'chinese' ? raw.articleNumerals : 'style';
  const paperDate = raw?.paperDate && /^\d{4}-\d{2}-\d{2}$/.test(raw.paperDate) ? raw.paperDate : todayIso();
  return {
    style: houseStyle(raw?.style), articleNumerals: numerals, levels, pinyin: raw?.pinyin !== false, locale: normalizeLocale(locale), paperDate,
    maxPaperSize: limit(raw?.maxPaperSize, DEFAULT_MAX_PAPER_SIZE), maxCitations: limit(raw?.maxCitations, DEFAULT_MAX_CITATIONS),
  };
}

/** A limit as configured: a whole number ≥ 0 (0: none); anything else means the default. */
function limit(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : fallback;
}

export const DEFAULT_SETTINGS: LexciteSettings = resolveSettings(undefined);

/** The numerals completions and fixes write: the explicit setting, else the style's. */
export function effectiveNumerals(settings: LexciteSettings): 'arabic' | 'chinese' {
  return settings.articleNumerals === 'style' ? settings.style.articleNumerals : settings.articleNumerals;
}
