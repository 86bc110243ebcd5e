import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CardFigures, escapeXml, renderCardSvg, sparkline } from './card-svg.js';

const base: CardFigures = {
  username: 'alice',
  displayName: 'Alice',
  totals: { views: 12345, likes: 67, posts: 3 },
  days: [1, 2, null, 4],
  lang: 'en',
};

describe('renderCardSvg', () => {
  it('shows the totals and the labels in the chosen language', () => {
    const en = renderCardSvg(base);
    expect(en).toContain('12,345');
    expect(en).toContain('>Views<');
    expect(en).toContain('width="480" height="140"');
    const ko = renderCardSvg({ ...base, lang: 'ko' });
    expect(ko).toContain('>조회수<');
    expect(ko).toContain('최근 30일 조회수');
  });

  it('is the same bytes for the same figures', () => {
    expect(renderCardSvg(base)).toBe(renderCardSvg({ ...base, days: [...base.days] }));
  });

  it('escapes a display name whatever it holds', () => {
    const svg = renderCardSvg({ ...base, displayName: '<script>&"x\'</script>' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;&amp;&quot;x&#39;&lt;/script&gt;');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (name) => {
        const out = renderCardSvg({ ...base, displayName: name });
        // Only our own elements: every < opens one of the tags the card is made of.
        const tags = out.match(/<\/?([a-z]+)/g) ?? [];
        for (const tag of tags)
          expect(['svg', 'title', 'style', 'rect', 'text', 'line', 'path', 'circle']).toContain(
            tag.replace(/<\/?/, ''),
          );
      }),
    );
  });

  it('never leaves a character XML forbids', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: what the test looks for.
        expect(escapeXml(text)).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
      }),
    );
  });
});

describe('sparkline', () => {
  const box = { x: 0, y: 0, width: 30, height: 10 };

  it('breaks the line at a gap instead of drawing a zero', () => {
    const { path, dots } = sparkline([0, 10, null, 5, 5, null, 10], box);
    expect(path).toBe('M0 10 L5 0 M15 5 L20 5');
    // A day observed between two gaps is a dot.
    expect(dots).toEqual([{ x: 30, y: 0 }]);
  });

  it('draws nothing for days never observed', () => {
    expect(sparkline([null, null], box)).toEqual({ path: '', dots: [] });
  });

  it('keeps every point inside the box', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.nat(1_000_000), { nil: null }), { maxLength: 31 }),
        (days) => {
          const { path, dots } = sparkline(days, box);
          const numbers = [...path.matchAll(/-?[\d.]+/g)].map((m) => Number(m[0]));
          for (const n of numbers) expect(n).toBeGreaterThanOrEqual(0);
          for (const dot of dots) expect(dot.y).toBeLessThanOrEqual(10);
        },
      ),
    );
  });
});
