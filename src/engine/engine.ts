// The answer engine: question (+ the conversation so far) → a verbatim, cited
// answer, a small-talk reply, or an escalation. Pure computation over the
// prebuilt index: no I/O, no platform APIs, so Node and Workers share it.
import MiniSearch from 'minisearch';
import type { SearchDoc } from './search-options.js';
import { SEARCH_OPTIONS } from './search-options.js';
import { buildQuery, type Query } from './query.js';
import { alternateMatch, describeMatch, scorePassage, type PassageScore } from './score.js';
import { applyTaught, findQuote, loose, type TaughtAnswer, type TaughtCorrection } from './staff-knowledge.js';
import { calibrated, DEFAULT_MODEL, type ModelFile, type Params } from './model.js';
import { fill, type Source } from './compose.js';
import { decide, evidence, type SiteEvidence } from './decide.js';
import { pageAnswer, shortlist, type Answerer, type Choice } from './shortlist.js';
import { matchSmallTalk } from './smalltalk.js';
import { Lru } from './lru.js';
import { querySize } from './query-size.js';
import { topicOf, withContext, type TurnMemory } from './conversation.js';
import type { QueryTerm } from './query.js';
import { INDEX_VERSION, type BuiltIndex, type PassageData } from './types.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './options.js';

/** A direct quote, a short choice of quotes, small talk, or the helpdesk. */
export type ReplyKind = 'answer' | 'choices' | 'smalltalk' | 'escalated';

export interface Reply {
  kind: ReplyKind;
  answer: string;
  sources: Source[];
  escalated: boolean;
  confidence: number;
  /** Short follow-up questions from the knowledge, for suggestion chips. */
  suggestions: string[];
  /** Kind `choices`: the quotes offered, best first (`answer` is then the prompt). */
  choices?: Choice[];
  /** Small talk that offers to forward the question to a person. */
  offerEscalation?: boolean;
  /** The staff answer (written, or a pointer at the quoted sentence) this reply came from. */
  staffAnswerId?: number;
  /** What this turn was about, for resolving the next follow-up. */
  memory?: TurnMemory;
  explain?: Explanation;
}

export interface Explanation {
  focus: string;
  followUp: boolean;
  terms: { term: string; weight: number; key: boolean; alternatives: string[]; correctedFrom?: string; fromContext?: boolean }[];
  candidates: {
    passage: number;
    url: string;
    lexical: number;
    coverage: number;
    missing: string[];
    focusMet: boolean;
    score: number;
    confidence: number;
    sentence: string;
    matches: string[];
    factors: string[];
  }[];
  decision: string;
}

export interface AskOptions {
  previous?: TurnMemory;
  explain?: boolean;
  /** Time of the question (ms); memory older than `contextMaxAgeMs` is ignored. */
  now?: number;
}

export interface Engine {
  readonly index: BuiltIndex;
  readonly options: EngineOptions;
  ask(message: string, options?: AskOptions): Reply;
  /** Just the analysis/scoring stages, for benchmarks (and, with other parameters, for fitting them). */
  rank(query: Query, params?: Params, options?: { raw?: boolean }): PassageScore[];
  /** The question as the engine reads it in a conversation (its own analysis, a greeting dropped, an inherited topic). */
  resolve(message: string, previous?: TurnMemory, now?: number): Query;
  readonly model: ModelFile;
  /**
   * Apply what staff taught (replacing what was taught before): written
   * answers become passages, quotes become alternate questions of their
   * sentence, corrections stop a text from answering a question. Returns the
   * quote answers whose quote is not on the pages.
   */
  teach(answers: TaughtAnswer[], corrections: TaughtCorrection[]): { unplaced: number[] };
  /** Where a verbatim quote is on the pages (undefined when it is not). */
  findQuote(quote: string): { passage: PassageData; sentence: number } | undefined;
  /** The passages the engine would weigh for a question, best first (for staff choosing the sentence that answers). */
  candidatesFor(question: string, limit?: number): { passage: PassageData; sentence: string; confidence: number }[];
  /** The analysed question (from a bounded cache): shared with the staff-answer matcher so a question is analysed once. */
  query(text: string): Query;
  /** What quoting a scored passage at one of its sentences says (for fitting and tools). */
  quoteFor(query: Query, score: PassageScore, sentence: number): { answer: string; sources: Source[] };
  /** What the decision knows of the site (for fitting and tools). */
  readonly site: SiteEvidence;
  /** The choices the engine would offer for a ranked list (for fitting and tools). */
  shortlistFor(query: Query, ranked: readonly PassageScore[]): Choice[];
  /**
   * A wording's key: its own content words, stemmed and sorted, without the
   * words on most passages ("OMA") — close wordings share it ("when do you
   * open on saturdays" / "saturday opening?"). Empty when it has none.
   */
  wordingKey(question: string): string;
  /** The text of a sentence of the pages (undefined when the index has no such sentence). */
  sentenceText(passage: number, sentence: number): string | undefined;
  /**
   * "Not this one": the reply offering, for a question, the candidates other
   * than the quote the visitor said does not answer it — choices if there
   * are any, else the helpdesk.
   */
  instead(question: string, wrongQuote: string, now?: number): Reply;
  /** The helpdesk reply for a question (the visitor said none of the choices answers it). */
  escalation(question: string, now?: number): Reply;
  /** The conversation's memory after the visitor picked one of the choices offered for `question`. */
  picked(question: string, choice: { passage: number; sentence: number }, now?: number): TurnMemory;
}

