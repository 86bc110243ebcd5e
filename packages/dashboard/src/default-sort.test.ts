import { describe, expect, it } from 'vitest';
import { defaultSort } from './default-sort.js';

describe('defaultSort', () => {
  it('sorts by the views gained in the range once there are any', () => {
    expect(defaultSort(0)).toBe('periodViews');
    expect(defaultSort(1234)).toBe('periodViews');
  });

  it('falls back to the total views while no post has a figure for the range', () => {
    expect(defaultSort(null)).toBe('views');
  });
});
