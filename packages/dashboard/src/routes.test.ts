import { describe, expect, it } from 'vitest';
import { parseRoute } from './routes.js';

describe('parseRoute', () => {
  it('reads a post id from the hash, decoded', () => {
    expect(parseRoute('#/posts/3f1c-aa')).toEqual({ kind: 'post', postId: '3f1c-aa' });
    expect(parseRoute('#/posts/a%20b/')).toEqual({ kind: 'post', postId: 'a b' });
  });

  it('knows the settings page', () => {
    expect(parseRoute('#/settings')).toEqual({ kind: 'settings' });
    expect(parseRoute('#/settings/')).toEqual({ kind: 'settings' });
    expect(parseRoute('#/settingsx')).toEqual({ kind: 'dashboard' });
  });

  it('falls back to the dashboard for anything else', () => {
    expect(parseRoute('')).toEqual({ kind: 'dashboard' });
    expect(parseRoute('#/')).toEqual({ kind: 'dashboard' });
    expect(parseRoute('#/posts/')).toEqual({ kind: 'dashboard' });
    expect(parseRoute('#/posts/%E0%A4%A')).toEqual({ kind: 'dashboard' });
  });
});
