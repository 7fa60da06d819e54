// Reads a knowledge/ directory from disk (build time and the Node entry only;
// the Worker gets the prebuilt index instead).
//
// Required: pages/*.md (at least one page, front matter with a title) and
// site.yml (name, origin, helpdesk). Optional, with general defaults:
// messages.yml, smalltalk.yml; optional site knowledge: questions.yml,
// vocabulary.yml, links.yml. A problem is one error, on one line, naming the
// file, what is wrong and what the file must hold (the Node server prints it
// as its only line before exiting).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DEFAULT_MESSAGES, mergeSmallTalk } from './defaults.js';
import {
  AltQuestions,
  LinkEntry,
  Messages,
  PageFrontMatter,
  SiteSettings,
  SmallTalkIntent,
  Vocabulary,
  type KnowledgeSource,
  type SourcePage,
} from './schema.js';
import { absoluteUrl, pagePath } from './site.js';

export class KnowledgeError extends Error {
  override name = 'KnowledgeError';
}

/** What each file must hold, for the error when it is missing or wrong. */
export const KNOWLEDGE_FILES = {
  'site.yml': {
    required: true,
    holds:
      'the site\'s name, origin and helpdesk e-mail address, e.g. "name: Example Org", "origin: https://www.example.org", "helpdesk: help@example.org" (optional: title, greeting, urls)',
  },
  'pages/': { required: true, holds: "the site's pages as markdown files (*.md) with front matter giving at least a title" },
  'messages.yml': {
    required: false,
    holds:
      "texts around the quotes (escalated, link, staffAnswer, helpdeskTitle, helpdeskUrl) and the chat widget's texts (widget: {send, thinking, …}); defaults apply to what it leaves out",
  },
  'smalltalk.yml': { required: false, holds: 'a list of small-talk intents (intent, phrases, reply); they replace the built-in ones of the same name' },
  'questions.yml': { required: false, holds: 'alternate questions: a list of {quote, questions}' },
  'vocabulary.yml': { required: false, holds: 'site words: aliases (groups of forms) and synonyms (visitor word → page words)' },
  'links.yml': { required: false, holds: 'pages known by title and address only: a list of {title, url, questions}' },
} as const;

/** Zod's issues as one line: "origin: origin must be …; helpdesk: …". */
function issues(error: z.ZodError): string {
  const at = (path: PropertyKey[]) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
  return error.issues.map((i) => (i.path.length ? `${at(i.path)}: ${i.message}` : i.message)).join('; ');
}

function readYaml(dir: string, name: keyof typeof KNOWLEDGE_FILES): unknown {
  const path = join(dir, name);
  if (!existsSync(path)) {
    if (KNOWLEDGE_FILES[name].required) throw new KnowledgeError(`${path} is missing: it must hold ${KNOWLEDGE_FILES[name].holds}`);
    return undefined;
  }
  try {
    return parseYaml(readFileSync(path, 'utf8')) ?? undefined;
  } catch (err) {
    throw new KnowledgeError(
      `${path} is not valid YAML (${(err as Error).message.split('\n')[0]!.replace(/:$/, '')}): it must hold ${KNOWLEDGE_FILES[name].holds}`,
    );
  }
}

function yamlFile<T extends z.ZodType>(dir: string, name: keyof typeof KNOWLEDGE_FILES, schema: T, fallback: unknown): z.infer<T> {
  const read = readYaml(dir, name);
  if (read === undefined && KNOWLEDGE_FILES[name].required)
    throw new KnowledgeError(`${join(dir, name)} is empty: it must hold ${KNOWLEDGE_FILES[name].holds}`);
  const data = read ?? fallback;
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new KnowledgeError(`${join(dir, name)}: ${issues(result.error)}. It must hold ${KNOWLEDGE_FILES[name].holds}`);
  }
  return result.data;
}

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(md|markdown)$/i.test(f))
    .map((f) => join(dir, f))
    .sort();
}

/** The site settings alone (for tools that need the origin or helpdesk without the pages). */
export function loadSite(dir: string): SiteSettings {
  return yamlFile(dir, 'site.yml', SiteSettings, undefined);
}

export function loadKnowledge(dir: string): KnowledgeSource {
  if (!existsSync(dir)) throw new KnowledgeError(`${dir} does not exist: a knowledge folder holds site.yml and pages/ (see README, "Make it yours")`);
  const site = loadSite(dir);
  const pagesDir = join(dir, 'pages');
  const pages: SourcePage[] = markdownFiles(pagesDir).map((path) => {
    const { data, content } = matter(readFileSync(path, 'utf8'));
    const front = PageFrontMatter.safeParse(data);
    if (!front.success) throw new KnowledgeError(`${path}: its front matter needs a title (${issues(front.error)})`);
    const rel = relative(pagesDir, path).split(/[\\/]/).join('/');
    const url = absoluteUrl(pagePath({ path: rel, url: front.data.url, slug: front.data.slug }, site.urls), site.origin);
    return { file: relative(dir, path), title: front.data.title, url, markdown: content };
  });
  if (pages.length === 0) {
    throw new KnowledgeError(`${pagesDir}/ ${existsSync(pagesDir) ? 'has no pages' : 'is missing'}: it must hold ${KNOWLEDGE_FILES['pages/'].holds}`);
  }
  const messages = yamlFile(dir, 'messages.yml', Messages.partial(), {});
  const links = yamlFile(dir, 'links.yml', z.array(LinkEntry), []).map((l) => ({ ...l, url: absoluteUrl(l.url, site.origin) }));
  return {
    site,
    pages,
    links,
    vocabulary: yamlFile(dir, 'vocabulary.yml', Vocabulary, {}),
    smalltalk: mergeSmallTalk(yamlFile(dir, 'smalltalk.yml', z.array(SmallTalkIntent), [])),
    messages: { ...DEFAULT_MESSAGES, ...messages },
    questions: yamlFile(dir, 'questions.yml', z.array(AltQuestions), []),
  };
}

/** Newest modification time of anything in the knowledge directory (ms). */
export { knowledgeMtime } from './mtime.js';
