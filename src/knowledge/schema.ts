// The shape of a knowledge set (the files in knowledge/), validated with zod so
// a typo in a data file fails the build with a clear message instead of
// silently weakening the bot.
import { z } from 'zod';

/**
 * A page's front matter, as a static site's content source has it: `title`
 * (required), `description`; `url` (or `slug`) when the page's address is
 * not the one its file path gives (see site.ts for the rules).
 */
export const PageFrontMatter = z.object({
  title: z.string({ error: 'title is required' }).min(1, 'title must not be empty'),
  url: z.string().min(1).optional(),
  slug: z.string().min(1).optional(),
  description: z.string().nullish(),
});

/** knowledge/site.yml: who the bot speaks for and where its pages live. */
export const SiteSettings = z.object({
  /** The organisation's name, as visitors know it. */
  name: z.string({ error: 'name is required (the organisation\'s name)' }).min(1),
  /** The site's origin, e.g. https://omaspecworks.org: every source link is made absolute with it. */
  origin: z.url({ protocol: /^https?$/, error: 'origin must be the site\'s origin, such as https://www.example.org' }).transform((u) => new URL(u).origin),
  /** Where escalated questions go. */
  helpdesk: z.email({ error: 'helpdesk must be an e-mail address' }),
  /** Chat widget title. Default "<name> help". */
  title: z.string().min(1).optional(),
  /** First message of the widget. Default: says what it answers from. */
  greeting: z.string().min(1).optional(),
  /**
   * How a page file's path becomes its address, as the site's generator does it:
   * `hugo` (a/b.md and a/b/index.md → /a/b/), `jekyll` (a/b.md → /a/b.html),
   * `plain` (a/b.md → /a/b). `trailingSlash: false` drops the final slash of
   * hugo-style addresses; `prefix` is put in front of every path.
   */
  urls: z.object({
    style: z.enum(['hugo', 'jekyll', 'plain']).default('hugo'),
    trailingSlash: z.boolean().default(true),
    prefix: z.string().regex(/^(\/[^\s?#]*)?$/, 'prefix must be a path such as /docs').default(''),
  }).strict().default({ style: 'hugo', trailingSlash: true, prefix: '' }),
}).strict();
export type SiteSettings = z.infer<typeof SiteSettings>;

export const LinkEntry = z.object({
  title: z.string().min(1),
  url: z.string().min(1),
  questions: z.array(z.string().min(1)).default([]),
});
export type LinkEntry = z.infer<typeof LinkEntry>;

export const Vocabulary = z.object({
  aliases: z.array(z.array(z.string().min(1)).min(2)).default([]),
  synonyms: z.record(z.string(), z.array(z.string().min(1))).default({}),
});
export type Vocabulary = z.infer<typeof Vocabulary>;

export const SmallTalkIntent = z.object({
  intent: z.string().min(1),
  phrases: z.array(z.string().min(1)).min(1),
  reply: z.string().min(1),
  offerEscalation: z.boolean().default(false),
  /** Questions offered as chips with the reply (e.g. after a greeting). */
  suggestions: z.array(z.string().min(1)).default([]),
  /**
   * Word groups that also recognise the intent in a short message when it has
   * a word from every group ("connect me with a staff member": [staff …],
   * [connect …]). Lower-case words as written.
   */
  keywords: z.array(z.array(z.string().min(1)).min(1)).default([]),
});
export type SmallTalkIntent = z.infer<typeof SmallTalkIntent>;

/**
 * Fixed texts around the quotes, each with a general default (src/knowledge/
 * defaults.ts): a site overrides any of them in messages.yml. Placeholders:
 * {helpdesk} the helpdesk address, {site} the organisation's name, {title}
 * and {url} a linked page.
 */
export const Messages = z.object({
  escalated: z.string().min(1),
  link: z.string().min(1),
  staffAnswer: z.string().min(1),
  helpdeskTitle: z.string().min(1),
  helpdeskUrl: z.string().min(1),
}).strict();
export type Messages = z.infer<typeof Messages>;

export const AltQuestions = z.object({
  quote: z.string().min(1),
  questions: z.array(z.string().min(1)).min(1),
});
export type AltQuestions = z.infer<typeof AltQuestions>;

export interface SourcePage {
  /** Path under knowledge/. */
  file: string;
  title: string;
  /** Absolute address of the page on the site. */
  url: string;
  markdown: string;
}

/** Everything in a knowledge/ directory, parsed and validated. */
export interface KnowledgeSource {
  site: SiteSettings;
  pages: SourcePage[];
  links: LinkEntry[];
  vocabulary: Vocabulary;
  smalltalk: SmallTalkIntent[];
  messages: Messages;
  questions: AltQuestions[];
}
