/**
 * Files under folders the user named (the workspace's papers, a bibliography glob): anything found there is
 * untrusted, so the walk is bounded in depth, files and folders looked into (a tree of empty folders costs
 * bounded time too), skips hidden folders and node_modules, judges a link by what it points to, and never walks
 * a folder it has already seen (a link back up the tree ends there).
 */
import * as fs from 'fs';
import * as path from 'path';

export interface WalkLimits {
  maxDepth: number;
  maxFiles: number;
  maxFolders: number;
}

/** The files under the roots for which `accept` holds, given each file's path relative to its root with / separators. */
export function filesUnder(roots: readonly string[], accept: (relative: string) => boolean, limits: WalkLimits): string[] {
  const out: string[] = [];
  const visited = new Set<string>();
  let folders = 0;
  const walk = (root: string, dir: string, depth: number) => {
    if (depth > limits.maxDepth || out.length >= limits.maxFiles || folders >= limits.maxFolders) return;
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    folders++;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (out.length >= limits.maxFiles) return;
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      let isFolder = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // Whoever opens the file checks it again (readPaper, the bibliography reader).
        try {
          const target = fs.statSync(full);
          isFolder = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue;
        }
      }
      if (isFolder) walk(root, full, depth + 1);
      else if (isFile && accept(path.relative(root, full).split(path.sep).join('/'))) out.push(full);
    }
  };
  for (const root of roots) walk(root, root, 0);
  return out;
}
