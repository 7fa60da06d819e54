// The behaviour every Store adapter must have, as vitest tests. Call
// `storeContract(name, makeStore)` from an adapter's test file (SQLite on
// Node, D1 inside workerd). No Node-only imports here, so it runs anywhere.
import { afterEach, describe, expect, it } from 'vitest';
import type { NewMail, Store } from '../../src/store/types.js';

const memory = {
  topic: [{ term: 'membership', stem: 'membership', pos: 'NOUN', weight: 1.5, key: true, digits: false, alternatives: [] }],
  at: 1_700_000_000_000,
};
const mail = (to = 'helpdesk@example.org'): NewMail => ({
  to,
  replyTo: { address: 'visitor@example.com', name: 'Ann Visitor' },
  subject: 'Question: fees',
  text: 'What are the membership fees?',
});
const turn = (conversationId: string, question: string, escalated: boolean) => ({
  conversationId,
  question,
  answer: escalated ? 'passing to helpdesk' : 'an answer',
  escalated,
  confidence: escalated ? 0 : 0.9,
});

export function storeContract(name: string, makeStore: () => Promise<Store> | Store) {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    const open = async () => (store = await makeStore());
    afterEach(async () => {
      await store?.close?.();
    });

    it('remembers the last turn of a conversation, and nothing for an unknown one', async () => {
      await open();
      expect(await store.conversation('nobody-here')).toBeUndefined();
      await store.recordTurn({ ...turn('conv-0001', 'What is OMA?', false), memory });
      expect(await store.conversation('conv-0001')).toEqual({ memory });
      // A turn without memory keeps the conversation and its last memory.
      await store.recordTurn(turn('conv-0001', 'thanks', false));
      expect(await store.conversation('conv-0001')).toEqual({ memory });
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
        ['What is OMA?', false],
        ['What are the membership fees?', true],
      ]);
      expect(await store.getEscalation('no-such-escalation')).toBeUndefined();
    });

    it('forwards an escalation with its contact and queues exactly one mail', async () => {
      await open();
      const { escalationId } = await store.recordTurn(turn('conv-0003', 'Who is the CEO?', true));
      expect(await store.forwardEscalation('no-such-escalation', { email: 'a@example.com' }, mail())).toEqual({ outcome: 'missing' });
      expect(await store.listOutbox()).toEqual([]);
      const e = await store.forwardEscalation(escalationId!, { email: 'visitor@example.com', name: 'Ann Visitor', message: 'thanks' }, mail());
      expect(e).toMatchObject({
        outcome: 'forwarded',
        mailed: true,
        escalation: { status: 'forwarded', contact: { email: 'visitor@example.com', name: 'Ann Visitor', message: 'thanks' } },
      });
      const out = await store.listOutbox();
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({
        escalationId,
        status: 'pending',
        to: 'helpdesk@example.org',
        replyTo: { address: 'visitor@example.com', name: 'Ann Visitor' },
        subject: 'Question: fees',
        attempts: 0,
      });
    });

    it('mails the helpdesk once per escalation per quiet time, whatever the address: a repeat updates the contact (and the mail still waiting)', async () => {
      await open();
      const t0 = 1_800_000_000_000;
      const { escalationId } = await store.recordTurn(turn('conv-quiet', 'Who is the CEO?', true));
      const id = escalationId!;
      for (let i = 0; i < 4; i++) {
        const r = await store.forwardEscalation(id, { email: 'v@example.com', message: `note ${i}` }, mail(), t0 + i * 60_000, 3_600_000);
        expect(r).toMatchObject({ outcome: 'forwarded', mailed: i === 0 });
      }
      expect((await store.getEscalation(id))?.contact?.message).toBe('note 3');
      expect(await store.listOutbox()).toHaveLength(1);
      // The visitor corrected their address: the contact changes, and so does the mail still waiting — not a second mail.
      const corrected = { ...mail(), replyTo: { address: 'w@example.com' }, text: 'reply to w@example.com' };
      expect(await store.forwardEscalation(id, { email: 'w@example.com' }, corrected, t0 + 300_000, 3_600_000)).toMatchObject({ mailed: false });
      expect((await store.getEscalation(id))?.contact?.email).toBe('w@example.com');
      const [waiting] = await store.listOutbox();
      expect(waiting).toMatchObject({ status: 'pending', replyTo: { address: 'w@example.com' }, text: 'reply to w@example.com' });
      expect(JSON.stringify(await store.listOutbox())).not.toContain('v@example.com');
      // Once it went out, the next contact after the quiet time mails again.
      const [claimed] = await store.claimMail(t0 + 300_000, 60_000, 10);
      await store.markMailSent(claimed!.id, t0 + 301_000);
      expect(await store.forwardEscalation(id, { email: 'w@example.com' }, mail(), t0 + 300_000 + 3_600_001, 3_600_000)).toMatchObject({ mailed: true });
      expect(await store.listOutbox()).toHaveLength(2);
    });

    it('takes no contact for a resolved escalation', async () => {
      await open();
      const { escalationId } = await store.recordTurn(turn('conv-closed', 'spam?', true));
      await store.resolveEscalations([escalationId!]);
      expect(await store.forwardEscalation(escalationId!, { email: 'v@example.com' }, mail())).toMatchObject({ outcome: 'resolved' });
      expect(await store.listOutbox()).toEqual([]);
      expect((await store.getEscalation(escalationId!))?.contact).toBeUndefined();
    });

    it('caps open escalations per client in a window, atomically with the insert', async () => {
      await open();
      const cap = { max: 2, windowMs: 60_000 };
      const ids = [];
      for (let i = 0; i < 4; i++)
        ids.push((await store.recordTurn({ ...turn(`conv-cap-${i}`, `question ${i}?`, true), clientKey: 'client-a', terms: 'question' }, cap)).escalationId);
      expect(ids.filter(Boolean)).toHaveLength(2);
      // The turns are all recorded; only the escalations are capped.
      expect(await store.transcript('conv-cap-3')).toHaveLength(1);
      // Another client is not affected; the window passing frees a place (resolving does not: see below).
      expect((await store.recordTurn({ ...turn('conv-cap-b', 'q?', true), clientKey: 'client-b' }, cap)).escalationId).toBeDefined();
      await store.resolveEscalations([ids[0]!]);
      expect((await store.recordTurn({ ...turn('conv-cap-4', 'q4?', true), clientKey: 'client-a' }, cap)).escalationId).toBeUndefined();
      expect((await store.recordTurn({ ...turn('conv-cap-5', 'q5?', true), clientKey: 'client-a' }, cap, Date.now() + 60_001)).escalationId).toBeDefined();
      expect((await store.getEscalation(ids[1]!))?.terms).toBe('question');
    });

    it('ten contacts within seconds, alternating two addresses and their case, queue one helpdesk mail; the quiet time is an hour', async () => {
      await open();
      const t0 = 1_800_000_000_000;
      const HOUR = 3_600_000;
      const id = (await store.recordTurn(turn('conv-alternate', 'Who is the CEO?', true), undefined, t0)).escalationId!;
      const addresses = ['ann@example.com', 'bob@example.net', 'Ann@Example.COM', 'BOB@example.net'];
      const contact = (i: number, now: number) => {
        const email = addresses[i % addresses.length]!;
        return store.forwardEscalation(id, { email }, { ...mail(), replyTo: { address: email } }, now);
      };
      let mailed = 0;
      for (let i = 0; i < 10; i++) {
        const r = await contact(i, t0 + i * 1000);
        if (r.outcome === 'forwarded' && r.mailed) mailed++;
        // The first mail is delivered at once, as with a working mail server.
        if (i === 0) for (const m of await store.claimMail(t0, 60_000, 10)) await store.markMailSent(m.id, t0 + 500);
      }
      expect(mailed).toBe(1);
      expect(await store.listOutbox()).toHaveLength(1);
      // The default quiet time: 1 s short of an hour nothing more, 1 s past it one more.
      expect(await contact(1, t0 + HOUR - 1000)).toMatchObject({ outcome: 'forwarded', mailed: false });
      expect(await contact(2, t0 + HOUR + 1000)).toMatchObject({ outcome: 'forwarded', mailed: true });
      expect(await store.listOutbox()).toHaveLength(2);
    });

    it('the cap counts every escalation the client opened in the window, whatever became of it, "none of these" picks too', async () => {
      await open();
      const t0 = 1_800_000_000_000;
      const cap = { max: 2, windowMs: 24 * 3_600_000 };
      const ask = (i: number, now: number) => store.recordTurn({ ...turn(`conv-any-${i}`, `question ${i}?`, true), clientKey: 'client-z' }, cap, now);
      const a = (await ask(0, t0)).escalationId!;
      const b = (await ask(1, t0 + 1000)).escalationId!;
      // Leaving an address on one and having the other closed frees no place.
      expect(await store.forwardEscalation(a, { email: 'v@example.com' }, mail(), t0 + 2000)).toMatchObject({ outcome: 'forwarded' });
      await store.resolveEscalations([b], undefined, [], t0 + 3000);
      expect((await ask(2, t0 + 4000)).escalationId).toBeUndefined();
      const choices = [{ id: 'c1', answer: 'A quote.', sources: [], passage: 1, sentence: 0 }];
      await store.recordTurn(
        { conversationId: 'conv-any-pick', question: 'Which one?', answer: 'Is it one of these?', escalated: false, confidence: 0.6, choices },
        undefined,
        t0 + 5000,
      );
      const offer = (await store.openOffer('conv-any-pick'))!;
      const none = { conversationId: 'conv-any-pick', question: 'Which one?', answer: 'passing on', escalated: true, confidence: 0.6, clientKey: 'client-z' };
      expect(await store.recordPick({ ...none, pick: { turn: offer.turn, choice: 'none' } }, cap, t0 + 6000)).toEqual({});
      expect(await store.countEscalations()).toEqual({ open: 0, forwarded: 1, resolved: 1 });
      // Once the first has left the window, one place is free again.
      expect((await ask(3, t0 + 24 * 3_600_000 + 1)).escalationId).toBeDefined();
      expect((await ask(4, t0 + 24 * 3_600_000 + 2)).escalationId).toBeUndefined();
    });

    it('once the reply is delivered, every address the escalation ever had is gone: the contact, the helpdesk mails sent (scrubbed) and waiting (dropped)', async () => {
      await open();
      const t0 = 1_800_000_000_000;
      const id = (await store.recordTurn(turn('conv-erase', 'Who is the CEO?', true), undefined, t0)).escalationId!;
      const helpdesk = (email: string, name?: string): NewMail => ({
        to: 'helpdesk@example.org',
        replyTo: { address: email, ...(name ? { name } : {}) },
        subject: 'FAQ question: Who is the CEO?',
        text: `Reply to this mail to answer them: it goes to ${name ? `${name} <${email}>` : email}.\n> Who is the CEO?`,
      });
      // Address a: the helpdesk is mailed, and the mail delivered.
      await store.forwardEscalation(id, { email: 'Ann.First@Example.com', name: 'Ann Visitor' }, helpdesk('Ann.First@Example.com', 'Ann Visitor'), t0);
      for (const m of await store.claimMail(t0, 60_000, 10)) await store.markMailSent(m.id, t0 + 1000);
      // Address b two hours later: a second helpdesk mail, which the mail server is down for.
      await store.forwardEscalation(id, { email: 'bob.second@example.net' }, helpdesk('bob.second@example.net'), t0 + 7_200_000);
      const [waiting] = await store.claimMail(t0 + 7_200_000, 60_000, 10);
      await store.markMailFailed(waiting!.id, 'connect ECONNREFUSED', t0 + 7_300_000);
      // Staff answer; the reply to b is due before the waiting helpdesk mail and is delivered.
      const reply = { to: 'bob.second@example.net', replyTo: { address: 'helpdesk@example.org' }, subject: 'Your question', text: 'Seth is the GM.' };
      await store.resolveEscalations([id], { question: 'Who is the CEO?', answer: 'Seth is the GM.' }, [{ escalationId: id, mail: reply }], t0 + 7_210_000);
      const dump = async () => JSON.stringify([await store.getEscalation(id), await store.listOutbox()]).toLowerCase();
      expect(await dump()).toContain('ann.first@example.com');
      const claimed = await store.claimMail(t0 + 7_210_000, 60_000, 10);
      expect(claimed.map((m) => m.to)).toEqual(['bob.second@example.net']);
      await store.markMailSent(claimed[0]!.id, t0 + 7_211_000);

      const after = await dump();
      for (const address of ['ann.first@example.com', 'bob.second@example.net']) expect(after).not.toContain(address);
      expect(await store.getEscalation(id)).toMatchObject({ status: 'resolved', repliedAt: t0 + 7_211_000 });
      expect((await store.getEscalation(id))?.contact).toBeUndefined();
      // The helpdesk's delivered copy stays, without the visitor; the one still waiting is dropped, so it cannot go out after the reply.
      const out = await store.listOutbox();
      expect(out.map((m) => [m.to, m.status])).toEqual([
        ['(deleted)', 'sent'],
        ['helpdesk@example.org', 'sent'],
      ]);
      expect(out[1]!.replyTo).toBeUndefined();
      expect(out[1]!.text).toContain('it goes to (address deleted).');
      expect(out[1]!.text).not.toContain('Ann Visitor');
      expect(await store.claimMail(t0 + 100 * 3_600_000, 60_000, 10)).toEqual([]);
    });

    it('pages and counts escalations', async () => {
      await open();
      for (let i = 0; i < 5; i++) await store.recordTurn(turn(`conv-page-${i}`, `q${i}`, true), undefined, 1_000 + i);
      expect((await store.listEscalations('open', { limit: 2, offset: 1 })).map((e) => e.question)).toEqual(['q3', 'q2']);
      expect(await store.countEscalations()).toEqual({ open: 5, forwarded: 0, resolved: 0 });
    });

    it('keeps staff sessions until they expire or end', async () => {
      await open();
      await store.createSession('a'.repeat(64), 2_000, 1_000);
      expect(await store.sessionActive('a'.repeat(64), 1_500)).toBe(true);
      expect(await store.sessionActive('a'.repeat(64), 2_000)).toBe(false);
      expect(await store.sessionActive('b'.repeat(64), 1_500)).toBe(false);
      await store.endSession('a'.repeat(64));
      expect(await store.sessionActive('a'.repeat(64), 1_500)).toBe(false);
      await store.createSession('c'.repeat(64), 2_000, 1_000);
      await store.purge(0, 3_000);
      expect(await store.sessionActive('c'.repeat(64), 1_500)).toBe(false);
    });

    it('makes a secret once and keeps it', async () => {
      await open();
      const a = await store.secret('salt');
      expect(a).toMatch(/^[0-9a-f]{64}$/);
      expect(await store.secret('salt')).toBe(a);
      expect(await store.secret('other')).not.toBe(a);
    });

    it('records the site it belongs to once, and replaces it only when told which site moved', async () => {
      await open();
      expect(await store.claimSite('https://www.example.org')).toBe('https://www.example.org');
      // New content for the same site, or another site: the record stays.
      expect(await store.claimSite('https://www.example.org')).toBe('https://www.example.org');
      expect(await store.claimSite('https://museum.example')).toBe('https://www.example.org');
      // A move names the site it moves from; naming another changes nothing.
      expect(await store.claimSite('https://museum.example', 'https://elsewhere.example')).toBe('https://www.example.org');
      expect(await store.claimSite('https://example.org', 'https://www.example.org')).toBe('https://example.org');
      expect(await store.claimSite('https://www.example.org')).toBe('https://example.org');
      // It is not one of the store's secrets, and retention never purges it.
      expect(await store.secret('site:origin')).toMatch(/^[0-9a-f]{64}$/);
      await store.purge(Date.now() + 1_000);
      expect(await store.claimSite('https://other.example')).toBe('https://example.org');
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
      const r = await store.resolveEscalations([a, b], {
        question: 'Who is the CEO?',
        answer: 'Seth Newberry is the General Manager.',
        sourceUrl: 'https://omaspecworks.org/about/',
      });
      expect(r?.resolved.sort()).toEqual([a, b].sort());
      expect(r?.staffAnswer).toMatchObject({
        question: 'Who is the CEO?',
        answer: 'Seth Newberry is the General Manager.',
        sourceUrl: 'https://omaspecworks.org/about/',
        escalationId: a,
      });
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

    it('keeps corrections, with whether the question should have escalated, and changes the staff version with each', async () => {
      await open();
      const v0 = await store.staffVersion();
      const wrong = await store.addCorrection({ question: 'Who can join?', wrong: 'A quote that does not answer it.' });
      const escalate = await store.addCorrection({ question: 'Is there parking?', wrong: 'Another quote.', escalate: true });
      expect(wrong.escalate).toBeUndefined();
      expect(escalate).toMatchObject({ question: 'Is there parking?', escalate: true });
      expect((await store.staffKnowledge()).corrections.map((c) => [c.question, c.escalate ?? false])).toEqual([
        ['Who can join?', false],
        ['Is there parking?', true],
      ]);
      expect(await store.staffVersion()).not.toBe(v0);
      expect(await store.removeCorrection(escalate.id)).toBe(true);
      expect(await store.listCorrections()).toEqual([expect.objectContaining({ id: wrong.id })]);
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

    it('top unanswered leaves out what staff resolved (answered or dismissed); a question asked again afterwards counts from then', async () => {
      await open();
      const t0 = 1_800_000_000_000;
      const ceo = await store.recordTurn(turn('conv-u1', 'Who is the CEO?', true), undefined, t0);
      await store.recordTurn(turn('conv-u2', 'who is the CEO? ', true), undefined, t0 + 1000);
      await store.recordTurn(turn('conv-u3', 'Is there parking?', true), undefined, t0 + 2000);
      const fees = await store.recordTurn(turn('conv-u4', 'What are the fees?', true), undefined, t0 + 3000);
      await store.resolveEscalations([ceo.escalationId!], { question: 'Who is the CEO?', answer: 'The General Manager.' }, [], t0 + 10_000);
      await store.resolveEscalations([fees.escalationId!], undefined, [], t0 + 10_000);
      await store.recordTurn(turn('conv-u5', 'What are the fees?', true), undefined, t0 + 20_000);
      const top = (await store.stats(t0 - 1)).topUnanswered;
      // The second CEO wording (same words, case and spacing aside) was asked before the resolution: settled too.
      expect(top.map((t) => [t.question, t.count]).sort()).toEqual([
        ['Is there parking?', 1],
        ['What are the fees?', 1],
      ]);
    });

    it('counts the log’s turns with the same filters as it lists them', async () => {
      await open();
      for (let i = 0; i < 7; i++) await store.recordTurn({ ...turn(`conv-l${i}`, `Question ${i} 100%_?`, false), confidence: i < 3 ? 0.5 : 0.9 });
      await store.recordFeedback({ conversationId: 'conv-l1', helpful: false });
      await store.recordFeedback({ conversationId: 'conv-l2', helpful: false });
      await store.recordFeedback({ conversationId: 'conv-l2', helpful: true }); // the latest feedback counts
      for (const filter of [{}, { maxConfidence: 0.7 }, { unhelpful: true }, { search: '100%_' }, { search: 'question 1' }, { search: '%' }]) {
        const listed = await store.recentTurns({ limit: 100, ...filter });
        expect(await store.countTurns(filter), JSON.stringify(filter)).toBe(listed.length);
      }
      expect(await store.countTurns({})).toBe(7);
      expect(await store.countTurns({ maxConfidence: 0.7 })).toBe(3);
      expect(await store.countTurns({ unhelpful: true })).toBe(1);
    });

    it('counts questions three ways (answered, choices, escalated) and what visitors did with the choices; a pick is not a new question', async () => {
      await open();
      const since = Date.now() - 1000;
      const quotes = [
        {
          id: 'a1',
          answer: 'All OMA members operate under the same IPR policy.',
          sources: [{ title: 'About', url: 'https://example.org/about' }],
          passage: 3,
          sentence: 0,
        },
        { id: 'a2', answer: 'Essential IPR is defined in the schedule.', sources: [{ title: 'IPR', url: 'https://example.org/ipr' }], passage: 4, sentence: 1 },
      ];
      const offer = async (conversationId: string, question: string) => {
        await store.recordTurn({ conversationId, question, answer: 'Is it one of these?', escalated: false, confidence: 0.6, choices: quotes });
        return (await store.openOffer(conversationId))!.turn;
      };
      await store.recordTurn(turn('conv-c0', 'What is OMA?', false));
      await store.recordTurn({ conversationId: 'conv-c0', question: 'Is it unsure?', answer: 'A doubtful quote.', escalated: false, confidence: 0.5 });
      await store.recordTurn(turn('conv-c0', 'Who is the CEO?', true));
      const picked = await offer('conv-c1', 'What is the IPR policy?');
      const declined = await offer('conv-c2', 'Which IPR rules apply?');
      const unpicked = await offer('conv-c3', 'Is there an IPR policy?');
      const reply = { answer: quotes[1]!.answer, escalated: false, confidence: 0.6 };
      expect(
        await store.recordPick({ ...reply, conversationId: 'conv-c1', question: 'What is the IPR policy?', pick: { turn: picked, choice: 'a2' } }),
      ).toEqual({});
      const none = await store.recordPick({
        conversationId: 'conv-c2',
        question: 'Which IPR rules apply?',
        answer: 'passing to helpdesk',
        escalated: true,
        confidence: 0.6,
        pick: { turn: declined, choice: 'none' },
      });
      expect(none?.escalationId).toBeTruthy();

      const s = await store.stats(since);
      expect(s).toMatchObject({ asked: 6, answered: 2, choices: 3, escalated: 1, answeredRate: 2 / 6, picks: { picked: 1, declined: 1, unpicked: 1 } });
      // Unanswered: escalated at once, or after declining the choices (once each).
      expect(s.topUnanswered.map((t) => [t.question, t.count]).sort()).toEqual([
        ['Which IPR rules apply?', 1],
        ['Who is the CEO?', 1],
      ]);
      const days = await store.answeredPerDay(since);
      const sum = (k: 'asked' | 'answered' | 'choices' | 'escalated') => days.reduce((n, d) => n + d[k], 0);
      expect([sum('asked'), sum('answered'), sum('choices'), sum('escalated')]).toEqual([6, 2, 3, 1]);
      expect(days.every((d) => d.answered + d.choices + d.escalated === d.asked && /^\d{4}-\d\d-\d\d$/.test(d.day))).toBe(true);
      const empty = await store.stats(Date.now() + 60_000);
      expect(empty).toMatchObject({ asked: 0, answered: 0, choices: 0, escalated: 0, answeredRate: 0, picks: { picked: 0, declined: 0, unpicked: 0 } });

      // The log: offers carry their choices and the pick; the pick's reply points at its offer.
      const log = await store.recentTurns({ limit: 20 });
      const byId = new Map(log.map((t) => [t.id, t]));
      expect(byId.get(picked)).toMatchObject({ choices: quotes, picked: 'a2' });
      expect(byId.get(declined)).toMatchObject({ picked: 'none' });
      expect(byId.get(unpicked)?.picked).toBeUndefined();
      expect(log.filter((t) => t.pickOf !== undefined).map((t) => [t.pickOf, t.escalated])).toEqual([
        [declined, true],
        [picked, false],
      ]);
      // Low confidence: the questions the bot was unsure of — a direct answer below the line, or choices — never a pick's reply.
      const low = await store.recentTurns({ limit: 20, maxConfidence: 0.7 });
      expect(low.map((t) => t.question)).toEqual(['Is there an IPR policy?', 'Which IPR rules apply?', 'What is the IPR policy?', 'Is it unsure?']);
    });

    it('an offer of choices is open to one pick only, and only while it is the last turn', async () => {
      await open();
      const choices = [{ id: 'c1', answer: 'A quote.', sources: [], passage: 1, sentence: 0 }];
      const offer = async (conversationId: string) => {
        await store.recordTurn({ conversationId, question: 'Which one?', answer: 'Is it one of these?', escalated: false, confidence: 0.6, choices });
        return (await store.openOffer(conversationId))!;
      };
      const reply = (conversationId: string, turn: number, choice = 'c1') => ({
        conversationId,
        question: 'Which one?',
        answer: 'A quote.',
        escalated: false,
        confidence: 0.6,
        pick: { turn, choice },
      });
      // A turn without choices offers nothing; an unknown conversation neither.
      await store.recordTurn(turn('conv-o0', 'What is OMA?', false));
      expect(await store.openOffer('conv-o0')).toBeUndefined();
      expect(await store.openOffer('no-such-conversation')).toBeUndefined();

      const first = await offer('conv-o1');
      expect(first).toMatchObject({ question: 'Which one?', confidence: 0.6, choices });
      expect(await store.recordPick(reply('conv-o1', first.turn))).toEqual({});
      // Picked: closed, and a second pick records nothing.
      expect(await store.openOffer('conv-o1')).toBeUndefined();
      expect(await store.recordPick(reply('conv-o1', first.turn))).toBeUndefined();
      expect((await store.transcript('conv-o1')).length).toBe(2);

      // A new question after the offer closes it too.
      const second = await offer('conv-o2');
      await store.recordTurn(turn('conv-o2', 'Something else?', false));
      expect(await store.openOffer('conv-o2')).toBeUndefined();
      expect(await store.recordPick(reply('conv-o2', second.turn))).toBeUndefined();
      expect((await store.transcript('conv-o2')).length).toBe(2);

      // "None of these" opens an escalation, within the client's cap like any other.
      const third = await offer('conv-o3');
      const capped = await store.recordPick({ ...reply('conv-o3', third.turn, 'none'), escalated: true, clientKey: 'client-x' }, { max: 0, windowMs: 60_000 });
      expect(capped).toEqual({});
      expect(await store.openOffer('conv-o3')).toBeUndefined();
      const fourth = await offer('conv-o4');
      const opened = await store.recordPick({ ...reply('conv-o4', fourth.turn, 'none'), escalated: true, clientKey: 'client-y' });
      expect(await store.getEscalation(opened!.escalationId!)).toMatchObject({ question: 'Which one?', status: 'open' });
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
      expect(await store.conversation('conv-p1')).toBeUndefined();
      expect(await store.getEscalation(escalationId!)).toBeUndefined();
      // Open questions (and their contacts) go too: never answered is no reason to keep personal data.
      const open2 = (await store.recordTurn(turn('conv-p2', 'What are the fees?', true), undefined, Date.now() - 10 * 60_000)).escalationId!;
      await store.forwardEscalation(open2, { email: 'v@example.com' }, mail(), Date.now() - 10 * 60_000);
      await store.purge(Date.now() - 60_000);
      expect(await store.getEscalation(open2)).toBeUndefined();
      // Staff answers are the product, not personal data: they stay.
      expect((await store.listStaffAnswers()).map((x) => x.id)).toEqual([staff.id]);
    });
  });
}
