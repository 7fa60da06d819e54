// The one decision: direct, choices or escalation, from two probabilities
// and their thresholds — each threshold inclusive, tested at the exact edge.
import { describe, expect, it } from 'vitest';
import { decide, evidence, probability } from '../../src/engine/decide.js';
import { engineFor, SITE_KNOWLEDGE } from '../helpers/knowledge.js';

const base = engineFor(SITE_KNOWLEDGE);
const QUESTION = 'Does OMA work on IoT?';
const query = base.resolve(QUESTION);
const e = evidence(query, base.rank(query, undefined, { raw: true }), base.site);
const pDirect = probability(base.model.decision.direct, e.x);
const pChoice = probability(base.model.decision.choice, e.x);

describe('thresholds are inclusive, at the exact probability', () => {
  it('a direct threshold equal to the question’s probability quotes it; one a hair above does not', () => {
    expect(engineFor(SITE_KNOWLEDGE, { threshold: pDirect }).ask(QUESTION).kind).toBe('answer');
    expect(engineFor(SITE_KNOWLEDGE, { threshold: pDirect + 1e-9 }).ask(QUESTION).kind).not.toBe('answer');
  });

  it('a choice threshold equal to the question’s probability offers choices; one a hair above escalates', () => {
    expect(engineFor(SITE_KNOWLEDGE, { threshold: 1, choiceThreshold: pChoice }).ask(QUESTION).kind).toBe('choices');
    expect(engineFor(SITE_KNOWLEDGE, { threshold: 1, choiceThreshold: pChoice + 1e-9 }).ask(QUESTION).kind).toBe('escalated');
  });
});

describe('decide', () => {
  it('escalates when nothing shares a word with the question', () => {
    expect(decide(undefined, base.model.decision)).toEqual({ outcome: 'escalate', direct: 0, choice: 0 });
  });

  it('quotes a judged wording directly whatever the thresholds, unless it leans on an earlier turn', () => {
    const judged = { x: { ...e.x, alternate: 1 }, followUp: false };
    expect(decide(judged, base.model.decision, { direct: 1, choice: 1 }).outcome).toBe('direct');
    expect(decide({ ...judged, followUp: true }, base.model.decision, { direct: 1, choice: 1 }).outcome).toBe('escalate');
    // All but the judgement: the models decide.
    expect(decide({ x: { ...e.x, alternate: 0.99 }, followUp: false }, base.model.decision, { direct: 1, choice: 1 }).outcome).toBe('escalate');
  });
});

describe('--explain prints the decision so that its numbers agree with it', () => {
  it('shows the probability to as many decimals as the comparison needs', async () => {
    const { versus } = await import('../../src/engine/engine.js');
    expect(versus(0.45, 0.4503)).toBe('0.450 < 0.4503');
    expect(versus(0.45034, 0.4503)).toBe('0.4503 >= 0.4503');
    expect(versus(0.45031, 0.4503)).toBe('0.4503 >= 0.4503');
    expect(versus(0.9, 0.5)).toBe('0.900 >= 0.5');
    expect(versus(0.4999, 0.5)).toBe('0.4999 < 0.5');
  });
});
