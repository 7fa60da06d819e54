// The conversation survives reloads and navigation within the site:
// sessionStorage, per tab, keyed by the API origin. Storage can be missing or
// full (private modes, sandboxed frames), so every access is guarded.
import type { Choice, Source } from './api.js';
import { log } from './dom.js';

export interface Msg {
  me?: 1;
  text: string;
  sources?: Source[];
  suggestions?: string[];
  /** Set on escalated replies; `sent` holds the address once the visitor left it. */
  escalationId?: string;
  sent?: string;
  /** Feedback given on an answer. */
  rated?: 'up' | 'down';
  answer?: 1;
  /**
   * Quotes offered to pick from. A pick replaces the message with its reply,
   * so a kept one is either still open (the last message: offered again after
   * a reload) or passed over by a new question (shown without buttons).
   */
  choices?: Choice[];
}

export interface State {
  id?: string;
  msgs: Msg[];
  open?: boolean;
}

export function storage(api: string) {
  const key = 'faq-chat:' + api;
  return {
    load(): State {
      try {
        const s = JSON.parse(sessionStorage.getItem(key) || 'null') as State | null;
        if (s && Array.isArray(s.msgs)) return s;
      } catch (e) {
        log('could not read the saved conversation', e);
      }
      return { msgs: [] };
    },
    save(s: State) {
      try {
        sessionStorage.setItem(key, JSON.stringify(s));
      } catch (e) {
        log('could not save the conversation', e);
      }
    },
  };
}
