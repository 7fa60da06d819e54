// Conversation context: which earlier turn a follow-up ("When was it
// launched?", "what about cars?") refers to, and which of its terms carry over.
import { ANAPHORA, FOLLOW_UP_OPENERS, KEY_POS } from '../nlp/english.js';
import type { Query, QueryTerm } from './query.js';

/** What the engine remembers of one turn. */
export interface TurnMemory {
  /** Key terms the turn was about (its own or inherited), for the next follow-up. */
  topic: QueryTerm[];
  at: number;
}

const ELLIPSIS_OPENERS = new Set(['for', 'in', 'by', 'to', 'with', 'from', 'since', 'at', 'on', 'until', 'under']);

function opensFollowUp(words: string[]): boolean {
  return FOLLOW_UP_OPENERS.some((opener) => opener.every((w, i) => words[i] === w));
}

/**
 * Whether the question leans on the previous turn: it points back with a
 * pronoun, opens with "what about …", or has no content words at all.
 */
export function isFollowUp(query: Query): boolean {
  const words = query.analysis.words.filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (opensFollowUp(words)) return true;
  // "For what purpose?", "in which year?", "since when?": an elliptical
  // question that continues the previous one.
  if (words.length <= 5 && ELLIPSIS_OPENERS.has(words[0] ?? '')) return true;
  if (words.some((w) => ANAPHORA.has(w))) return true;
  // "Why?", "and when?": nothing of its own to search for.
  return query.terms.length === 0;
}

/** Add the previous topic's terms that the question lacks, as weaker, optional terms. */
export function withContext(query: Query, previous: TurnMemory | undefined): Query {
  if (!previous || previous.topic.length === 0 || !isFollowUp(query)) return query;
  const have = new Set(query.terms.map((t) => t.term));
  const inherited = previous.topic
    .filter((t) => !have.has(t.term))
    // (Memory stored before WordNet relations existed has none.)
    .map((t) => ({ ...t, related: t.related ?? [], fromContext: true }));
  return { ...query, terms: [...query.terms, ...inherited] };
}

/** Most terms a topic carries from turn to turn. */
const MAX_TOPIC_TERMS = 6;

/** The key terms of a resolved query (its own first): what a next follow-up would be about. */
export function topicOf(query: Query): QueryTerm[] {
  const topical = (t: QueryTerm) => t.key && (t.digits || KEY_POS.has(t.pos));
  const own = query.terms.filter((t) => topical(t) && !t.fromContext);
  const inherited = query.terms.filter((t) => topical(t) && t.fromContext);
  return [...own, ...inherited].slice(0, MAX_TOPIC_TERMS).map((t) => ({ ...t, fromContext: false }));
}
