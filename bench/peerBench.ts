/**
 * Side by side with VS Code's own Markdown language server (bench/peerServer.ts): both servers run at once on the
 * same generated papers (bench/papers.ts, the 200 KB and 2 MB papers of the diagnostics rows), and every measured
 * request alternates between them, so both see the same machine noise:
 * - edit → diagnostics: a one-character edit in the middle of the paper (insert, then delete: the bench's edit),
 *   then a pull of the document's diagnostics (`textDocument/diagnostic`; the peer validates links);
 * - completion in the middle of the paper: LexCite's title-prefix probe (《厦门市促), the peer's header completion
 *   after `](#`, both paragraphs put in the middle of the same paper;
 * - edit → document symbols: the same edit, then `textDocument/documentSymbol` (the outline an editor refreshes).
 * When the peer cannot start or fails, the comparison says why instead of failing the benchmark.
 *
 *   node out/bench/peerBench.js [--quick]   (after `npm run build`) measures only this and prints the JSON
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { LineIndex } from '../server/src/core';
import { BenchServer, Position, Range, killAllServers } from './lsp';
import { makePaper } from './papers';
import { PEER_SCRIPT, PeerServer, peerName } from './peerServer';
import type { PeerComparison, PeerRow } from './results';
import { describe, freshDirectory, progress } from './serverBench';
import { summarize, timed } from './stats';
import { editPosition } from './workloads';

export interface PeerIterations {
  warmup: number;
  papers: { label: string; bytes: number; edits: number; symbols: number; completions: number }[];
}

export function peerIterations(quick: boolean): PeerIterations {
  return quick
    ? { warmup: 2, papers: [{ label: '200 KB', bytes: 200_000, edits: 10, symbols: 6, completions: 20 }, { label: '2 MB', bytes: 2_000_000, edits: 4, symbols: 4, completions: 10 }] }
    : { warmup: 6, papers: [{ label: '200 KB', bytes: 200_000, edits: 200, symbols: 100, completions: 300 }, { label: '2 MB', bytes: 2_000_000, edits: 40, symbols: 20, completions: 60 }] };
}

const REQUEST_TIMEOUT_MS = 120_000;
/** The bench's completion probe 'completion · title prefix 《厦门市促' (bench/workloads.ts). */
const LEXCITE_COMPLETION = '数据产业的地方实践，参见《厦门市促';
/** A link to a header of the same paper being typed: the peer offers the paper's headers. */
const PEER_COMPLETION = '详见[第1部分](#';
const SETTINGS_NOTE = 'VS Code\'s default settings, and markdown.validate.enabled on (off by default)';

/** One server as the measurements see it; a failure names the server. */
interface Side {
  name: string;
  open(uri: string, text: string): void;
  /** Sends the editor's change and records the text it leaves. */
  change(uri: string, range: Range, inserted: string, text: string): void;
  close(uri: string): void;
  request<R>(method: string, params: unknown): Promise<R>;
}

function side(name: string, server: BenchServer, peer?: PeerServer): Side {
  return {
    name,
    open: (uri, text) => (peer ? peer.open(uri, text) : server.open(uri, text)),
    change: (uri, range, inserted, text) => (peer ? peer.change(uri, range, inserted, text) : server.change(uri, range, inserted)),
    close: (uri) => (peer ? peer.close(uri) : server.close(uri)),
    request: async <R>(method: string, params: unknown) => {
      try {
        return await server.request<R>(method, params, REQUEST_TIMEOUT_MS);
      } catch (error) {
        throw new Error(`${name}: ${(error as Error).message}`);
      }
    },
  };
}

/** The paper with `paragraphs` put at a paragraph boundary in the middle of its body (before the footnote definitions). */
function withParagraphsInTheMiddle(paper: string, paragraphs: string[]): { text: string; ends: Position[] } {
  const bodyEnd = paper.indexOf('\n[^n0]:');
  const at = paper.indexOf('\n\n', Math.floor((bodyEnd < 0 ? paper.length : bodyEnd) / 2)) + 2;
  const inserted = paragraphs.map((p) => `${p}\n\n`).join('');
  const text = paper.slice(0, at) + inserted + paper.slice(at);
  const lines = new LineIndex(text);
  let offset = at;
  const ends = paragraphs.map((p) => {
    const end = lines.positionAt(offset + p.length);
    offset += p.length + 2;
    return end;
  });
  return { text, ends };
}

