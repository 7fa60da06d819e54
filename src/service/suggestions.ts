// What staff do with visitors' picks (the Suggestions tab and its JSON API):
// accept one — its wordings become alternate questions of the sentence, used
// for matching only (never shown to visitors) — or reject it: that wording
// never gets that sentence as a direct answer again, whatever visitors pick.
// Undoing what visitors taught on their own (LEARN_FROM_CHOICES) is a
// rejection too. Either way the assistant reloads staff knowledge at once.
import { ApiError } from '../http/errors.js';
import type { Assistant } from './assistant.js';
import type { Store, Suggestion, SuggestionStatus } from '../store/types.js';

/** Suggestions per page. */
export const SUGGESTIONS_PAGE = 50;

export interface SuggestionService {
  list(options?: {
    status?: SuggestionStatus;
    page?: number;
  }): Promise<{ items: Suggestion[]; page: number; pages: number; counts: Record<SuggestionStatus, number> }>;
  accept(id: number): Promise<Suggestion>;
  reject(id: number): Promise<Suggestion>;
}

export function createSuggestionService({ store, assistant }: { store: Store; assistant: Pick<Assistant, 'knowledgeChanged'> }): SuggestionService {
  async function found(id: number): Promise<Suggestion> {
    const s = await store.getSuggestion(id);
    if (!s) throw new ApiError(404, 'No such suggestion');
    return s;
  }
  return {
    async list({ status = 'open', page = 1 } = {}) {
      const counts = await store.countSuggestions();
      const pages = Math.max(1, Math.ceil(counts[status] / SUGGESTIONS_PAGE));
      const at = Math.min(Math.max(1, page), pages);
      const items = await store.listSuggestions({ status, limit: SUGGESTIONS_PAGE, offset: (at - 1) * SUGGESTIONS_PAGE });
      return { items, page: at, pages, counts };
    },
    async accept(id) {
      const s = await found(id);
      if (s.status === 'accepted') return s;
      if (s.status === 'rejected') throw new ApiError(409, 'This suggestion was rejected; reject is final for a wording and a sentence');
      await store.acceptSuggestion(id, { kind: 'quote', question: s.wording, answer: s.sentence }, 'accepted');
      assistant.knowledgeChanged();
      return found(id);
    },
    async reject(id) {
      const s = await found(id);
      if (s.status !== 'rejected') {
        await store.rejectSuggestion(id, { question: s.wording, wrong: s.sentence });
        assistant.knowledgeChanged();
      }
      return found(id);
    },
  };
}
