// The reply for a question staff have answered: their text, introduced as a
// staff answer (knowledge/messages.yml `staffAnswer`) and cited with the FAQ
// page they named, or else the helpdesk.
import type { Engine, Reply } from './engine.js';
import { fill } from './compose.js';
import { topicOf } from './conversation.js';
import { buildQuery } from './query.js';
import type { StaffMatch } from './staff-answers.js';

export function staffReply(engine: Engine, { answer, score }: StaffMatch, now = Date.now()): Reply {
  const { messages } = engine.index;
  const vars = { helpdesk: engine.options.helpdeskEmail, site: engine.index.site.name };
  const helpdesk = { title: fill(messages.helpdeskTitle, vars), url: fill(messages.helpdeskUrl, vars) };
  const source = answer.sourceUrl ? { title: answer.sourceUrl.replace(/^https?:\/\//, ''), url: answer.sourceUrl } : helpdesk;
  return {
    kind: 'answer',
    answer: `${fill(messages.staffAnswer, vars)} ${answer.answer}`,
    sources: [source],
    escalated: false,
    confidence: +score.toFixed(3),
    suggestions: [],
    // A follow-up ("and for universities?") refers to what this question was about.
    memory: { topic: topicOf(buildQuery(engine.index, answer.question)), at: now },
  };
}
