// Question pools for load and bench runs: every question of the dev set, plus
// variants (greetings, thanks, case) that keep the meaning but are distinct
// strings, so no cache keyed on the text can serve a repeat.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface EvalSet {
  cases: { kind: string; turns: { q: string }[] }[];
}

export function devQuestions(path = resolve('eval/dev.json')): string[] {
  const set = JSON.parse(readFileSync(path, 'utf8')) as EvalSet;
  return [...new Set(set.cases.flatMap((c) => c.turns.map((t) => t.q)))];
}

const PREFIXES = ['', 'Hi, ', 'Hello! ', 'Quick question: ', 'Excuse me, ', 'Please tell me: ', 'Hey there, '];
const SUFFIXES = ['', ' Thanks!', ' thank you', ' :)', ' Cheers.', ' (asking for my company)'];

/** At least `min` distinct questions: the dev set first, then its variants. */
export function questionPool(min: number, base = devQuestions()): string[] {
  const out = new Set(base);
  for (const pre of PREFIXES) {
    for (const suf of SUFFIXES) {
      for (const lower of [false, true]) {
        for (const q of base) {
          if (out.size >= min) return [...out];
          const v = `${pre}${lower ? q.toLowerCase() : q}${suf}`;
          out.add(v);
        }
      }
    }
  }
  return [...out];
}

/** Questions the pages cannot answer (each one distinct), so each creates an escalation. */
export const unanswerable = (i: number) => `Who won the regional ${['chess', 'tennis', 'bowling', 'rowing'][i % 4]} cup in the year ${1000 + i}?`;
