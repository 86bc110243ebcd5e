import { describe, expect, it } from 'vitest';
import { allMessageKeys, detectLang, messagesOf, translator } from './i18n.js';

describe('detectLang', () => {
  it('picks Korean for a Korean browser and English otherwise', () => {
    expect(detectLang(['ko-KR', 'en-US'])).toBe('ko');
    expect(detectLang(['ja-JP', 'ko'])).toBe('ko');
    expect(detectLang(['en-GB', 'ko-KR'])).toBe('en');
    expect(detectLang(['fr-FR'])).toBe('en');
    expect(detectLang([])).toBe('en');
  });
});

describe('translator', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('en');
    expect(t('posts.page', { from: 1, to: 20, total: 31 })).toBe('1–20 of 31');
    expect(translator('ko')('posts.page', { from: 1, to: 20, total: 31 })).toBe('31개 중 1–20');
    expect(t('header.updated')).toBe('Updated {time}');
  });

  it('has every message in both languages, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of allMessageKeys) {
      const en = messagesOf('en')[key];
      const ko = messagesOf('ko')[key];
      expect(ko.length, key).toBeGreaterThan(0);
      expect(placeholders(ko), key).toEqual(placeholders(en));
    }
  });
});
