/**
 * Citations that point back (该法第二十三条, 本法第二十七条, 该条第二款) are checked like the citation they point
 * to: the article, 款 and 项 must exist in the work cited before, in the version that citation means. A whole-paper
 * check, because the work may be cited in an earlier paragraph. Where the work is not near and alone, a finding is
 * only a hint.
 */
import { checkWorkReferences } from './citations';
import { CheckContext, Finding, inScope } from './context';
import { continuedReference } from '../paper/references';
import { t } from '../text/messages';

export function checkAnaphora(context: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const { paper } = context;
  for (const anaphor of inScope(context, paper.parsed.anaphora)) {
    const antecedent = paper.scope.antecedentOf(anaphor);
    // A foreign act is outside the index: nothing to check.
    if (!antecedent || antecedent.title.jurisdiction?.foreign) continue;
    const references = antecedent.reference ? anaphor.references.map((r) => continuedReference(antecedent.reference!, r)) : anaphor.references;
    const note = t(context.locale, 'anaphor.refers-to', { word: anaphor.word, title: antecedent.title.title });
    checkWorkReferences(context, antecedent.title, references, { note, uncertain: !antecedent.certain }, findings);
  }
  return findings;
}
