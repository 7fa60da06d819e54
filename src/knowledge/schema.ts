// The shape of a knowledge set (the files in knowledge/), validated with zod so
// a typo in a data file fails the build with a clear message instead of
// silently weakening the bot.
import { z } from 'zod';

export const PageFrontMatter = z.object({
  title: z.string().min(1),
  url: z.string().min(1),
});

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

export const Messages = z.object({
  escalated: z.string().min(1),
  link: z.string().min(1),
  staffAnswer: z.string().min(1),
  helpdeskTitle: z.string().min(1),
  helpdeskUrl: z.string().min(1),
});
export type Messages = z.infer<typeof Messages>;

export const AltQuestions = z.object({
  quote: z.string().min(1),
  questions: z.array(z.string().min(1)).min(1),
});
export type AltQuestions = z.infer<typeof AltQuestions>;

export interface SourcePage {
  file: string;
  title: string;
  url: string;
  markdown: string;
}

/** Everything in a knowledge/ directory, parsed and validated. */
export interface KnowledgeSource {
  pages: SourcePage[];
  links: LinkEntry[];
  vocabulary: Vocabulary;
  smalltalk: SmallTalkIntent[];
  messages: Messages;
  questions: AltQuestions[];
}
