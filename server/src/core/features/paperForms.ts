/**
 * How a paper already writes its citations, so that what completion inserts reads like the rest of it: whether
 * its PRC statute titles keep 中华人民共和国 (most journals drop it), and whether its article numbers are written
 * 第十三条 or 第13条. Read from the parse once per version.
 */
import type { Corpus } from '../corpus/corpus';
import type { ParsedPaper } from '../paper/parser';
import { hasPrcPrefix } from '../text/normalize';

export interface PaperForms {
  /** Its PRC statute titles keep 中华人民共和国; undefined when the paper cites none either way (or as often each way). */
  titlesWithPrc?: boolean;
  /** The numerals of its article numbers (第十三条 / 第13条); undefined when it writes none (or as many of each). */
  articleNumerals?: 'arabic' | 'chinese';
}

const formsByParse = new WeakMap<ParsedPaper, { corpus: Corpus; forms: PaperForms }>();

export function paperForms(corpus: Corpus, parsed: ParsedPaper): PaperForms {
  const known = formsByParse.get(parsed);
  if (known && known.corpus === corpus) return known.forms;
  let withPrc = 0;
  let withoutPrc = 0;
  let arabic = 0;
  let chinese = 0;
  for (const title of parsed.titles) {
    if (title.journalRole || title.jurisdiction?.foreign) continue;
    if (hasPrcPrefix(title.title)) withPrc++;
    else if (corpus.lookupTitle(title.title).some((entry) => entry.type === 'document' && hasPrcPrefix(corpus.document(entry.id)?.title ?? ''))) withoutPrc++;
    for (const reference of title.references) {
      for (const step of reference.steps) {
        // Steps inherited from the reference before (第十三条第一款、第二款) were not written here.
        if (step.unit !== '条' || step.parenthesized || step.numberStart === undefined) continue;
        if (step.numerals === 'arabic') arabic++;
        else chinese++;
      }
    }
  }
  const forms: PaperForms = {
    ...(withPrc !== withoutPrc ? { titlesWithPrc: withPrc > withoutPrc } : {}),
    ...(arabic !== chinese ? { articleNumerals: arabic > chinese ? 'arabic' as const : 'chinese' as const } : {}),
  };
  formsByParse.set(parsed, { corpus, forms });
  return forms;
}
