// Small talk: greetings, thanks, goodbyes, "who are you", asking for a person.
// The phrases and replies are data (knowledge/smalltalk.yml); this only decides
// whether a message is one of them.
import type { SmallTalkData } from './types.js';

/** Words that may surround a small-talk phrase without changing it ("thanks so much!"). */
const POLITE = new Set([
  'so',
  'very',
  'much',
  'please',
  'again',
  'all',
  'everyone',
  'there',
  'bot',
  'for',
  'the',
  'your',
  'help',
  'oh',
  'well',
  'then',
  'dear',
  'friend',
  'assistant',
  'a',
  'lot',
  'really',
  'just',
  'mate',
  'buddy',
  'dude',
  'guys',
  'man',
  'folks',
]);

export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface SmallTalkMatch {
  intent: SmallTalkData;
  /** What follows a greeting ("hi, when was …"), to be answered as a question. */
  rest: string;
}

/** Words that do not change what a small-talk message is ("is there a human I can speak with?"). */
const FRAME = new Set([
  'a',
  'an',
  'the',
  'is',
  'are',
  'am',
  'there',
  'i',
  'can',
  'could',
  'may',
  'might',
  'please',
  'with',
  'to',
  'me',
  'you',
  'do',
  'does',
  'will',
  'would',
  'like',
  'want',
  'need',
  'just',
  'so',
  'for',
  'some',
  'any',
  'now',
  'here',
  'we',
  'my',
  'it',
  'that',
  'this',
  'be',
  'of',
  'let',
  'again',
  "i'd",
  "i'm",
  "i've",
  "that's",
  'real',
  'actual',
  'live',
  'being',
]);

const wordSet = (text: string) => new Set(text.split(' ').filter((w) => w && !FRAME.has(w)));
const sameSet = (a: Set<string>, b: Set<string>) => a.size > 0 && a.size === b.size && [...a].every((w) => b.has(w));
const phraseSets = new WeakMap<SmallTalkData, Set<string>[]>();

/** The intent whose phrase has the same words as the message, ignoring framing words. */
function byWords(text: string, intents: SmallTalkData[]): SmallTalkData | undefined {
  const words = wordSet(text);
  for (const intent of intents) {
    let sets = phraseSets.get(intent);
    if (!sets) phraseSets.set(intent, (sets = intent.phrases.map(wordSet)));
    if (sets.some((s) => sameSet(s, words))) return intent;
  }
  return undefined;
}

/** Longest message (in words) that keyword groups may recognise: longer ones are questions. */
const KEYWORD_MAX_WORDS = 12;

/** The intent whose every keyword group has a word in a short message. */
function byKeywords(text: string, intents: SmallTalkData[]): SmallTalkData | undefined {
  const words = text.split(' ');
  if (words.length > KEYWORD_MAX_WORDS) return undefined;
  const set = new Set(words);
  return intents.find((i) => i.keywords.length > 0 && i.keywords.every((group) => group.some((w) => set.has(w))));
}

export function matchSmallTalk(message: string, intents: SmallTalkData[]): SmallTalkMatch | undefined {
  const text = normalise(message);
  if (!text) return undefined;
  const same = byWords(text, intents) ?? byKeywords(text, intents);
  if (same) return { intent: same, rest: '' };
  let prefix: SmallTalkMatch | undefined;
  for (const intent of intents) {
    for (const phrase of intent.phrases) {
      if (text === phrase) return { intent, rest: '' };
      if (text.startsWith(`${phrase} `)) {
        const rest = text.slice(phrase.length + 1);
        // "thanks so much", "thanks, that helped": the rest is politeness or small talk too.
        if (rest.split(' ').every((w) => POLITE.has(w)) || byWords(rest, intents)) return { intent, rest: '' };
        // Keep the longest leading phrase: "good morning, …" over "good".
        if (!prefix || phrase.length > (prefix.intent.phrases.find((p) => text.startsWith(`${p} `))?.length ?? 0)) {
          prefix = { intent, rest: message.trim().slice(message.trim().toLowerCase().indexOf(rest.split(' ')[0]!)) };
        }
      }
    }
  }
  return prefix;
}
