/**
 * The server's bibliographies (lexcite.bibliography): loaded when the setting changes and again when one of
 * their files changes on disk (Better BibTeX's automatic export, a saved .bib), so the completion and checks
 * follow the user's library without a restart. Loading is a read and a parse of files of a few MB at most.
 */
import * as fs from 'fs';
import type { BibRecord, LiteratureProblem } from '../core';
import { bibliographyFingerprint, foldersToWatch, loadBibliographies } from '../node/bibliography';

/** Editors and exporters write a file in several steps: wait for the last before reading. */
const SETTLE_MS = 300;

export class BibliographyWatch {
  records: BibRecord[] = [];
  private patterns: string[] = [];
  private base = '';
  private fingerprint = '';
  private watchers: fs.FSWatcher[] = [];
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param changed called after the records changed (a new corpus is due)
   * @param problems called with what could not be read, each time a load finds any
   */
  constructor(private readonly changed: () => void, private readonly problems: (problems: LiteratureProblem[], records: number, files: number) => void) {}

  /** Loads the patterns when they differ from the last ones; true when the records changed. */
  configure(patterns: string[], base: string): boolean {
    if (patterns.join('\n') === this.patterns.join('\n') && base === this.base) return false;
    this.patterns = patterns;
    this.base = base;
    return this.load();
  }

  private load(): boolean {
    const fingerprint = bibliographyFingerprint(this.patterns, this.base);
    const loaded = loadBibliographies(this.patterns, this.base);
    this.fingerprint = fingerprint;
    this.watch(foldersToWatch(this.patterns, this.base, loaded.files));
    if (loaded.problems.length > 0 || loaded.files.length > 0) this.problems(loaded.problems, loaded.records.length, loaded.files.length);
    const changed = loaded.records.length > 0 || this.records.length > 0;
    this.records = loaded.records;
    return changed;
  }

  private watch(folders: string[]): void {
    this.closeWatchers();
    for (const folder of folders) {
      try {
        const watcher = fs.watch(folder, { persistent: false }, () => this.schedule());
        watcher.on('error', () => watcher.close());
        this.watchers.push(watcher);
      } catch {
        // A folder that does not exist (yet): the setting's next change looks again.
      }
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (bibliographyFingerprint(this.patterns, this.base) === this.fingerprint) return;
      if (this.load()) this.changed();
    }, SETTLE_MS);
  }

  private closeWatchers(): void {
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.closeWatchers();
  }
}
