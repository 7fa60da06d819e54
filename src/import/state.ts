// The record of the last import, kept in knowledge/.import/state.json: where
// each page came from, its HTTP validators, a hash of its file and its
// sentences as ingested, so the next import can ask "changed since?" and
// report what the bot can no longer quote.
//
// The file is read as untrusted input (it is committed, and anyone with
// write access to the repository can edit it): the import deletes the files
// it names, so every one must be a page file under pages/.
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';

export const STATE_VERSION = 1;

/** A bad state file: said in one line, with what to do. */
export class StateError extends Error {
  override name = 'StateError';
}

/**
 * A page file the import may write or delete: "pages/…", forward slashes,
 * no empty, "." or ".." segment, no backslash or NUL, markdown.
 */
export function isPageFile(file: string): boolean {
  const segments = file.split('/');
  return (
    segments[0] === 'pages' &&
    segments.length > 1 &&
    segments.every((s) => s !== '' && s !== '.' && s !== '..') &&
    !/[\\\0]/.test(file) &&
    /\.(md|markdown)$/i.test(file)
  );
}

const PageFile = z.string().refine(isPageFile, { message: 'must be a markdown file under pages/ (no "..", no absolute path)' });

const PageRecordSchema = z.object({
  /** The import source (command-line argument) the page came from. */
  source: z.string(),
  /** Where the page was read: a file of a content folder, or the URL requested. */
  from: z.string(),
  /** The page file, relative to the knowledge directory ("pages/omaspecworks/about.md"). */
  file: PageFile,
  /** The page's address on the site, as the knowledge loader gives it. */
  url: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** sha256 (hex) of the page file's bytes. */
  sha256: z.string(),
  /** The page's sentences as ingested, in reading order: what the bot can quote. */
  sentences: z.array(z.string()),
});

/** A page an import removed: anything still citing it is orphaned until fixed. */
const GonePageSchema = z.object({ url: z.string(), file: z.string(), removedAt: z.string() });

const ImportStateSchema = z.object({
  version: z.literal(STATE_VERSION),
  importedAt: z.string(),
  sources: z.array(z.string()),
  pages: z.array(PageRecordSchema),
  gone: z.array(GonePageSchema),
});

export type PageRecord = z.infer<typeof PageRecordSchema>;
export type GonePage = z.infer<typeof GonePageSchema>;
export type ImportState = z.infer<typeof ImportStateSchema>;

export const statePath = (knowledgeDir: string) => join(knowledgeDir, '.import', 'state.json');

const issues = (error: z.ZodError) =>
  error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`)
    .join('; ');

export function readState(knowledgeDir: string): ImportState | undefined {
  const path = statePath(knowledgeDir);
  if (!existsSync(path)) return undefined;
  const afresh = 'fix it, or delete it to start afresh (the next import then takes every page as added)';
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new StateError(`${path} is not valid JSON (${(err as Error).message}); ${afresh}`);
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (version !== STATE_VERSION) throw new StateError(`${path}: state version ${String(version)} is not ${STATE_VERSION}; ${afresh}`);
  const state = ImportStateSchema.safeParse(data);
  if (!state.success) throw new StateError(`${path} is not an import record: ${issues(state.error)}; ${afresh}`);
  return state.data;
}

/**
 * The absolute path of a page file, checked to lie inside the knowledge
 * directory's pages/ folder: as written ("pages/../../x" is not), and once
 * symbolic links are followed (a linked folder under pages/ may point
 * anywhere; a page file that is itself a link is refused, as writing it
 * would write its target). Throws otherwise; nothing outside pages/ is ever
 * written or deleted.
 */
export function pageFilePath(knowledgeDir: string, file: string): string {
  const pages = resolve(knowledgeDir, 'pages');
  const path = resolve(knowledgeDir, file);
  const inside = (root: string, p: string) => {
    const rel = relative(root, p);
    return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
  };
  if (!isPageFile(file) || !inside(pages, path)) throw new Error(`${file} is not a page file under pages/`);
  if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) throw new Error(`${file} is a symbolic link`);
  // The nearest folder that exists, with links followed.
  let dir = dirname(path);
  while (!existsSync(dir) && dir !== pages) dir = dirname(dir);
  if (existsSync(pages) && existsSync(dir)) {
    const realPages = realpathSync(pages);
    const realDir = realpathSync(dir);
    if (realDir !== realPages && !inside(realPages, realDir)) throw new Error(`${file} lies outside pages/ (through a symbolic link)`);
  }
  return path;
}

export function writeState(knowledgeDir: string, state: ImportState): void {
  const path = statePath(knowledgeDir);
  mkdirSync(dirname(path), { recursive: true });
  // Written aside and renamed, so an interrupted import never leaves half a state.
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}
