/**
 * Case numbers (案号) are checked for their shape only — LexCite holds no judgments:
 *   casenumber.placeholder  （2022）沪01民终XXX号, （20××）…, 12345, 0001: certainly not a real number (a warning)
 *   casenumber.malformed    a zero-padded number, a court code with one or three digits, a year after the paper's
 *                           date or before 1949 (warnings: the rules leave no doubt); a court code or case-type code
 *                           the tables do not know (hints: the tables may lack a rare one)
 */
import { CaseNumber, CaseNumberProblem } from '../paper/caseNumbers';
import { t } from '../text/messages';
import { CheckContext, Finding, inScope } from './context';

const CERTAINTY: CaseNumberProblem['kind'][] = ['placeholder', 'year-implausible', 'leading-zero', 'court-digits', 'court-unknown', 'type-unknown'];

export function checkCaseNumbers(context: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const paperYear = Number(context.paper.scope.date.slice(0, 4));
  for (const number of inScope(context, context.paper.parsed.caseNumbers)) {
    const future = /^[0-9]{4}$/.test(number.year) && Number(number.year) > paperYear;
    const problems = future ? [{ kind: 'year-implausible' } as const, ...number.problems] : [...number.problems];
    // The most certain problem speaks for the number: a hint only when nothing certain is wrong.
    const first = problems.sort((a, b) => CERTAINTY.indexOf(a.kind) - CERTAINTY.indexOf(b.kind))[0];
    if (!first) continue;
    findings.push(finding(context, number, first, future));
  }
  return findings;
}

function finding(context: CheckContext, number: CaseNumber, problem: CaseNumberProblem, future: boolean): Finding {
  const { locale } = context;
  const range = { start: number.start, end: number.end };
  const written = number.text;
  switch (problem.kind) {
    case 'placeholder': {
      const value = problem.part === 'year' ? number.year : problem.part === 'court' ? number.court : number.sequence;
      return { code: 'casenumber.placeholder', ...range, message: t(locale, 'casenumber.placeholder', { written, part: t(locale, `casenumber.part.${problem.part}`), value }) };
    }
    case 'leading-zero':
      return { code: 'casenumber.malformed', ...range, message: t(locale, 'casenumber.leading-zero', { written, sequence: number.sequence }) };
    case 'court-digits':
      return { code: 'casenumber.malformed', ...range, message: t(locale, 'casenumber.court-digits', { written, court: number.court }) };
    case 'year-implausible':
      return future
        ? { code: 'casenumber.malformed', ...range, message: t(locale, 'casenumber.year-future', { written, year: number.year, date: context.paper.scope.date }) }
        : { code: 'casenumber.malformed', ...range, message: t(locale, 'casenumber.year-implausible', { written, year: number.year }) };
    case 'court-unknown':
      return { code: 'casenumber.malformed', ...range, uncertain: true, message: t(locale, 'casenumber.court-unknown', { written, court: number.court }) };
    case 'type-unknown':
      return { code: 'casenumber.malformed', ...range, uncertain: true, message: t(locale, 'casenumber.type-unknown', { written, type: number.caseType }) };
  }
}
