import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';

describe('parseCliArgs', () => {
  it('defaults to what velog does: shuffled ties, views in v3 listings for everyone', () => {
    expect(parseCliArgs([])).toMatchObject({ tieOrder: 'shuffle', viewsInPosts: 'everyone' });
    expect(parseCliArgs(['--views-in-posts', 'never']).viewsInPosts).toBe('never');
  });

  it('takes --tie-order id and refuses anything else', () => {
    expect(parseCliArgs(['--tie-order', 'id']).tieOrder).toBe('id');
    expect(() => parseCliArgs(['--tie-order', 'random'])).toThrow(
      '--tie-order must be one of shuffle, id; got "random"',
    );
  });
});
