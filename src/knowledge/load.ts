// Reads a knowledge/ directory from disk (build time and the Node entry only;
// the Worker gets the prebuilt index instead).
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  AltQuestions, LinkEntry, Messages, PageFrontMatter, SmallTalkIntent, Vocabulary,
  type KnowledgeSource, type SourcePage,
} from './schema.js';

function yamlFile<T extends z.ZodType>(dir: string, name: string, schema: T, fallback: unknown): z.infer<T> {
  const path = join(dir, name);
  if (!existsSync(path)) return schema.parse(fallback);
  const result = schema.safeParse(parseYaml(readFileSync(path, 'utf8')) ?? fallback);
  if (!result.success) throw new Error(`${path}: ${z.prettifyError(result.error)}`);
  return result.data;
}

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(dir, f))
    .sort();
}

export function loadKnowledge(dir: string): KnowledgeSource {
  const pages: SourcePage[] = markdownFiles(join(dir, 'pages')).map((path) => {
    const { data, content } = matter(readFileSync(path, 'utf8'));
    const front = PageFrontMatter.safeParse(data);
    if (!front.success) throw new Error(`${path}: front matter needs title and url: ${z.prettifyError(front.error)}`);
    return { file: relative(dir, path), ...front.data, markdown: content };
  });
  if (pages.length === 0) throw new Error(`${dir}: no pages/*.md found`);
  return {
    pages,
    links: yamlFile(dir, 'links.yml', z.array(LinkEntry), []),
    vocabulary: yamlFile(dir, 'vocabulary.yml', Vocabulary, {}),
    smalltalk: yamlFile(dir, 'smalltalk.yml', z.array(SmallTalkIntent), []),
    messages: yamlFile(dir, 'messages.yml', Messages, undefined),
    questions: yamlFile(dir, 'questions.yml', z.array(AltQuestions), []),
  };
}

/** Newest modification time of anything in the knowledge directory (ms). */
export { knowledgeMtime } from './mtime.js';
