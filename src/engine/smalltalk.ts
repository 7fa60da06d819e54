// Small talk: greetings, thanks, goodbyes, "who are you", asking for a person.
// The phrases and replies are data (knowledge/smalltalk.yml); this only decides
// whether a message is one of them.
import type { SmallTalkData } from './types.js';

/** Words that may surround a small-talk phrase without changing it ("thanks so much!"). */
const POLITE = new Set(['so', 'very', 'much', 'please', 'again', 'all', 'everyone', 'there', 'bot', 'for', 'the', 'your', 'help', 'oh', 'well', 'then', 'dear', 'friend', 'assistant', 'a', 'lot', 'really', 'just']);

export function normalise(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[^\p{L}\p{N}' ]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

export interface SmallTalkMatch {
  intent: SmallTalkData;
  /** What follows a greeting ("hi, when was …"), to be answered as a question. */
  rest: string;
}

export function matchSmallTalk(message: string, intents: SmallTalkData[]): SmallTalkMatch | undefined {
  const text = normalise(message);
  if (!text) return undefined;
  let prefix: SmallTalkMatch | undefined;
  for (const intent of intents) {
    for (const phrase of intent.phrases) {
      if (text === phrase) return { intent, rest: '' };
      if (text.startsWith(`${phrase} `)) {
        const rest = text.slice(phrase.length + 1);
        if (rest.split(' ').every((w) => POLITE.has(w))) return { intent, rest: '' };
        // Keep the longest leading phrase: "good morning, …" over "good".
        if (!prefix || phrase.length > (prefix.intent.phrases.find((p) => text.startsWith(`${p} `))?.length ?? 0)) {
          prefix = { intent, rest: message.trim().slice(message.trim().toLowerCase().indexOf(rest.split(' ')[0]!)) };
        }
      }
    }
  }
  return prefix;
}
