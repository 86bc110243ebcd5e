import { addKstDays, type KstDate, PostSort } from '@velog-insights/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ViewState } from './context.js';
import { MAX_RANGE_DAYS, RANGE_PRESETS, type RangeChoice } from './range.js';
import type { Route } from './routes.js';
import {
  decodeLocation,
  defaultViewState,
  encodeLocation,
  MAX_COMPARE,
  normalizeQuery,
} from './url-state.js';

const day = fc
  .date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2030-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10) as KstDate);

const rangeChoice: fc.Arbitrary<RangeChoice> = fc.oneof(
  fc.constantFrom(...RANGE_PRESETS).map((preset) => ({ kind: 'preset' as const, preset })),
  fc
    .tuple(day, fc.integer({ min: 0, max: MAX_RANGE_DAYS - 1 }))
    .map(([from, length]) => ({ kind: 'custom' as const, from, to: addKstDays(from, length) })),
);

const postId = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' });

const viewState: fc.Arbitrary<ViewState> = fc.record({
  range: rangeChoice,
  table: fc.record({
    sort: fc.option(fc.constantFrom(...PostSort.options), { nil: null }),
    order: fc.constantFrom('asc' as const, 'desc' as const),
    q: fc.string({ maxLength: 220, unit: 'grapheme' }).map(normalizeQuery),
    page: fc.integer({ min: 1, max: 10_000 }),
  }),
  insights: fc.record({
    // The launch route takes ids separated by commas, so a compared id holds none.
    compare: fc.uniqueArray(
      postId.filter((id) => !id.includes(',')),
      { maxLength: MAX_COMPARE },
    ),
    curve: fc.constantFrom('cumulative' as const, 'daily' as const),
  }),
});

const route: fc.Arbitrary<Route> = fc.oneof(
  fc.constant({ kind: 'dashboard' as const }),
  postId.map((id) => ({ kind: 'post' as const, postId: id })),
);

describe('the view state in the URL', () => {
  it('reads back every state of the dashboard it writes', () => {
    fc.assert(
      fc.property(viewState, (state) => {
        const hash = encodeLocation({ kind: 'dashboard' }, state);
        expect(decodeLocation(hash)).toEqual({ route: { kind: 'dashboard' }, state });
      }),
    );
  });

  it('gives a post its range, keeping the rest of what the page held', () => {
    fc.assert(
      fc.property(route, viewState, viewState, (where, state, held) => {
        const hash = encodeLocation(where, state);
        const decoded = decodeLocation(hash, held);
        expect(decoded.route).toEqual(where);
        expect(decoded.state.range).toEqual(state.range);
        if (where.kind === 'post') {
          expect(decoded.state.table).toEqual(held.table);
          expect(decoded.state.insights).toEqual(held.insights);
          // Only the range is in a post's URL: it stays short and shareable.
          expect(hash).not.toMatch(/[?&](sort|order|q|page|compare|curve)=/);
        }
      }),
    );
  });

  it('keeps the settings page the settings page, holding the view state for the way back', () => {
    fc.assert(
      fc.property(viewState, viewState, (state, held) => {
        const hash = encodeLocation({ kind: 'settings' }, state);
        expect(hash).toBe('#/settings');
        expect(decodeLocation(hash, held)).toEqual({ route: { kind: 'settings' }, state: held });
      }),
    );
  });

  it('leaves the defaults out, so the plain dashboard is #/', () => {
    expect(encodeLocation({ kind: 'dashboard' }, defaultViewState())).toBe('#/');
    expect(encodeLocation({ kind: 'post', postId: 'a b' }, defaultViewState())).toBe(
      '#/posts/a%20b',
    );
    const state = defaultViewState();
    state.range = { kind: 'custom', from: '2026-01-01' as KstDate, to: '2026-02-01' as KstDate };
    state.table = { sort: 'views', order: 'asc', q: 'react hooks', page: 3 };
    state.insights = { compare: ['p1', 'p2'], curve: 'daily' };
    expect(encodeLocation({ kind: 'dashboard' }, state)).toBe(
      '#/?range=2026-01-01..2026-02-01&sort=views&order=asc&q=react+hooks&page=3&compare=p1&compare=p2&curve=daily',
    );
  });

  it('reads any junk as the defaults, field by field, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (junk) => {
        for (const hash of [junk, `#${junk}`, `#/?${junk}`, `#/posts/${junk}`]) {
          const { state } = decodeLocation(hash);
          expect(state.table.page).toBeGreaterThanOrEqual(1);
          expect(state.insights.compare.length).toBeLessThanOrEqual(MAX_COMPARE);
        }
      }),
    );
    expect(decodeLocation('#/?range=12&sort=best&order=up&page=-2&curve=log')).toEqual({
      route: { kind: 'dashboard' },
      state: defaultViewState(),
    });
    expect(decodeLocation('#/?range=2026-02-01..2026-01-01&page=0x10').state).toEqual(
      defaultViewState(),
    );
    expect(decodeLocation('#/?range=2020-01-01..2026-01-01').state.range).toEqual(
      defaultViewState().range,
    );
    expect(decodeLocation('#/?range=90&page=2').state).toMatchObject({
      range: { kind: 'preset', preset: 90 },
      table: { page: 2 },
    });
    expect(decodeLocation('#/posts/%E0%A4%A?range=all').route).toEqual({ kind: 'dashboard' });
  });
});
