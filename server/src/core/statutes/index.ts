/**
 * Picks the importer for one statute file: Ansvar JSON by extension, the national statute book's Markdown by
 * its front matter, LawRefBook Markdown otherwise. Pure; never throws.
 */
import { parseAnsvarJson } from './ansvarJson';
import { ParsedStatute } from './importTypes';
import { parseStatuteMarkdown } from './markdown';
import { parseNationalLaw } from './nationalLaws';
import { isNationalLawText } from './nationalLawsHeader';

export function parseStatuteText(file: string, text: string): ParsedStatute {
  if (/\.json$/i.test(file)) return parseAnsvarJson(text, file);
  if (isNationalLawText(text)) return parseNationalLaw(text, file);
  return parseStatuteMarkdown(text, file);
}
