import {
  kstDaysBetween,
  MAX_LAUNCH_POST_ID,
  MAX_LAUNCH_POSTS,
  PostSort,
  parseKstDate,
} from '@velog-insights/shared';
import type { ViewState } from './context.js';
import { DEFAULT_RANGE, MAX_RANGE_DAYS, RANGE_PRESETS, type RangeChoice } from './range.js';
import { parseRoute, type Route } from './routes.js';

/**
 * The whole view in the URL hash, so a reload or a shared link opens the same view:
 * `#/?range=90&sort=views&order=asc&q=react&page=3` and `#/posts/<id>?range=all`.
 *
 * Every field is one entry of FIELDS below: how it reads from and writes to the query, with
 * its default left out of the URL. A new field is one more entry; decoding never throws, and a
 * value it cannot read falls back to that field's default.
 */

export const MAX_QUERY_LENGTH = 200;
export const MAX_COMPARE = MAX_LAUNCH_POSTS;
const MAX_PAGE = 10_000;

export function defaultViewState(): ViewState {
  return {
    range: DEFAULT_RANGE,
    table: { sort: null, order: 'desc', q: '', page: 1 },
    insights: { compare: [], curve: 'cumulative' },
  };
}

interface Field {
  read(query: URLSearchParams, state: ViewState): void;
  write(state: ViewState, query: URLSearchParams): void;
}

const range: Field = {
  read: (query, state) => {
    const parsed = parseRangeParam(query.get('range'));
    if (parsed !== null) state.range = parsed;
  },
  write: (state, query) => {
    const text = formatRangeParam(state.range);
    if (text !== formatRangeParam(DEFAULT_RANGE)) query.set('range', text);
  },
};

/** Only the dashboard keeps these; a post's URL carries its range and nothing else. */
const TABLE_AND_INSIGHTS: Field[] = [
  {
    read: (query, state) => {
      const sort = PostSort.safeParse(query.get('sort'));
      if (sort.success) state.table.sort = sort.data;
    },
    write: (state, query) => {
      if (state.table.sort !== null) query.set('sort', state.table.sort);
    },
  },
  {
    read: (query, state) => {
      const order = query.get('order');
      if (order === 'asc' || order === 'desc') state.table.order = order;
    },
    write: (state, query) => {
      if (state.table.order !== 'desc') query.set('order', state.table.order);
    },
  },
  {
    read: (query, state) => {
      state.table.q = normalizeQuery(query.get('q') ?? '');
    },
    write: (state, query) => {
      if (state.table.q !== '') query.set('q', state.table.q);
    },
  },
  {
    read: (query, state) => {
      const text = query.get('page') ?? '';
      const page = /^[1-9]\d{0,4}$/.test(text) ? Number(text) : 1;
      state.table.page = Math.min(page, MAX_PAGE);
    },
    write: (state, query) => {
      if (state.table.page > 1) query.set('page', String(state.table.page));
    },
  },
  {
    read: (query, state) => {
      // What the launch route takes, so a shared link never asks it for a comparison it refuses.
      const ids = query
        .getAll('compare')
        .filter((id) => id !== '' && id.length <= MAX_LAUNCH_POST_ID && !id.includes(','));
      state.insights.compare = [...new Set(ids)].slice(0, MAX_COMPARE);
    },
    write: (state, query) => {
      for (const id of state.insights.compare) query.append('compare', id);
    },
  },
  {
    read: (query, state) => {
      const curve = query.get('curve');
      if (curve === 'cumulative' || curve === 'daily') state.insights.curve = curve;
    },
    write: (state, query) => {
      if (state.insights.curve !== 'cumulative') query.set('curve', state.insights.curve);
    },
  },
];

function fieldsFor(route: Route): Field[] {
  if (route.kind === 'settings') return [];
  return route.kind === 'dashboard' ? [range, ...TABLE_AND_INSIGHTS] : [range];
}

/** What a search box's text becomes in the state: trimmed, at most what the API takes. */
export function normalizeQuery(text: string): string {
  return Array.from(text.trim()).slice(0, MAX_QUERY_LENGTH).join('').trim();
}

export function parseRangeParam(text: string | null): RangeChoice | null {
  if (text === null) return null;
  const preset = RANGE_PRESETS.find((candidate) => String(candidate) === text);
  if (preset !== undefined) return { kind: 'preset', preset };
  const match = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  const from = parseKstDate(match?.[1] ?? '');
  const to = parseKstDate(match?.[2] ?? '');
  if (from === null || to === null || from > to) return null;
  if (kstDaysBetween(from, to) >= MAX_RANGE_DAYS) return null;
  return { kind: 'custom', from, to };
}

export function formatRangeParam(choice: RangeChoice): string {
  return choice.kind === 'preset' ? String(choice.preset) : `${choice.from}..${choice.to}`;
}

/** The hash for a route and the view state; fields at their defaults are left out. */
export function encodeLocation(route: Route, state: ViewState): string {
  const query = new URLSearchParams();
  for (const field of fieldsFor(route)) field.write(state, query);
  const path =
    route.kind === 'post'
      ? `#/posts/${encodeURIComponent(route.postId)}`
      : route.kind === 'settings'
        ? '#/settings'
        : '#/';
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}

export interface DecodedLocation {
  route: Route;
  state: ViewState;
}

/**
 * Reads any hash at all: what it cannot read is the default. On a post's URL only the range
 * is read; the rest of `base` (what the page held before) is kept.
 */
export function decodeLocation(
  hash: string,
  base: ViewState = defaultViewState(),
): DecodedLocation {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const at = text.indexOf('?');
  const route = parseRoute(text);
  const state: ViewState =
    route.kind === 'dashboard' ? defaultViewState() : structuredCloneState(base);
  let query: URLSearchParams;
  try {
    query = new URLSearchParams(at === -1 ? '' : text.slice(at + 1));
  } catch {
    query = new URLSearchParams();
  }
  if (route.kind === 'post') state.range = DEFAULT_RANGE;
  for (const field of fieldsFor(route)) field.read(query, state);
  return { route, state };
}

function structuredCloneState(state: ViewState): ViewState {
  return {
    range: state.range,
    table: { ...state.table },
    insights: { ...state.insights, compare: [...state.insights.compare] },
  };
}
