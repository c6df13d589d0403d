/** What a statute importer returns: the document, or the problems that kept it out or were repaired. */
import type { CorpusDocument } from '../corpus/model';

export interface ImportProblem {
  file: string;
  line?: number;
  kind: 'skipped' | 'repaired' | 'warning';
  message: string;
}

export interface ParsedStatute {
  document?: CorpusDocument;
  problems: ImportProblem[];
  /** The second `# ` line of one file of a code published in several files (民法典/合同编.md: 合同编). */
  codePart?: string;
}
