/**
 * The statute cache's folder: refused when it cannot hold a cache (a special filesystem such as /proc, a file, a
 * read-only place), cleaned of temporary files that a killed process left behind. And the default report of a
 * provision load fault, for callers that pass no listener of their own.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ProvisionFault } from '../core/statutes/provisionSource';

/** Kernel and device filesystems: writing there does nothing useful, or worse. */
const SPECIAL_ROOTS = ['/proc', '/sys', '/dev'];
// statfs magic numbers of proc, sysfs, devpts, debugfs, securityfs, cgroup, cgroup2, tracefs.
const SPECIAL_FILESYSTEMS = new Set([0x9fa0, 0x62656572, 0x1cd1, 0x64626720, 0x73636673, 0x27e0eb, 0x63677270, 0x74726163]);

const TEMPORARY = /^(?:statutes|reverse)-[0-9a-f]{16}\.v\d+\.bin\.(\d+)\.tmp$/;
const STALE_AFTER_MS = 60 * 60 * 1000;

/** Why `dir` cannot serve as the statute cache, or undefined when it can (creating it if need be). */
export function cacheDirectoryProblem(dir: string): string | undefined {
  const resolved = path.resolve(dir);
  const existing = nearestExisting(resolved);
  let real = existing;
  try {
    real = fs.realpathSync(existing);
  } catch {
    // keep the unresolved path; the checks below still apply to it
  }
  const special = SPECIAL_ROOTS.find((root) => real === root || real.startsWith(`${root}/`) || resolved === root || resolved.startsWith(`${root}/`));
  if (special) return `the statute cache folder ${resolved} is on ${special}, which cannot hold files: the cache is not used (set LEXCITE_CACHE to a writable folder)`;
  try {
    if (SPECIAL_FILESYSTEMS.has(fs.statfsSync(existing).type)) return `the statute cache folder ${resolved} is on a kernel filesystem: the cache is not used (set LEXCITE_CACHE to a writable folder)`;
  } catch {
    // statfs is not available everywhere; the write check below decides
  }
  try {
    fs.mkdirSync(resolved, { recursive: true });
    if (!fs.statSync(resolved).isDirectory()) return `the statute cache folder ${resolved} is not a folder: the cache is not used`;
    fs.accessSync(resolved, fs.constants.W_OK);
  } catch (error) {
    return `the statute cache folder ${resolved} cannot be written (${(error as Error).message}): the cache is not used`;
  }
  return undefined;
}

function nearestExisting(dir: string): string {
  let current = dir;
  while (!fs.existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

/**
 * Removes this cache's temporary files left by a process that was killed while writing: those of a process that
 * no longer runs, and any older than an hour (the process id may have been reused).
 */
export function removeStaleTemporaries(dir: string, now = Date.now()): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    if (!match) continue;
    const file = path.join(dir, name);
    try {
      const pid = Number(match[1]);
      if (pid !== process.pid && (!processRuns(pid) || now - fs.statSync(file).mtimeMs > STALE_AFTER_MS)) fs.rmSync(file, { force: true });
    } catch {
      // gone already, or not ours to remove: left alone
    }
  }
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The default listener: one line on stderr per document (stdout may be the language server's channel). */
export function reportProvisionFault(fault: ProvisionFault): void {
  process.stderr.write(`lexcite: cannot read the provisions of 《${fault.title}》 (${fault.file}): ${fault.reason}\n`);
}
