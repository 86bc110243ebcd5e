import { describe, expect, it } from 'vitest';
import { parseOutboxMessage } from './payloads.js';
import { renderMessage } from './render.js';

const links = { dashboard: 'https://insights.test/', unsubscribe: 'https://insights.test/u?t=1' };

describe('rendering a message', () => {
  it('escapes what the writer wrote in the HTML, and keeps it as written in the text', () => {
    const message = parseOutboxMessage('milestone', {
      postId: 'p',
      title: '<script>alert("x")</script> & co',
      urlSlug: 'slug',
      username: 'me',
      milestone: 100,
      views: 101,
    });
    if (message === null) throw new Error('a valid payload');
    const rendered = renderMessage(message, 'en', links);
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(rendered.text).toContain('<script>alert("x")</script> & co');
    expect(rendered.text).toContain(
      'Stop all alerts (e-mail and webhooks): https://insights.test/u?t=1',
    );
  });

  it('speaks the writer’s language, and says a week it could not measure is unknown', () => {
    const message = parseOutboxMessage('digest', {
      username: 'me',
      week: { from: '2026-11-30', to: '2026-12-06' },
      views: null,
      likes: null,
      previous: { views: 10, likes: 1 },
      top: [],
      newPosts: [],
    });
    if (message === null) throw new Error('a valid payload');
    expect(renderMessage(message, 'ko', links).subject).toBe(
      '주간 요약 2026-11-30 ~ 2026-12-06: 조회수 알 수 없음',
    );
    expect(renderMessage(message, 'en', links).subject).toBe(
      'Your week 2026-11-30 to 2026-12-06: unknown views',
    );
  });

  it('refuses a payload that does not fit its kind', () => {
    expect(parseOutboxMessage('spike', { day: 'yesterday' })).toBeNull();
  });
});
