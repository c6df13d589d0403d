/**
 * The workspace's Markdown papers for find-references: open documents as edited, the rest read from disk
 * (cached by mtime and size). Anything found in a folder is untrusted: only regular files (after resolving
 * links) no larger than the paper size limit are read, and they are opened without blocking, so a FIFO or a
 * link to /dev/zero named `notes.md` is skipped instead of hanging the server or filling its memory. The walk
 * is bounded (node/folderWalk.ts).
 */
import * as fs from 'fs';
import { pathToFileURL } from 'url';
import { DEFAULT_MAX_PAPER_SIZE } from '../core';
import { filesUnder } from '../node/folderWalk';
import type { PaperDocument } from '../core';

const MAX_WORKSPACE_FILES = 2000;
const MAX_DEPTH = 12;
/** Folders looked into per walk, so a tree of empty folders costs bounded time too. */
const MAX_FOLDERS = 5000;
const MARKDOWN = /\.(md|markdown)$/i;

const fileCache = new Map<string, { mtimeMs: number; size: number; document: PaperDocument }>();

/**
 * `maxPaperSize` is in UTF-16 code units (lexcite.maxPaperSize; 0 turns the paper limit off, but a file nobody
 * opened is still read only up to the default limit); a code unit takes at most 3 bytes in UTF-8.
 */
export function* workspacePapers(openDocuments: Iterable<PaperDocument>, roots: string[], maxPaperSize: number): Generator<PaperDocument> {
  const open = new Set<string>();
  for (const document of openDocuments) {
    open.add(document.uri);
    yield document;
  }
  const maxBytes = 3 * (maxPaperSize > 0 ? maxPaperSize : DEFAULT_MAX_PAPER_SIZE);
  const seen = new Set<string>();
  for (const file of markdownFiles(roots)) {
    const uri = pathToFileURL(file).toString();
    if (open.has(uri)) continue;
    const document = readPaper(file, uri, maxBytes);
    if (!document) continue;
    seen.add(file);
    yield document;
  }
  // Forget files that are gone or no longer qualify, so the cache does not outgrow the workspace.
  for (const file of fileCache.keys()) if (!seen.has(file)) fileCache.delete(file);
}

/** The paper in a regular file of at most maxBytes, or undefined; never blocks on a FIFO or a device. */
export function readPaper(file: string, uri: string, maxBytes: number): PaperDocument | undefined {
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    // fstat the opened file itself, so a file swapped after the walk is judged as what is actually read.
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) {
      fileCache.delete(file);
      return undefined;
    }
    const cached = fileCache.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.document;
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < buffer.length) {
      const n = fs.readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    const text = buffer.toString('utf8', 0, read);
    const document: PaperDocument = { uri, version: stat.mtimeMs, getText: () => text };
    fileCache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, document });
    return document;
  } catch {
    // A file that vanished or cannot be read simply has no references.
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Markdown file paths under the roots (node/folderWalk.ts bounds the walk). */
export function markdownFiles(roots: string[]): string[] {
  return filesUnder(roots, (relative) => MARKDOWN.test(relative), { maxDepth: MAX_DEPTH, maxFiles: MAX_WORKSPACE_FILES, maxFolders: MAX_FOLDERS });
}
