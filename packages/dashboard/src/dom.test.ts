import { describe, expect, it } from 'vitest';
import { safeHref } from './dom.js';

describe('safeHref', () => {
  const base = 'http://127.0.0.1:8080/';

  it('keeps web links', () => {
    expect(safeHref('https://velog.io/@writer/post-slug', base)).toBe(
      'https://velog.io/@writer/post-slug',
    );
  });

  it('never lets a link run script or leave the web', () => {
    expect(safeHref('javascript:alert(1)', base)).toBe('#');
    expect(safeHref(' JavaScript:alert(1)', base)).toBe('#');
    expect(safeHref('data:text/html,<b>x</b>', base)).toBe('#');
    expect(safeHref('http://[broken', base)).toBe('#');
  });
});
