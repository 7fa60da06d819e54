// The behaviour every Store adapter must have, as vitest tests. Call
// `storeContract(name, makeStore)` from an adapter's test file (SQLite on
// Node, D1 inside workerd). No Node-only imports here, so it runs anywhere.
import { afterEach, describe, expect, it } from 'vitest';
import type { NewMail, Store } from '../../src/store/types.js';

const memory = { topic: [{ term: 'membership', stem: 'membership', pos: 'NOUN', weight: 1.5, key: true, digits: false, alternatives: [] }], at: 1_700_000_000_000 };
const mail = (to = 'helpdesk@example.org'): NewMail => ({ to, replyTo: { address: 'visitor@example.com', name: 'Ann Visitor' }, subject: 'Question: fees', text: 'What are the membership fees?' });
const turn = (conversationId: string, question: string, escalated: boolean) =>
  ({ conversationId, question, answer: escalated ? 'passing to helpdesk' : 'an answer', escalated, confidence: escalated ? 0 : 0.9 });

export function storeContract(name: string, makeStore: () => Promise<Store> | Store) {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    const open = async () => (store = await makeStore());
    afterEach(async () => { await store?.close?.(); });

    it('remembers the last turn of a conversation, and nothing for an unknown one', async () => {
      await open();
      expect(await store.lastTurn('nobody-here')).toBeUndefined();
      await store.recordTurn({ ...turn('conv-0001', 'What is OMA?', false), memory });
      expect(await store.lastTurn('conv-0001')).toEqual(memory);
    });

    it('opens an escalation for an escalated turn only, with the question and transcript', async () => {
      await open();
      expect(await store.recordTurn(turn('conv-0002', 'What is OMA?', false))).toEqual({});
      const { escalationId } = await store.recordTurn(turn('conv-0002', 'What are the membership fees?', true));
      expect(escalationId).toMatch(/^[\w-]{16,}$/);
      const e = await store.getEscalation(escalationId!);
      expect(e).toMatchObject({ id: escalationId, conversationId: 'conv-0002', question: 'What are the membership fees?', status: 'open' });
      expect(e?.contact).toBeUndefined();
      expect((await store.transcript('conv-0002')).map((t) => [t.question, t.escalated])).toEqual([
        ['What is OMA?', false], ['What are the membership fees?', true],
      ]);
      expect(await store.getEscalation('no-such-escalation')).toBeUndefined();
    });

    it('forwards an escalation with its contact and queues exactly one mail', async () => {
      await open();
      const { escalationId } = await store.recordTurn(turn('conv-0003', 'Who is the CEO?', true));
      expect(await store.forwardEscalation('no-such-escalation', { email: 'a@example.com' }, mail())).toBeUndefined();
      expect(await store.listOutbox()).toEqual([]);
      const e = await store.forwardEscalation(escalationId!, { email: 'visitor@example.com', name: 'Ann Visitor', message: 'thanks' }, mail());
      expect(e).toMatchObject({ status: 'forwarded', contact: { email: 'visitor@example.com', name: 'Ann Visitor', message: 'thanks' } });
      const out = await store.listOutbox();
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({ escalationId, status: 'pending', to: 'helpdesk@example.org', replyTo: { address: 'visitor@example.com', name: 'Ann Visitor' }, subject: 'Question: fees', attempts: 0 });
    });

    it('lists escalations newest first, filtered by status', async () => {
      await open();
      const ids: string[] = [];
      for (const q of ['first question?', 'second question?', 'third question?']) {
        ids.push((await store.recordTurn(turn(`conv-list-${ids.length}`, q, true))).escalationId!);
        await new Promise((r) => setTimeout(r, 3));
      }
      await store.forwardEscalation(ids[1]!, { email: 'v@example.com' }, mail());
      expect((await store.listEscalations()).map((e) => e.question)).toEqual(['third question?', 'second question?', 'first question?']);
      expect((await store.listEscalations('open')).map((e) => e.id)).toEqual([ids[2], ids[0]]);
      expect((await store.listEscalations('forwarded')).map((e) => e.id)).toEqual([ids[1]]);
      expect(await store.listEscalations('resolved')).toEqual([]);
    });

    it('resolves escalations, storing a staff answer linked to them', async () => {
      await open();
      const a = (await store.recordTurn(turn('conv-r1', 'Who is the CEO?', true))).escalationId!;
      const b = (await store.recordTurn(turn('conv-r2', 'who is the ceo', true))).escalationId!;
      expect(await store.resolveEscalations(['no-such-escalation'], { question: 'x', answer: 'y' })).toBeUndefined();
      expect(await store.listStaffAnswers()).toEqual([]);
      const r = await store.resolveEscalations([a, b], { question: 'Who is the CEO?', answer: 'Seth Newberry is the General Manager.', sourceUrl: 'https://omaspecworks.org/about/' });
      expect(r?.resolved.sort()).toEqual([a, b].sort());
      expect(r?.staffAnswer).toMatchObject({ question: 'Who is the CEO?', answer: 'Seth Newberry is the General Manager.', sourceUrl: 'https://omaspecworks.org/about/', escalationId: a });
      expect(await store.getEscalation(b)).toMatchObject({ status: 'resolved', staffAnswerId: r?.staffAnswer?.id });
      expect(await store.listStaffAnswers()).toHaveLength(1);
      // Dismissing (no answer) resolves without a staff answer.
      const c = (await store.recordTurn(turn('conv-r3', 'spam spam', true))).escalationId!;
      expect(await store.resolveEscalations([c])).toEqual({ resolved: [c], staffAnswer: undefined });
      expect(await store.listStaffAnswers()).toHaveLength(1);
    });

    it('edits and removes staff answers', async () => {
      await open();
      const s = await store.addStaffAnswer({ question: 'Who is the CEO?', answer: 'old' });
      expect(await store.updateStaffAnswer(s.id, { answer: 'new' })).toMatchObject({ id: s.id, question: 'Who is the CEO?', answer: 'new' });
      expect(await store.updateStaffAnswer(s.id + 999, { answer: 'x' })).toBeUndefined();
      expect((await store.listStaffAnswers()).map((x) => x.answer)).toEqual(['new']);
      expect(await store.removeStaffAnswer(s.id)).toBe(true);
      expect(await store.removeStaffAnswer(s.id)).toBe(false);
      expect(await store.listStaffAnswers()).toEqual([]);
    });

    it('records feedback on the last turn of a known conversation only', async () => {
      await open();
      expect(await store.recordFeedback({ conversationId: 'conv-unknown', helpful: false })).toBeUndefined();
      await store.recordTurn(turn('conv-f1', 'What is OMA?', false));
      await store.recordTurn(turn('conv-f1', 'When was it launched?', false));
      const f = await store.recordFeedback({ conversationId: 'conv-f1', helpful: false, comment: 'wrong year' });
      expect(f).toMatchObject({ question: 'When was it launched?', helpful: false, comment: 'wrong year' });
      await store.recordFeedback({ conversationId: 'conv-f1', helpful: true });
      expect((await store.listFeedback(false)).map((x) => x.comment)).toEqual(['wrong year']);
      expect(await store.listFeedback()).toHaveLength(2);
    });

    it('leases outbox mails: a claimed mail is not claimed again until it fails or its lease ends, a sent one never', async () => {
      await open();
      const t0 = Date.now();
      const ids = [];
      for (let i = 0; i < 2; i++) {
        const { escalationId } = await store.recordTurn(turn(`conv-m${i}`, 'Who is the CEO?', true));
        await store.forwardEscalation(escalationId!, { email: 'v@example.com' }, mail(), t0);
        ids.push(escalationId);
      }
      const claimed = await store.claimMail(t0, 60_000, 10);
      expect(claimed.map((m) => m.attempts)).toEqual([1, 1]);
      expect(await store.claimMail(t0 + 1000, 60_000, 10)).toEqual([]);
      await store.markMailSent(claimed[0]!.id, t0 + 1000);
      await store.markMailFailed(claimed[1]!.id, 'connect ECONNREFUSED', t0 + 5000);
      expect(await store.claimMail(t0 + 4000, 60_000, 10)).toEqual([]);
      const again = await store.claimMail(t0 + 5000, 60_000, 10);
      expect(again.map((m) => [m.id, m.attempts])).toEqual([[claimed[1]!.id, 2]]);
      // Lease expiry: a worker that died mid-send gives the mail back.
      expect((await store.claimMail(t0 + 70_000, 60_000, 10)).map((m) => m.id)).toEqual([claimed[1]!.id]);
      // Failing a sent mail cannot make it pending again.
      await store.markMailFailed(claimed[0]!.id, 'late error', t0);
      const out = await store.listOutbox();
      expect(out.find((m) => m.id === claimed[0]!.id)).toMatchObject({ status: 'sent', sentAt: t0 + 1000 });
      expect(out.find((m) => m.id === claimed[1]!.id)).toMatchObject({ status: 'pending', lastError: 'connect ECONNREFUSED' });
      expect(await store.claimMail(t0 + 10_000_000, 60_000, 10)).toHaveLength(1);
    });

    it('counts questions, answered rate and top unanswered', async () => {
      await open();
      const since = Date.now() - 1000;
      await store.recordTurn(turn('conv-s1', 'What is OMA?', false));
      await store.recordTurn(turn('conv-s1', 'Who is the CEO?', true));
      await store.recordTurn(turn('conv-s2', 'who is the CEO? ', true));
      await store.recordTurn(turn('conv-s3', 'What are the membership fees?', true));
      const s = await store.stats(since);
      expect(s).toMatchObject({ asked: 4, answered: 1, escalated: 3, answeredRate: 0.25 });
      expect(s.topUnanswered[0]).toMatchObject({ count: 2 });
      expect(s.topUnanswered[0]!.question.toLowerCase()).toContain('ceo');
      expect((await store.stats(Date.now() + 60_000)).asked).toBe(0);
    });

    it('purges transcripts older than the retention cut-off and keeps newer ones', async () => {
      await open();
      await store.recordTurn(turn('conv-p1', 'What is OMA?', false));
      const { escalationId } = await store.recordTurn(turn('conv-p1', 'Who is the CEO?', true));
      await store.resolveEscalations([escalationId!]);
      const staff = await store.addStaffAnswer({ question: 'q', answer: 'a' });
      expect((await store.purge(Date.now() - 60_000)).deleted).toBe(0);
      expect(await store.transcript('conv-p1')).toHaveLength(2);
      const { deleted } = await store.purge(Date.now() + 60_000);
      expect(deleted).toBeGreaterThanOrEqual(3);
      expect(await store.transcript('conv-p1')).toEqual([]);
      expect(await store.lastTurn('conv-p1')).toBeUndefined();
      expect(await store.getEscalation(escalationId!)).toBeUndefined();
      // Staff answers are the product, not personal data: they stay.
      expect((await store.listStaffAnswers()).map((x) => x.id)).toEqual([staff.id]);
    });
  });
}