/**
 * Analysed questions kept per engine: at most 1 000, and at most 4 MB as
 * estimated from their text and terms (src/engine/query-size.ts) — a
 * visitor's question keeps ≈2 KB, a 1 000-character message of made-up
 * words ≈20 KB, so a flood of those keeps ≈200 of them, not 1 000 × 50 KB.
 */
const QUERY_CACHE_SIZE = 1000;
const QUERY_CACHE_BYTES = 4 * 1024 * 1024;

/** A runner-up within this share of the answer's confidence is offered as a suggestion. */
const CLOSE_RUNNER_UP = 0.8;

/**
 * "value >= threshold" (or "<") with the value shown to as many decimals as
 * it takes for the printed numbers to compare as the real ones do: never
 * "0.450 >= 0.4503".
 */
export function versus(value: number, threshold: number): string {
  const holds = value >= threshold;
  let digits = 3;
  while (digits < 12 && +value.toFixed(digits) >= threshold !== holds) digits++;
  return `${value.toFixed(digits)} ${holds ? '>=' : '<'} ${threshold}`;
}

export function createEngine(index: BuiltIndex, overrides: Partial<EngineOptions> = {}, model: ModelFile = DEFAULT_MODEL): Engine {
  if (index.version !== INDEX_VERSION) throw new Error(`index version ${index.version}, expected ${INDEX_VERSION}: run npm run build`);
  const options: EngineOptions = {
    helpdeskEmail: index.site.helpdesk,
    ...DEFAULT_ENGINE_OPTIONS,
    threshold: model.decision.direct.threshold,
    choiceThreshold: model.decision.choice.threshold,
    ...overrides,
  };
  const df = (term: string) => index.df[term] ?? 0;
  /** Share of the text passages with alternate questions; changes when staff teach. */
  const authoredShare = (ps: readonly PassageData[]) => {
    const text = ps.filter((p) => p.kind !== 'link');
    return text.length ? text.filter((p) => p.questions.length > 0).length / text.length : 0;
  };
  const site: SiteEvidence = { authored: authoredShare(index.passages) };
  const search = MiniSearch.loadJS<SearchDoc>(index.search as never, SEARCH_OPTIONS);
  const vars = { helpdesk: options.helpdeskEmail, site: index.site.name };
  const helpdeskSource: Source = { title: fill(index.messages.helpdeskTitle, vars), url: fill(index.messages.helpdeskUrl, vars) };

  // The passages answered from: the index's, plus what staff taught (teach()).
  let passages: readonly PassageData[] = index.passages;
  let corrections: { question: PassageData['questions'][number]; wrong: string[]; escalate?: boolean }[] = [];
  let taughtIds: number[] = [];
  const searchDoc = (p: PassageData): SearchDoc => ({
    id: p.id,
    text: p.sentences.flatMap((x) => x.terms).join(' '),
    context: p.contextTerms.join(' '),
    questions: p.questions.flatMap((q) => q.terms).join(' '),
  });

  // Question analysis by text (a Query is never mutated after it is built).
  const queries = new Lru<string, Query>(QUERY_CACHE_SIZE, { maxBytes: QUERY_CACHE_BYTES, sizeOf: querySize });

  // Everyday English synonyms, word → the words of its common senses.
  const common = new Map<string, string[]>();
  for (const group of index.common) for (const w of group) common.set(w, [...(common.get(w) ?? []), ...group.filter((x) => x !== w)]);

  // A judged question's words with what they also mean (the site's
  // vocabulary, everyday synonyms), computed once per question list.
  const expanded = new WeakMap<string[], Set<string>>();
  function expand(terms: string[]): Set<string> {
    let set = expanded.get(terms);
    if (!set) {
      set = new Set(terms);
      for (const t of terms) {
        for (const alt of index.synonyms[t] ?? []) if (alt.length === 1) set.add(alt[0]!);
        for (const w of common.get(t) ?? []) set.add(w);
      }
      expanded.set(terms, set);
    }
    return set;
  }

  function analysed(text: string): Query {
    let q = queries.get(text);
    if (!q) queries.set(text, (q = buildQuery(index, text)));
    return q;
  }

  /**
   * Candidate passages scored, best first; each one's confidence is the
   * calibrated probability that quoting it answers (model.ts).
   */
  function rank(query: Query, params: Params = model.params, how: { raw?: boolean } = {}): PassageScore[] {
    if (query.terms.length === 0) return [];
    // Search with the question's words and what they may also mean on the pages.
    const words = [...new Set(query.terms.flatMap((t) => [t.term, ...t.alternatives.flat(), ...t.related.map((r) => r.term)]))];
    // Typos were already mapped to page words by the query stage; fuzzy search
    // is left for words the pages don't have, where it may still find a
    // candidate (and costs a trie walk per word, so not for the others).
    const hits = search
      .search(words.join(' '), { fuzzy: (term) => (index.df[term] === undefined && term.length >= 6 ? 0.2 : false) })
      .slice(0, options.candidates);
    return hits
      .map((h) => {
        const scored = scorePassage(query, passages[h.id as number]!, h.score, (t) => index.df[t] ?? 0, index.passages.length, expand, params);
        corrected(query, scored, params);
        if (!how.raw) scored.confidence = calibrated(scored.confidence, model.calibration);
        return scored;
      })
      .sort((a, b) => b.rank - a.rank);
  }

  /** A raw score as the probability that quoting that passage answers (for suggestions and explanations). */
  const likelihood = (r: PassageScore) => calibrated(r.confidence, model.calibration);

  /** Staff said this text (or, it should have escalated, any text) does not answer this question or one worded closely: it does not. */
  function corrected(query: Query, scored: PassageScore, params: Params): void {
    if (corrections.length === 0) return;
    const said = loose(scored.passage.kind === 'staff' ? scored.passage.text : scored.passage.sentences[scored.best.index]!.text);
    for (const c of corrections) {
      // "Should have escalated" stops the pages' text; what staff taught since (an answer, a quote) still answers.
      const stopped = c.escalate ? scored.passage.staffId === undefined : c.wrong.some((w) => w.includes(said) || said.includes(w));
      if (!stopped) continue;
      const pseudo = { questions: [c.question] } as unknown as PassageData;
      if (!alternateMatch(query, pseudo, (t) => (index.df[t] ?? 0) <= index.passages.length / 2, expand, params.alternate.sameQuestion)) continue;
      scored.confidence = 0;
      scored.rank = 0;
      scored.factors.push({ factor: 'staff said this does not answer the question', value: 0 });
      return;
    }
  }

  function teach(answers: TaughtAnswer[], taughtCorrections: TaughtCorrection[]): { unplaced: number[] } {
    // Put back the index's own documents for what was taught before.
    for (const id of taughtIds) {
      if (id < index.passages.length) search.replace(searchDoc(index.passages[id]!));
      else if (search.has(id)) search.discard(id);
    }
    const taught = applyTaught(index.passages, index.aliases, answers, taughtCorrections, helpdeskSource, (q) => {
      const read = analysed(q);
      return { terms: read.terms.map((t) => t.term), stems: read.terms.map((t) => t.stem), focus: read.focus };
    });
    for (const id of taught.changed) {
      if (search.has(id)) search.replace(searchDoc(taught.passages[id]!));
      else search.add(searchDoc(taught.passages[id]!));
    }
    passages = taught.passages;
    site.authored = authoredShare(passages);
    corrections = taught.corrections;
    taughtIds = taught.changed;
    return { unplaced: taught.unplaced };
  }

  function candidatesFor(question: string, limit = 5) {
    return rank(analysed(question))
      .filter((r) => r.passage.kind === 'text')
      .slice(0, limit)
      .map((r) => ({ passage: r.passage, sentence: r.passage.sentences[r.best.index]!.text, confidence: +r.confidence.toFixed(3) }));
  }

  /**
   * Questions of other passages that were close: the knowledge author's own
   * alternate questions (never a visitor's wording staff taught: that is
   * for matching, not for showing to another visitor), the one sharing most
   * words with the visitor's first.
   */
  function suggestionsFrom(query: Query, ranked: PassageScore[], used: number | undefined, minConfidence: number): string[] {
    const asked = new Set(query.terms.map((t) => t.term));
    const out: string[] = [];
    for (const r of ranked) {
      if (r.passage.id === used || likelihood(r) < minConfidence) continue;
      const shown = r.passage.questions.filter((q) => !q.taught);
      if (shown.length === 0) continue;
      const overlap = (terms: string[]) => terms.filter((t) => asked.has(t)).length;
      const best = shown.reduce((a, b) => (overlap(b.terms) > overlap(a.terms) ? b : a));
      if (!out.includes(best.question)) out.push(best.question);
      if (out.length >= options.maxSuggestions) break;
    }
    return out;
  }

  function escalate(query: Query | undefined, confidence: number, ranked: PassageScore[], explain?: Explanation): Reply {
    return {
      kind: 'escalated',
      answer: fill(index.messages.escalated, vars),
      sources: [helpdeskSource],
      escalated: true,
      confidence: +confidence.toFixed(3),
      suggestions: query ? suggestionsFrom(query, ranked, undefined, options.suggestionMinConfidence) : [],
      memory: query ? { topic: topicOf(query), at: Date.now() } : undefined,
      explain,
    };
  }

  function ask(message: string, opts: AskOptions = {}): Reply {
    const now = opts.now ?? Date.now();
    const small = matchSmallTalk(message, index.smalltalk);
    if (small && !small.rest) {
      return {
        kind: 'smalltalk',
        answer: fill(small.intent.reply, vars),
        sources: small.intent.offerEscalation ? [helpdeskSource] : [],
        escalated: false,
        confidence: 1,
        suggestions: small.intent.suggestions,
        offerEscalation: small.intent.offerEscalation || undefined,
        memory: opts.previous,
      };
    }
    const text = small?.rest || message;
    const own = analysed(text);
    const query = withContext(own, fresh(opts.previous, now));
    // Raw scores: the decision's models were fitted on them (model.json).
    const ranked = rank(query, model.params, { raw: true });
    const top = ranked[0];
    const explain: Explanation | undefined = opts.explain
      ? {
          focus: query.focus,
          followUp: query !== own,
          terms: query.terms.map((t) => ({
            term: t.term,
            weight: +t.weight.toFixed(3),
            key: t.key,
            alternatives: t.alternatives.map((a) => a.join(' ')),
            correctedFrom: t.correctedFrom,
            fromContext: t.fromContext,
          })),
          candidates: ranked.slice(0, 5).map((r) => ({
            passage: r.passage.id,
            url: r.passage.url,
            lexical: +r.lexical.toFixed(3),
            coverage: +r.best.coverage.toFixed(3),
            missing: r.missing,
            focusMet: r.focusMet,
            score: +r.rank.toFixed(3),
            confidence: +likelihood(r).toFixed(3),
            sentence: r.passage.sentences[r.best.index]!.text.slice(0, 120),
            matches: r.best.matches.flatMap((m, k) => (m.quality > 0 ? [describeMatch(m, query.terms[k]!)] : [])),
            factors: r.factors.map((f) => `${f.factor} ×${f.value.toFixed(2)}`),
          })),
          decision: '',
        }
      : undefined;
    const decision = decide(top ? evidence(query, ranked, site) : undefined, model.decision, {
      direct: options.threshold,
      choice: options.choiceThreshold,
    });
    const choices = decision.outcome === 'choices' ? shortlist(ranked, answerer(query), options) : [];
    const outcome = decision.outcome === 'choices' && choices.length === 0 ? 'escalate' : decision.outcome;
    if (explain)
      explain.decision = `${outcome}: P(top answers) ${versus(decision.direct, options.threshold)}, P(a choice answers) ${versus(decision.choice, options.choiceThreshold)}`;
    if (outcome === 'escalate' || !top) return escalate(query, decision.direct, ranked, explain);
    if (outcome === 'choices') {
      return {
        kind: 'choices',
        answer: fill(index.messages.choices, vars),
        sources: [],
        escalated: false,
        confidence: +decision.direct.toFixed(3),
        suggestions: [],
        choices,
        memory: { topic: topicOf(query), at: now },
        explain,
      };
    }
    const { answer, sources } = answerer(query)(top, top.best.index);
    return {
      kind: 'answer',
      answer,
      sources,
      ...(top.passage.staffId !== undefined ? { staffAnswerId: top.passage.staffId } : {}),
      escalated: false,
      confidence: +decision.direct.toFixed(3),
      // Only passages nearly as good as the answer: "did you mean this instead?"
      suggestions: suggestionsFrom(query, ranked.slice(1), top.passage.id, Math.max(options.suggestionMinConfidence, likelihood(top) * CLOSE_RUNNER_UP)),
      memory: { topic: topicOf(query), at: now },
      explain,
    };
  }

  /** What a passage says for a question: a page's verbatim sentences, or a staff answer after the team's lead-in. */
  function answerer(query: Query): Answerer {
    const page = pageAnswer(query, index.messages, options.maxAnswerChars);
    return (score, sentence) =>
      score.passage.kind === 'staff'
        ? { answer: `${fill(index.messages.staffAnswer, vars)} ${score.passage.text}`, sources: score.passage.links }
        : page(score, sentence);
  }

  /**
   * What a conversation is about once the visitor picked a choice: the
   * question's key terms the chosen passage has, then the chosen sentence's
   * own, so a follow-up ("how much is it?") continues from the quote picked.
   */
  function picked(question: string, choice: { passage: number; sentence: number }, now = Date.now()): TurnMemory {
    const asked = topicOf(analysed(matchSmallTalk(question, index.smalltalk)?.rest || question));
    const p = passages[choice.passage];
    const s = p?.kind === 'text' ? p.sentences[choice.sentence] : undefined;
    if (!p || !s) return { topic: asked, at: now };
    const has = new Set(p.sentences.flatMap((x) => x.terms));
    const kept = asked.filter((t) => has.has(t.term) || t.alternatives.some((a) => a.every((w) => has.has(w))));
    const stated: QueryTerm[] = topicOf(analysed(s.text)).filter((t) => !kept.some((k) => k.term === t.term));
    return { topic: [...kept, ...stated].slice(0, 6), at: now };
  }

  /** The previous turn's memory, if it is recent enough to resolve a follow-up. */
  function fresh(previous: TurnMemory | undefined, now: number): TurnMemory | undefined {
    return previous && now - previous.at <= options.contextMaxAgeMs ? previous : undefined;
  }

  function resolve(message: string, previous?: TurnMemory, now = Date.now()): Query {
    // A greeting before the question ("hi, when …") is not part of it.
    const text = matchSmallTalk(message, index.smalltalk)?.rest || message;
    return withContext(analysed(text), fresh(previous, now));
  }

  return {
    index,
    options,
    model,
    ask,
    rank,
    resolve,
    query: analysed,
    teach,
    candidatesFor,
    findQuote: (text: string) => findQuote(passages, text),
    site,
    quoteFor: (query, score, sentence) => answerer(query)(score, sentence),
    shortlistFor: (query, ranked) => shortlist(ranked, answerer(query), options),
    picked,
    wordingKey(question) {
      const q = analysed(matchSmallTalk(question, index.smalltalk)?.rest || question);
      const common = index.passages.length / 2;
      const keys = q.terms.filter((t) => !t.fromContext && (index.df[t.term] ?? 0) <= common).map((t) => (t.digits ? t.term : t.stem || t.term));
      return [...new Set(keys)].sort().join(' ');
    },
    sentenceText: (passage, sentence) => {
      const p = passages[passage];
      return p?.kind === 'text' ? p.sentences[sentence]?.text : undefined;
    },
    instead(question, wrongQuote, now = Date.now()) {
      const query = analysed(matchSmallTalk(question, index.smalltalk)?.rest || question);
      const ranked = rank(query, model.params, { raw: true });
      const wrong = loose(wrongQuote);
      const others = shortlist(ranked, answerer(query), { ...options, maxChoices: options.maxChoices + 1, minShare: 0 })
        .filter((c) => {
          const said = loose(c.answer);
          return !said.includes(wrong) && !wrong.includes(said);
        })
        .slice(0, options.maxChoices);
      const memory = { topic: topicOf(query), at: now };
      if (others.length === 0) return { ...escalate(query, 0, []), memory };
      return {
        kind: 'choices',
        answer: fill(index.messages.instead, vars),
        sources: [],
        escalated: false,
        confidence: 0,
        suggestions: [],
        choices: others,
        memory,
      };
    },
    escalation: (question, now = Date.now()) => ({ ...escalate(analysed(question), 0, []), memory: { topic: topicOf(analysed(question)), at: now } }),
  };
}
