import { describe, expect, it } from 'vitest';
import { loadFailures, replaceLoadSection } from './load-bench.js';

describe('replaceLoadSection', () => {
  const section = ['## API: under load', '', 'new figures'];

  it('replaces the section in place, leaving the ones around it', () => {
    const document = '# B\n\n## A\n\na\n\n## API: under load\n\nold\n\n## C\n\nc\n';
    expect(replaceLoadSection(document, section)).toBe(
      '# B\n\n## A\n\na\n\n## API: under load\n\nnew figures\n\n## C\n\nc\n',
    );
  });

  it('replaces a last section, and adds one that is missing', () => {
    expect(replaceLoadSection('# B\n\n## API: under load\n\nold\n', section)).toBe(
      '# B\n\n## API: under load\n\nnew figures\n',
    );
    expect(replaceLoadSection('# B\n\nb\n', section)).toBe(
      '# B\n\nb\n\n## API: under load\n\nnew figures\n',
    );
  });
});

describe('loadFailures', () => {
  it('names every route that had an error', () => {
    const run = { connections: 10, seconds: 30, requestsPerSecond: 1, median: 1, p99: 2 };
    const routes = [
      { name: 'summary', path: '/api/summary', requests: 30, errors: 0, ...run },
      { name: 'posts', path: '/api/posts', requests: 30, errors: 3, ...run },
    ];
    expect(loadFailures({ database: 'x', loadAverage: 0, routes })).toEqual([
      '/api/posts: 3 of 30 requests failed',
    ]);
  });
});
