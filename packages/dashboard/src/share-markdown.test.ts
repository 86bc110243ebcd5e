import { describe, expect, it } from 'vitest';
import { cardUrl, shareMarkdown } from './share-markdown.js';

describe('shareMarkdown', () => {
  it('links the card image to the writer’s velog page', () => {
    expect(shareMarkdown('https://insights.example', 'alice', 'en')).toBe(
      '[![velog stats](https://insights.example/card/alice.svg)](https://velog.io/@alice)',
    );
    expect(shareMarkdown('http://127.0.0.1:3000', 'alice', 'ko')).toContain('[![벨로그 통계](');
  });

  it('keeps a username that Markdown or a URL would misread in one piece', () => {
    const markdown = shareMarkdown('https://x.example', 'a)b](c', 'en');
    expect(markdown).toBe(
      '[![velog stats](https://x.example/card/a%29b%5D%28c.svg)](https://velog.io/@a%29b%5D%28c)',
    );
  });

  it('asks for a language only when told to', () => {
    expect(cardUrl('https://x.example', 'bob', 'ko')).toBe(
      'https://x.example/card/bob.svg?lang=ko',
    );
  });
});