/** The two sides in a new order each iteration, so neither always runs right after the other's garbage. */
const inTurn = (sides: Side[], i: number) => (i % 2 === 0 ? sides : [...sides].reverse());

/** The bench's one-character edit at `at`, alternately inserted and deleted, for each side on its own. */
function editor(text: string, at: Position) {
  const offset = new LineIndex(text).offsetAt(at);
  const withCharacter = `${text.slice(0, offset)}的${text.slice(offset)}`;
  const inserted = new Map<Side, boolean>();
  return (s: Side, uri: string) => {
    if (inserted.get(s)) s.change(uri, { start: at, end: { line: at.line, character: at.character + 1 } }, '', text);
    else s.change(uri, { start: at, end: at }, '的', withCharacter);
    inserted.set(s, !inserted.get(s));
  };
}

/** `rounds` of `request` on each side in turn (the first `warmup` untimed); the samples by side. */
async function alternate(sides: Side[], warmup: number, rounds: number, request: (s: Side) => Promise<unknown>): Promise<Map<Side, number[]>> {
  const samples = new Map<Side, number[]>(sides.map((s) => [s, []]));
  for (let i = 0; i < warmup + rounds; i++) {
    for (const s of inTurn(sides, i)) {
      const ms = await timed(() => request(s));
      if (i >= warmup) samples.get(s)!.push(ms);
    }
  }
  return samples;
}

/** How many diagnostics, their size on the wire and the two most frequent codes: what the server found. */
function diagnosticsAnswer(report: { items: { code?: string | number }[] }): string {
  const counts = new Map<string, number>();
  for (const item of report.items) counts.set(String(item.code ?? 'no code'), (counts.get(String(item.code ?? 'no code')) ?? 0) + 1);
  const most = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([code, n]) => `${code} ×${n}`);
  return `${plural(report.items.length, 'diagnostic')} (${kb(report)}${most.length > 0 ? `; ${most.join(', ')}` : ''})`;
}

interface SymbolNode {
  children?: SymbolNode[];
}

/** Symbols and their children, all levels (LexCite: authorities and their citations; the peer: headings). */
const countSymbols = (symbols: SymbolNode[]): number => symbols.reduce((sum, symbol) => sum + 1 + countSymbols(symbol.children ?? []), 0);

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

const kb = (value: unknown) => `${(Buffer.byteLength(JSON.stringify(value ?? null)) / 1024).toFixed(0)} KB`;

