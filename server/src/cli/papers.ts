/**
 * Reading the papers to check: from files or standard input (`-`), as UTF-8 (a BOM is dropped) or as UTF-16
 * with a BOM. Anything else — GBK, UTF-16 without a BOM, a binary — is refused: checking mojibake would find
 * no citation and report the paper clean.
 */
import * as fs from 'fs';
import { UsageError } from './usage';
import type { MessageKey } from '../core';

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF16LE = new TextDecoder('utf-16le', { fatal: true });
const UTF16BE = new TextDecoder('utf-16be', { fatal: true });

/** The text of a paper's bytes, or undefined when they are not text in an encoding LexCite reads. */
export function decodePaper(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = UTF16LE.decode(bytes.subarray(2));
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = UTF16BE.decode(bytes.subarray(2));
    else text = UTF8.decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return undefined;
  }
  return looksLikeUtf16(bytes) ? undefined : text;
}

/**
 * Valid UTF-8 in which every other byte is NUL is UTF-16 without its BOM (or a binary): a stray NUL in a text
 * does not make it one.
 */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let nul = 0;
  for (const byte of sample) if (byte === 0) nul++;
  return sample.length > 0 && nul / sample.length > 0.2;
}

/** Why a file cannot be read, in words for the common cases (the message key), else the system's code. */
function readFailure(error: NodeJS.ErrnoException): { key: MessageKey } | string {
  const key = error.code ? READ_FAILURES.get(error.code) : undefined;
  return key ? { key } : error.code ?? error.message;
}

const READ_FAILURES = new Map<string, MessageKey>([['ENOENT', 'cli.reason.ENOENT'], ['EACCES', 'cli.reason.EACCES'], ['EISDIR', 'cli.reason.EISDIR']]);

async function readStream(input: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Every paper's text, in order; `-` is standard input. Stops at the first that cannot be read or decoded. */
export async function readPapers(files: string[], input: NodeJS.ReadableStream, stdinName: string): Promise<string[]> {
  const texts: string[] = [];
  for (const file of files) {
    const name = file === '-' ? stdinName : file;
    let bytes: Buffer;
    try {
      bytes = file === '-' ? await readStream(input) : fs.readFileSync(file);
    } catch (error) {
      throw new UsageError('cli.cannot-read', { file: name, reason: readFailure(error as NodeJS.ErrnoException) });
    }
    const text = decodePaper(bytes);
    if (text === undefined) throw new UsageError('cli.paper-not-utf8', { file: name });
    texts.push(text);
  }
  return texts;
}
