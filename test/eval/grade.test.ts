// The grader on its own: it must fail what is wrong, count precision, and
// never turn "no cases" into 100%.
import { describe, expect, it } from 'vitest';
import { helps, passes, runEval, shortfalls, type ChatReply, type EvalSet } from '../../src/eval/grade.js';

const reply = (answer: string, escalated = false, sources: ChatReply['sources'] = []): ChatReply => ({ answer, escalated, sources });

describe('passes', () => {
  it('an answer case needs a non-escalated reply that contains an expected phrase (case and curly quotes ignored)', () => {
    const turn = { q: 'When?', expect: ['launched in 2018', 'it’s new'] };
    expect(passes('answer', turn, reply('OMA SpecWorks was Launched in 2018.'))).toBe(true);
    expect(passes('answer', turn, reply("It's new."))).toBe(true);
    expect(passes('answer', turn, reply('It was founded long ago.'))).toBe(false);
    expect(passes('answer', turn, reply('Launched in 2018', true))).toBe(false);
    expect(passes('answer', turn, reply('See the page', false, [{ title: 'Launched in 2018', url: 'https://x' }]))).toBe(true);
  });

  it('an escalate case passes only when escalated; small talk only when answered with text', () => {
    expect(passes('escalate', { q: 'fees?' }, reply('anything', true))).toBe(true);
    expect(passes('escalate', { q: 'fees?' }, reply('a confident wrong quote'))).toBe(false);
    expect(passes('smalltalk', { q: 'hi' }, reply('Hello!'))).toBe(true);
    expect(passes('smalltalk', { q: 'hi' }, reply('  '))).toBe(false);
    expect(passes('smalltalk', { q: 'hi' }, reply('Hello!', true))).toBe(false);
  });
});

describe('choices', () => {
  const turn = { q: 'When?', expect: ['launched in 2018'] };
  const offered = (...answers: string[]): ChatReply => ({
    ...reply('Is it one of these?'),
    choices: answers.map((answer, i) => ({ id: String(i), answer, sources: [] })),
  });

  it('choices are never a direct answer: an answer case fails, but it is helped when one choice holds the answer', () => {
    expect(passes('answer', turn, offered('Launched in 2018.', 'Something else.'))).toBe(false);
    expect(helps(turn, offered('Something else.', 'It was Launched in 2018.'))).toBe(true);
    expect(helps(turn, offered('Something else.', 'Another thing.'))).toBe(false);
    // A direct right quote helps too; an escalation never does.
    expect(helps(turn, reply('Launched in 2018.'))).toBe(true);
    expect(helps(turn, reply('Launched in 2018.', true))).toBe(false);
  });

  it('counts helped, unquoted and precision over direct quotes only', async () => {
    const set: EvalSet = {
      name: 'c',
      cases: [
        { id: 'a1', kind: 'answer', turns: [{ q: 'offered right', expect: ['yes'] }] },
        { id: 'a2', kind: 'answer', turns: [{ q: 'offered wrong', expect: ['yes'] }] },
        { id: 'a3', kind: 'answer', turns: [{ q: 'direct right', expect: ['yes'] }] },
        { id: 'e1', kind: 'escalate', turns: [{ q: 'offered wrong' }] },
        { id: 'e2', kind: 'escalate', turns: [{ q: 'direct wrong' }] },
      ],
    };
    const s = await runEval(set, async (q) =>
      q === 'offered right' ? offered('no', 'yes indeed') : q === 'offered wrong' ? offered('no') : q === 'direct right' ? reply('yes') : reply('no'),
    );
    expect(s.counts).toMatchObject({ answer: [1, 3], helped: [2, 3], escalate: [0, 2], unquoted: [1, 2], quoted: [1, 2] });
    expect(s.precision).toBeCloseTo(1 / 2);
    expect(s.failures.find((f) => f.id === 'a1')).toMatchObject({ helped: true, choices: ['no', 'yes indeed'] });
    expect(shortfalls(s, { helped: 0.6, unquoted: 0.6 })).toEqual(['unquoted 50.0% < 60.0%']);
  });
});

describe('runEval', () => {
  const set: EvalSet = {
    name: 't',
    cases: [
      { id: 'a1', kind: 'answer', turns: [{ q: 'right', expect: ['yes'] }] },
      { id: 'a2', kind: 'answer', turns: [{ q: 'wrong quote', expect: ['yes'] }] },
      { id: 'a3', kind: 'answer', turns: [{ q: 'escalated', expect: ['yes'] }] },
      { id: 'e1', kind: 'escalate', turns: [{ q: 'quoted anyway' }] },
      { id: 'e2', kind: 'escalate', turns: [{ q: 'escalated' }] },
    ],
  };
  const bot = async (q: string): Promise<ChatReply> =>
    q === 'right' ? reply('yes indeed') : q === 'escalated' ? reply('to the helpdesk', true) : reply('something else');

  it('counts answer, escalate and precision (right quotes / all quotes to answer and escalate cases)', async () => {
    const s = await runEval(set, bot);
    expect(s.counts).toEqual({ answer: [1, 3], escalate: [1, 2], smalltalk: [0, 0], quoted: [1, 3], helped: [1, 3], unquoted: [1, 2] });
    expect(s.precision).toBeCloseTo(1 / 3);
    expect(s.failures.map((f) => f.id)).toEqual(['a2', 'a3', 'e1']);
  });

  it('a category with no cases is "no figure", not 100%, and fails a minimum', async () => {
    const s = await runEval(set, bot);
    expect(s.smalltalk).toBeNull();
    expect(shortfalls(s, { smalltalk: 0.9 })).toEqual(['smalltalk: no cases']);
    expect(shortfalls(s, { answer: 0.3 })).toEqual([]);
    expect(shortfalls(s, { answer: 0.5 })).toEqual(['answer 33.3% < 50.0%']);
  });

  it('grades only the last turn of a conversation, in one conversation', async () => {
    const seen: (string | undefined)[] = [];
    const s = await runEval({ name: 'm', cases: [{ id: 'm1', kind: 'answer', turns: [{ q: 'first' }, { q: 'right', expect: ['yes'] }] }] }, async (q, id) => {
      seen.push(id);
      return { ...(q === 'right' ? reply('yes') : reply('no')), conversationId: 'c1' };
    });
    expect(seen).toEqual([undefined, 'c1']);
    expect(s.answer).toBe(1);
  });
});
