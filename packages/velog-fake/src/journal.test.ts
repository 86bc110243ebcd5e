import { describe, expect, it } from 'vitest';
import { Journal } from './journal.js';

const AT = new Date('2026-11-22T00:00:00Z');

describe('Journal', () => {
  it('numbers entries and counts the most in flight at once', () => {
    const journal = new Journal();
    const a = journal.begin('v3', {}, null, AT);
    const b = journal.begin('v2', { access_token: 'x' }, 'https://velog.io', AT);
    a.end(AT);
    const c = journal.begin('v2cdn', {}, null, AT);
    b.end(AT);
    c.end(null);
    expect(journal.entries().map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(journal.maxInFlight()).toBe(2);
    expect(journal.entries()[2]?.endedAt).toBeNull();
  });

  it('ends an entry once, and reset keeps counting from what is still in flight', () => {
    const journal = new Journal();
    const a = journal.begin('v3', {}, null, AT);
    const b = journal.begin('v3', {}, null, AT);
    b.end(AT);
    b.end(AT);
    journal.reset();
    expect(journal.entries()).toEqual([]);
    expect(journal.maxInFlight()).toBe(1);
    const c = journal.begin('v3', {}, null, AT);
    expect(journal.maxInFlight()).toBe(2);
    a.end(AT);
    c.end(AT);
    expect(journal.entries().map((entry) => entry.seq)).toEqual([3]);
  });

  it('hands out copies', () => {
    const journal = new Journal();
    journal.begin('v3', { a: '1' }, null, AT);
    const [copy] = journal.entries();
    if (copy === undefined) throw new Error('no entry');
    copy.cookies.a = 'changed';
    copy.startedAt.setTime(0);
    expect(journal.entries()[0]?.cookies.a).toBe('1');
    expect(journal.entries()[0]?.startedAt.getTime()).toBe(AT.getTime());
  });
});
