// In-process answer time, per stage, over distinct questions: analysis
// (buildQuery: wink + aliases + typo/synonym expansion), search and scoring
// (engine.rank), composition (quote), and the whole engine.ask. Each question
// is seen once in the measured set, so no cache keyed on the text can help.
import { createEngine } from '../src/engine/engine.js';
import { buildQuery } from '../src/engine/query.js';
import { quote } from '../src/engine/compose.js';
import type { BuiltIndex } from '../src/engine/types.js';
import { nlp } from '../src/nlp/analyse.js';
import { summarise } from './stats.js';

const us = (ms: number) => ms * 1000;

export function benchInProcess(index: BuiltIndex, questions: string[], warmup: string[]) {
  nlp();
  const engine = createEngine(index);
  const { threshold, maxAnswerChars } = engine.options;
  for (const q of warmup) engine.ask(q); // JIT warm-up on other strings
  const half = Math.floor(questions.length / 2);
  const staged = questions.slice(0, half);
  const whole = questions.slice(half);
  const analysis: number[] = [];
  const search: number[] = [];
  const compose: number[] = [];
  for (const text of staged) {
    const t0 = performance.now();
    const query = buildQuery(index, text);
    const t1 = performance.now();
    const ranked = engine.rank(query);
    const t2 = performance.now();
    const top = ranked[0];
    if (top && top.confidence >= threshold) {
      quote(top, query, index.messages, maxAnswerChars);
      compose.push(us(performance.now() - t2));
    }
    analysis.push(us(t1 - t0));
    search.push(us(t2 - t1));
  }
  const total: number[] = [];
  for (const text of whole) {
    const t0 = performance.now();
    engine.ask(text);
    total.push(us(performance.now() - t0));
  }
  return {
    questions: questions.length,
    analysisUs: summarise(analysis),
    searchUs: summarise(search),
    composeUs: summarise(compose),
    askUs: summarise(total),
  };
}
