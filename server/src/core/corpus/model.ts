/**
 * The corpus data model: what `data/*.json` holds and what statute imports produce.
 * Plain data only, so it can be serialised, cached and sent to other processes unchanged.
 */

export const SCHEMA_VERSION = 1;

export type DocumentKind =
  | 'national-policy'   // 国务院 and central-government policy documents (意见)
  | 'local-measure'     // local government opinions and measures
  | 'notice'            // 通知
  | 'news'
  | 'commentary'        // 专家解读
  | 'event-report'      // 教研活动
  | 'paper'             // full journal papers
  | 'essay'             // companion essays and newspaper articles
  | 'report'            // research reports
  | 'statute';          // laws, regulations, rules and interpretations imported from a statute collection

export type UnitKind =
  | 'part'        // 一、
  | 'item'        // （一）
  | 'point'       // 1.
  | 'paragraph'   // an unnumbered paragraph of a notice or article
  | 'annex'       // 附件 entries
  | 'heading'     // an unnumbered heading of a paper, article or report
  | 'caption'     // a photo caption or similar short line between paragraphs
  | 'division'    // 编/分编/章/节 of a statute
  | 'article'     // 第N条 (or 第N条之M)
  | 'clause'      // 款: a paragraph of an article
  | 'subitem'     // 项 inside a 款: （一）
  | 'target';     // 目 inside a 项: 1.

export interface SourceLocation {
  /** File name relative to `data/sources/` (bulletin) or absolute path (user statute folders). */
  file: string;
  /** 1-based inclusive line range. */
  lines: [number, number];
}

export interface Provision {
  kind: UnitKind;
  /** Numeric value of the marker (5 for （五）); absent for unnumbered units. */
  number?: number;
  /** 之一 → 1 for inserted articles. */
  sub?: number;
  /** The marker as printed: 二、 （五） 3. 第十三条 第十三条之一; empty for paragraphs. */
  label: string;
  /** A short caption: the heading text, or the first sentence when it names the provision. */
  caption?: string;
  /** The unit's own text (label excluded), hard wraps and page artefacts removed. Children have their own. */
  text: string;
  /** Index of the parent provision in the document's list, or -1 for top level. */
  parent: number;
  lines: [number, number];
}

export interface Author {
  name: string;
  affiliation?: string;
}

export type AliasKind = 'without-prc' | 'without-issuer' | 'short-name' | 'nickname' | 'file-name';

export interface Alias {
  text: string;
  kind: AliasKind;
  /** Where the source defines or uses the alias. */
  definedAt?: SourceLocation;
  pinyin?: Pinyin;
}

export interface Pinyin {
  /** Space-separated full pinyin without tones: "xia men shi …". */
  full: string;
  /** Initials: "xmscjsjcy…". */
  initials: string;
}

export interface FootnoteMarker {
  n: number;
  /** Index of the provision (paragraph or heading) containing the marker. */
  provision: number;
  line: number;
}

export interface CorpusDocument {
  id: string;
  title: string;
  kind: DocumentKind;
  issuers: string[];
  /** Canonical 文号; for a document issued by a notice, the notice's 文号. */
  docNumber?: string;
  /** ISO date (YYYY-MM-DD) of issue or publication. */
  date?: string;
  /** 原载: where the bulletin took the text from. */
  source?: string;
  /** Column label of the bulletin (地方动态, 专家解读, 讲座回顾). */
  column?: string;
  authors: Author[];
  /** Id of the notice that issued this document. */
  issuedBy?: string;
  /** Ids of documents issued by (attached to) this one. */
  attachments: string[];
  /** Id of the bibliographic record for papers. */
  bibliography?: string;
  location: SourceLocation;
  provisions: Provision[];
  aliases: Alias[];
  pinyin: Pinyin;
  footnoteMarkers: FootnoteMarker[];
  /** Footnote texts, where the source keeps them (the CAICT report). */
  notes: { n: number; text: string }[];
  /** True for pieces the source prints without a title; `title` is then their opening words. */
  untitled?: boolean;
  /** A reprinted paper's note on where the full text appeared (此处删除了原文脚注，全文请参见…). */
  reprintNote?: string;
  /** 主送: the addressees of a notice or opinion. */
  addressees?: string;
  /** Statute versions: the date a version was promulgated or amended. */
  versionDate?: string;
  /** Statute versions: the date it took effect, when the collection says. */
  effectiveDate?: string;
  /** Statute versions: status from the collection (现行有效, 已废止, …). */
  status?: string;
  /** Statute versions: the version tag (2013年修正) when one can be derived. */
  versionLabel?: string;
  /** Statutes of the national statute book: the official database id (国家法律法规数据库), one per version. */
  officialId?: string;
  /** Statutes of the national statute book: the collection's group (法律, 行政法规, 司法解释, 修正案, …). */
  group?: string;
  /** Titles the text says it repeals on taking effect (…《中华人民共和国合同法》…同时废止), as written; may name an earlier text of its own title (1950年…《工会法》). */
  repeals?: string[];
  /** How many provisions the document has, set by loaders that keep provisions on disk until first used. */
  provisionCount?: number;
}

export interface BibRecord {
  id: string;
  title: string;
  authors: string[];
  journal: string;
  year: number;
  issue?: number;
  volume?: number;
  /** The research area heading of 研究动态 the summary sits under. */
  category?: string;
  summary: string;
  /** Id of the full text when the bulletin reprints it. */
  fullText?: string;
  location: SourceLocation;
  pinyin: Pinyin;
  /** Records of the user's bibliographies (lexcite.bibliography) say what work they are; the bulletin's are journal papers. */
  work?: LiteratureWork;
}

/** What a record of the user's bibliography adds: enough to write its footnote in the house style. */
export interface LiteratureWork {
  type: 'article' | 'book' | 'chapter' | 'thesis' | 'other';
  /** The citation key pandoc's [@key] uses (the BibTeX key, the CSL-JSON id or citation-key). */
  key: string;
  /** [美] written before a translated work's authors. */
  nationality?: string;
  translators: string[];
  /** 主编 of the collection (集刊, 文集) a chapter appears in. */
  editors: string[];
  /** The collection a chapter appears in, and its 辑 or volume as written. */
  container?: string;
  containerVolume?: string;
  publisher?: string;
  /** 版次 of a book: 6 or 第6版. */
  edition?: string;
  /** Pages as recorded (3-20), for the hover; a footnote cites its own page. */
  pages?: string;
}

export type CitedKind = 'law' | 'regulation' | 'policy' | 'foreign-law' | 'journal' | 'report' | 'standard' | 'book' | 'other';

export interface CitationSite {
  file: string;
  line: number;
  /** Id of the corpus document (or bibliographic record) in which the citation occurs. */
  in?: string;
  /** The title exactly as written there. */
  written: string;
  /** Jurisdiction word in front of the title (欧盟, 美国, 韩国 …), when any. */
  jurisdiction?: string;
}

export interface CitedInstrument {
  id: string;
  title: string;
  kind: CitedKind;
  /** Jurisdictions the bulletin attaches to this title; several for homonyms such as 《个人信息保护法》. */
  jurisdictions: string[];
  variants: string[];
  aliases: Alias[];
  sites: CitationSite[];
  pinyin: Pinyin;
}

export interface CorpusFiles {
  documents: { schemaVersion: number; documents: CorpusDocument[] };
  bibliography: { schemaVersion: number; records: BibRecord[] };
  cited: { schemaVersion: number; instruments: CitedInstrument[] };
}
