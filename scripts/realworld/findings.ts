/**
 * Every warning and error the checker gives on the real published texts of ../shared/realworld-dev, with the
 * verdict a maintainer reached against the statute text (docs/realworld-verdicts.json), rendered as
 * docs/realworld-findings.md. `--check` writes nothing and fails when a finding has no verdict or when false alarms
 * pass one per hundred citations.
 *
 *   npm run realworld [-- --check] [-- --dir DIR]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parsePaper } from '../../server/src/core';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const VERDICTS_FILE = path.join(ROOT, 'docs', 'realworld-verdicts.json');
const REPORT_FILE = path.join(ROOT, 'docs', 'realworld-findings.md');

export interface Finding {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export interface Verdict {
  file: string;
  line: number;
  code: string;
  verdict: 'true' | 'false';
  why: string;
}

export interface Trial {
  files: number;
  citations: number;
  findings: { finding: Finding; verdict?: Verdict }[];
  hints: Map<string, number>;
  falseAlarms: number;
  unjudged: number;
}

/** The citations a text makes: titles of works (not journal parts) and the citations that point back. */
function citationsIn(text: string): number {
  const parsed = parsePaper(text);
  return parsed.titles.filter((t) => !t.journalRole).length + parsed.anaphora.length;
}

export function runTrial(dir: string): Trial {
  const files = fs.readdirSync(dir).filter((f) => /^\d{3}-.*\.md$/.test(f)).sort();
  const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'lexcite.js'), 'check', '--format', 'json', ...files.map((f) => path.join(dir, f))], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (cli.status !== 0 && cli.status !== 1) throw new Error(`lexcite check failed (${cli.status}): ${cli.stderr}`);
  const results = JSON.parse(cli.stdout) as { file: string; diagnostics: { range: { start: { line: number } }; severity: number; code: string; message: string }[] }[];
  const verdicts: Verdict[] = fs.existsSync(VERDICTS_FILE) ? JSON.parse(fs.readFileSync(VERDICTS_FILE, 'utf8')) : [];
  const trial: Trial = { files: files.length, citations: 0, findings: [], hints: new Map(), falseAlarms: 0, unjudged: 0 };
  for (const file of files) trial.citations += citationsIn(fs.readFileSync(path.join(dir, file), 'utf8'));
  for (const result of results) {
    const file = path.basename(result.file);
    for (const d of result.diagnostics) {
      if (d.severity > 2) {
        trial.hints.set(d.code, (trial.hints.get(d.code) ?? 0) + 1);
        continue;
      }
      const finding: Finding = { file, line: d.range.start.line + 1, severity: d.severity === 1 ? 'error' : 'warning', code: d.code, message: d.message };
      const verdict = verdicts.find((v) => v.file === file && v.line === finding.line && v.code === finding.code);
      if (!verdict) trial.unjudged++;
      else if (verdict.verdict === 'false') trial.falseAlarms++;
      trial.findings.push({ finding, ...(verdict ? { verdict } : {}) });
    }
  }
  return trial;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderTrial(trial: Trial): string {
  const rate = trial.citations ? (100 * trial.falseAlarms) / trial.citations : 0;
  const lines = [
    '# The checker on real published texts',
    '',
    'Every warning and error `lexcite check` gives on the 40 real texts of `../shared/realworld-dev/` (commentary,',
    'court and regulator write-ups, published 2021–2025), each judged against the statute text. Regenerate with',
    '`npm run realworld` (the verdicts live in `docs/realworld-verdicts.json`; `npm run realworld -- --check` fails',
    'when a finding has none, or when false alarms pass one per hundred citations — `.ci/run` runs it as a test).',
    '',
    `- texts: ${trial.files}; citations (titles of works and 该法-style citations): ${trial.citations}`,
    `- warnings and errors: ${trial.findings.length}; judged false: ${trial.falseAlarms} (${rate.toFixed(2)} per 100 citations); not yet judged: ${trial.unjudged}`,
    `- hints (not alarms; shown faintly in the editor): ${[...trial.hints].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ') || 'none'}`,
    '',
    '| text | line | level | code | message | verdict | why |',
    '|---|---|---|---|---|---|---|',
    ...trial.findings.map(({ finding: f, verdict: v }) => `| ${f.file} | ${f.line} | ${f.severity} | ${f.code} | ${cell(f.message)} | ${v?.verdict ?? 'not judged'} | ${cell(v?.why ?? '')} |`),
    '',
  ];
  return lines.join('\n');
}

function main(argv: string[]): number {
  const dirAt = argv.indexOf('--dir');
  const dir = dirAt >= 0 ? argv[dirAt + 1] : path.join(ROOT, '..', 'shared', 'realworld-dev');
  if (!fs.existsSync(dir)) {
    console.error(`${dir} is missing: the real texts sit in ../shared beside the repository`);
    return 2;
  }
  const trial = runTrial(dir);
  const rendered = renderTrial(trial);
  if (argv.includes('--check')) {
    const ok = trial.unjudged === 0 && trial.falseAlarms * 100 <= trial.citations;
    console.log(`${trial.findings.length} findings on ${trial.citations} citations: ${trial.falseAlarms} false, ${trial.unjudged} not judged — ${ok ? 'ok' : 'FAILED'}`);
    return ok ? 0 : 1;
  }
  fs.writeFileSync(REPORT_FILE, rendered);
  console.log(`wrote ${path.relative(process.cwd(), REPORT_FILE)}: ${trial.findings.length} findings, ${trial.falseAlarms} false, ${trial.unjudged} not judged`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
