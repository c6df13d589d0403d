/**
 * Per-document settings as plain data. The server reads `lexcite.*` configuration and passes it in; the core
 * never reads configuration itself.
 */
import type { Level } from './checks/diagnosticCodes';
import { DEFAULT_MAX_CITATIONS, DEFAULT_MAX_PAPER_SIZE } from './paper/limits';
import { Locale, normalizeLocale } from './text/messages';
import { HouseStyle, houseStyle } from './text/styles';
import { todayIso } from './corpus/versions';

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
  /** Bibliography files or globs (read by the server, not the core: their works join the corpus). */
  bibliography?: string[];
  maxPaperSize?: number;
  maxCitations?: number;
}

const LEVELS = new Set(['ignore', 'hint', 'warning', 'error']);

export function resolveSettings(raw: RawSettings | undefined, locale?: string): LexciteSettings {
  // Codes come from the user's settings: a null-prototype table, so that __proto__ or constructor are plain keys.
  const levels: Partial<Record<string, Level>> = Object.create(null);
  const diagnostics = raw?.diagnostics !== null && typeof raw?.diagnostics === 'object' ? raw.diagnostics : {};
  for (const [code, level] of Object.entries(diagnostics)) if (LEVELS.has(level)) levels[code] = level as Level;
  const numerals = raw?.articleNumerals === 'arabic' || raw?.articleNumerals === 'chinese' ? raw.articleNumerals : 'style';
  const paperDate = isIsoDate(raw?.paperDate) ? raw.paperDate : todayIso();
  return {
    style: houseStyle(typeof raw?.style === 'string' ? raw.style : undefined), articleNumerals: numerals, levels, pinyin: raw?.pinyin !== false, locale: normalizeLocale(locale), paperDate,
    maxPaperSize: limit(raw?.maxPaperSize, DEFAULT_MAX_PAPER_SIZE), maxCitations: limit(raw?.maxCitations, DEFAULT_MAX_CITATIONS),
  };
}

/** A real calendar date written YYYY-MM-DD (2025-02-28, not 2025-02-30). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
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