async function measurePaper(lexcite: Side, peer: Side, workspace: string, paper: PeerIterations['papers'][number], warmup: number, say: (message: string) => void): Promise<PeerRow[]> {
  const sides = [lexcite, peer];
  const rows: PeerRow[] = [];
  const row = (name: string, samples: Map<Side, number[]>, answers: Map<Side, string>) =>
    rows.push({ name: `${name} · ${paper.label} paper`, lexcite: summarize(samples.get(lexcite)!), peer: summarize(samples.get(peer)!), lexciteAnswer: answers.get(lexcite)!, peerAnswer: answers.get(peer)! });

  // The paper of the diagnostics rows (bench/serverBench.ts), on disk and open in both servers.
  const text = makePaper(paper.bytes, 2);
  const file = path.join(workspace, `edited-${paper.bytes}.md`);
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  for (const s of sides) s.open(uri, text);
  const edit = editor(text, editPosition(text));
  const answers = new Map<Side, string>();
  for (const s of sides) answers.set(s, diagnosticsAnswer(await s.request<{ items: { code?: string | number }[] }>('textDocument/diagnostic', { textDocument: { uri } })));
  say(`  side by side, ${paper.label} paper: ${paper.edits} edits → diagnostics on each server`);
  row('edit → diagnostics', await alternate(sides, warmup, paper.edits, (s) => {
    edit(s, uri);
    return s.request('textDocument/diagnostic', { textDocument: { uri } });
  }), answers);

  const symbolAnswers = new Map<Side, string>();
  for (const s of sides) {
    const symbols = await s.request<SymbolNode[] | null>('textDocument/documentSymbol', { textDocument: { uri } }) ?? [];
    symbolAnswers.set(s, `${plural(countSymbols(symbols), 'symbol')}, ${symbols.length} at the top (${kb(symbols)})`);
  }
  say(`  side by side, ${paper.label} paper: ${paper.symbols} edits → document symbols on each server`);
  row('edit → document symbols', await alternate(sides, warmup, paper.symbols, (s) => {
    edit(s, uri);
    return s.request('textDocument/documentSymbol', { textDocument: { uri } });
  }), symbolAnswers);
  for (const s of sides) s.close(uri);

  const completion = withParagraphsInTheMiddle(makePaper(paper.bytes, 1), [LEXCITE_COMPLETION, PEER_COMPLETION]);
  const completionFile = path.join(workspace, `completion-${paper.bytes}.md`);
  fs.writeFileSync(completionFile, completion.text);
  const completionUri = pathToFileURL(completionFile).toString();
  for (const s of sides) s.open(completionUri, completion.text);
  const complete = (s: Side) => s.request('textDocument/completion', s === lexcite
    ? { textDocument: { uri: completionUri }, position: completion.ends[0], context: { triggerKind: 1 } }
    : { textDocument: { uri: completionUri }, position: completion.ends[1], context: { triggerKind: 2, triggerCharacter: '#' } });
  const completionAnswers = new Map<Side, string>();
  for (const s of sides) completionAnswers.set(s, describe('completion', await complete(s)).text);
  say(`  side by side, ${paper.label} paper: ${paper.completions} completions on each server`);
  row(`completion in the middle (LexCite 《厦门市促, the peer \`](#\`)`, await alternate(sides, warmup, paper.completions, complete), completionAnswers);
  for (const s of sides) s.close(completionUri);
  return rows;
}

/** Both servers on the same papers; a peer that cannot start or fails gives the reason instead of rows. `say` reports progress. */
export async function measurePeer(iterations: PeerIterations, peerScript = PEER_SCRIPT, say: (message: string) => void = progress): Promise<PeerComparison> {
  const comparison: PeerComparison = { peer: peerName(), settings: SETTINGS_NOTE, rows: [] };
  const workspace = fs.realpathSync(freshDirectory('workspace-peer'));
  let peer: PeerServer;
  try {
    peer = await PeerServer.start(workspace, peerScript);
  } catch (error) {
    return { ...comparison, unavailable: `the peer could not start: ${(error as Error).message}` };
  }
  const lexcite = new BenchServer({ workspaceFolder: workspace, pullDiagnostics: true, initializationOptions: { cacheDir: freshDirectory('cache-peer') } });
  try {
    await lexcite.start();
    for (const paper of iterations.papers) {
      (globalThis as { gc?: () => void }).gc?.(); // the bench process parses for the peer: start each paper with a clean heap
      comparison.rows.push(...await measurePaper(side('LexCite', lexcite), side(comparison.peer, peer.server, peer), workspace, paper, iterations.warmup, say));
    }
    comparison.parses = peer.parses;
    return comparison;
  } catch (error) {
    return { ...comparison, unavailable: `measuring stopped: ${(error as Error).message.slice(0, 500)}` };
  } finally {
    await Promise.all([lexcite.stop(), peer.stop()]);
  }
}

if (require.main === module) {
  measurePeer(peerIterations(process.argv.includes('--quick'))).then(
    (comparison) => {
      process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
      killAllServers();
      process.exit(comparison.unavailable ? 1 : 0);
    },
    (error: Error) => {
      process.stderr.write(`peer bench failed: ${error.stack ?? error.message}\n`);
      killAllServers();
      process.exit(2);
    },
  );
}
