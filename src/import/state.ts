// The record of the last import, kept in knowledge/.import/state.json: where
// each page came from, its HTTP validators, a hash of its file and its
// sentences as ingested, so the next import can ask "changed since?" and
// report what the bot can no longer quote.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const STATE_VERSION = 1;

export interface PageRecord {
  /** The import source (command-line argument) the page came from. */
  source: string;
  /** Where the page was read: a file of a content folder, or the URL requested. */
  from: string;
  /** The page file, relative to the knowledge directory ("pages/omaspecworks/about.md"). */
  file: string;
  /** The page's address on the site, as the knowledge loader gives it. */
  url: string;
  etag?: string;
  lastModified?: string;
  /** sha256 (hex) of the page file's bytes. */
  sha256: string;
  /** The page's sentences as ingested, in reading order: what the bot can quote. */
  sentences: string[];
}

/** A page an import removed: anything still citing it is orphaned until fixed. */
export interface GonePage {
  url: string;
  file: string;
  removedAt: string;
}

export interface ImportState {
  version: typeof STATE_VERSION;
  importedAt: string;
  sources: string[];
  pages: PageRecord[];
  gone: GonePage[];
}

export const statePath = (knowledgeDir: string) => join(knowledgeDir, '.import', 'state.json');

export function readState(knowledgeDir: string): ImportState | undefined {
  const path = statePath(knowledgeDir);
  if (!existsSync(path)) return undefined;
  const state = JSON.parse(readFileSync(path, 'utf8')) as ImportState;
  if (state.version !== STATE_VERSION)
    throw new Error(`${path}: state version ${String(state.version)} is not ${STATE_VERSION}; delete the file to start afresh`);
  return state;
}

export function writeState(knowledgeDir: string, state: ImportState): void {
  const path = statePath(knowledgeDir);
  mkdirSync(dirname(path), { recursive: true });
  // Written aside and renamed, so an interrupted import never leaves half a state.
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}
