// The shape of a knowledge set (the files in knowledge/), validated with zod so
// a typo in a data file fails the build with a clear message instead of
// silently weakening the bot.
import { z } from 'zod';
import { nearestName } from '../nearest-name.js';

/**
 * An object that takes only its own keys: a misspelt one (synonym: for
 * synonyms:) would otherwise be dropped without a word and its content
 * silently lost. The error names the key it was probably meant to be.
 */
function known<S extends z.ZodRawShape>(shape: S) {
  const valid = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      return issue.keys
        .map((key) => {
          const meant = nearestName(key, valid, (k) => (k.length <= 3 ? 1 : Math.max(2, Math.floor(k.length / 4))));
          return `unknown key "${key}" (${meant ? `did you mean "${meant}"?` : `the keys are ${valid.join(', ')}`})`;
        })
        .join('; ');
    },
  });
}

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
export const SiteSettings = known({
  /** The organisation's name, as visitors know it. */
  name: z.string({ error: "name is required (the organisation's name)" }).min(1),
  /** The site's origin, e.g. https://www.example.org: every source link is made absolute with it. */
  origin: z.url({ protocol: /^https?$/, error: "origin must be the site's origin, such as https://www.example.org" }).transform((u) => new URL(u).origin),
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
  urls: known({
    style: z.enum(['hugo', 'jekyll', 'plain']).default('hugo'),
    trailingSlash: z.boolean().default(true),
    prefix: z
      .string()
      .regex(/^(\/[^\s?#]*)?$/, 'prefix must be a path such as /docs')
      .default(''),
  }).default({ style: 'hugo', trailingSlash: true, prefix: '' }),
});
export type SiteSettings = z.infer<typeof SiteSettings>;

export const LinkEntry = known({
  title: z.string().min(1),
  url: z.string().min(1),
  questions: z.array(z.string().min(1)).default([]),
});
export type LinkEntry = z.infer<typeof LinkEntry>;

export const Vocabulary = known({
  aliases: z.array(z.array(z.string().min(1)).min(2)).default([]),
  synonyms: z.record(z.string(), z.array(z.string().min(1))).default({}),
});
export type Vocabulary = z.infer<typeof Vocabulary>;

export const SmallTalkIntent = known({
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

const text = z.string().min(1);

/**
 * Every fixed text the chat widget shows (visibly or to screen readers),
 * served to it by GET /api/widget/config. Each has a general default
 * (src/knowledge/defaults.ts); messages.yml `widget:` overrides single ones.
 * Placeholders: {site} and {helpdesk} (filled by the service), {email} in
 * `forwarded` (the visitor's address, filled by the widget).
 */
export const WidgetTexts = known({
  /** The question box's placeholder and accessible name. */
  ask: text,
  send: text,
  /** While waiting for a reply. */
  thinking: text,
  retry: text,
  /** No response at all: offline or the service unreachable. */
  network: text,
  /** 429 from the service. */
  busy: text,
  /** 5xx from the service. */
  server: text,
  /** Any other refusal without a message of its own. */
  failed: text,
  /** Before the thumbs on an answer. */
  helpful: text,
  /** Accessible names of the thumbs. */
  yes: text,
  no: text,
  /** Once a thumb was pressed. */
  thanks: text,
  /** The helpdesk form: its accessible name, labels and button. */
  contact: text,
  email: text,
  name: text,
  forward: text,
  /** The form's confirmation; {email} is the address left. */
  forwarded: text,
  /** The form got 400: the address (or the name) was not accepted. */
  invalid: text,
  /** The form got 409: staff already closed the question. */
  closed: text,
  /** Before the helpdesk address under the chat. */
  mail: text,
  /** Accessible names: launcher, close button, the log, the sources list, the suggestion chips. */
  open: text,
  close: text,
  clear: text,
  log: text,
  sources: text,
  suggestions: text,
  /** Accessible name of the list of quotes offered when the bot is not sure which one answers. */
  choices: text,
  /** The button under each offered quote that picks it (its quote is its description). */
  choose: text,
  /** The button under the offered quotes that picks none of them and asks the team. */
  none: text,
});
export type WidgetTexts = z.infer<typeof WidgetTexts>;

/**
 * Fixed texts around the quotes, each with a general default (src/knowledge/
 * defaults.ts): a site overrides any of them in messages.yml. Placeholders:
 * {helpdesk} the helpdesk address, {site} the organisation's name, {title}
 * and {url} a linked page. `widget:` holds the chat widget's texts (any
 * subset; the build fills in the defaults).
 */
export const Messages = known({
  escalated: text,
  /** Said before a short choice of quotes when the bot is not sure which one answers. */
  choices: text,
  /** Said before the other quotes offered after a visitor's thumbs-down on an answer ("not this one"). */
  instead: text,
  link: text,
  staffAnswer: text,
  helpdeskTitle: text,
  helpdeskUrl: text,
  widget: WidgetTexts.partial().optional(),
});
export type Messages = z.infer<typeof Messages>;

export const AltQuestions = known({
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
