// What staff taught, applied to the engine's passages at run time, so it is
// judged by the same answerability as the pages:
// - a written answer becomes a passage of its own (kind `staff`) whose
//   alternate questions are every wording it was given for;
// - a pointer at a sentence of the pages ("this quote answers it") adds the
//   wordings as alternate questions of that sentence;
// - a correction ("this reply was wrong for this question") stops the text
//   it quoted from answering that question and its close wordings; one that
//   says it should have escalated stops every text from answering them.
// Pure: the caller (the engine) swaps its live passages and search documents.
import type { AliasTable } from '../nlp/analyse.js';
import { sentenceData } from './sentence-data.js';
import type { PassageData } from './types.js';

export interface TaughtAnswer {
  id: number;
  kind: 'answer' | 'quote';
  /** Every wording it answers. */
  questions: string[];
  /** The staff's text, or (kind `quote`) the verbatim quote of a page sentence. */
  answer: string;
  sourceUrl?: string;
}

export interface TaughtCorrection {
  question: string;
  /** The text the wrong reply quoted. */
  wrong: string;
  /** No reply answers it (it should have escalated), not only `wrong`. */
  escalate?: boolean;
}

export interface Taught {
  passages: PassageData[];
  /** Passage ids changed or added, whose search documents must be (re)indexed. */
  changed: number[];
  /** The wrong reply's verbatim pieces (a reply may join clauses with "…"). */
  corrections: { question: PassageData['questions'][number]; wrong: string[]; escalate?: boolean }[];
  /** Quote answers whose quote is no longer on the pages. */
  unplaced: number[];
}

/** Text compared loosely: case, curly quotes, dashes and spacing ignored. */
export const loose = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();

/** Where a verbatim quote (a sentence, or part of one) is on the pages. */
export function findQuote(passages: readonly PassageData[], quote: string): { passage: PassageData; sentence: number } | undefined {
  const q = loose(quote).replace(/^[…\s.]+|[…\s]+$/g, '');
  if (q.length < 8) return undefined;
  for (const p of passages) {
    if (p.kind !== 'text') continue;
    const i = p.sentences.findIndex((s) => loose(s.text).includes(q));
    if (i >= 0) return { passage: p, sentence: i };
  }
  return undefined;
}

/** A question as the engine reads a visitor's: its terms (stems alongside) and what it asks for. */
export type ReadQuestion = (question: string) => { terms: string[]; stems: string[]; focus: string };

export function applyTaught(
  base: readonly PassageData[],
  aliases: AliasTable,
  answers: TaughtAnswer[],
  corrections: TaughtCorrection[],
  helpdesk: { title: string; url: string },
  read: ReadQuestion,
): Taught {
  // Read exactly as a visitor's question is read, so that one asked again
  // (or worded closely) compares term for term.
  // Visitors' wordings: matched, never shown to other visitors (taught).
  const entry = (question: string, sentence: number, quote?: string) => ({
    question,
    sentence,
    ...read(question),
    ...(quote ? { quote } : {}),
    taught: true as const,
  });
  const passages = [...base];
  const changed = new Set<number>();
  const unplaced: number[] = [];
  for (const a of answers) {
    const questions = [...new Set(a.questions)];
    if (a.kind === 'quote') {
      const found = findQuote(passages, a.answer);
      if (!found) {
        unplaced.push(a.id);
        continue;
      }
      const p = passages[found.passage.id]!;
      passages[p.id] = {
        ...p,
        staffId: a.id,
        questions: [...p.questions, ...questions.map((question) => entry(question, found.sentence, a.answer))],
      };
      changed.add(p.id);
      continue;
    }
    const id = passages.length;
    const source = a.sourceUrl ? { title: a.sourceUrl.replace(/^https?:\/\//, '').replace(/\/$/, ''), url: a.sourceUrl } : helpdesk;
    passages.push({
      id,
      kind: 'staff',
      staffId: a.id,
      pageTitle: source.title,
      heading: '',
      url: source.url,
      text: a.answer,
      links: [source],
      // One sentence: a staff answer is quoted whole.
      sentences: [sentenceData(a.answer, aliases)],
      contextTerms: [],
      questions: questions.map((question) => entry(question, 0)),
    });
    changed.add(id);
  }
  return {
    passages,
    changed: [...changed],
    corrections: corrections.map((c) => ({
      question: entry(c.question, 0),
      wrong: loose(c.wrong)
        .split('…')
        .map((x) => x.trim())
        .filter((x) => x.length >= 12),
      ...(c.escalate ? { escalate: true } : {}),
    })),
    unplaced,
  };
}
