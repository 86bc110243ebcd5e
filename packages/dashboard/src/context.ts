import type { KstDate, MeResponse, PostSort } from '@velog-insights/shared';
import type { Lang, Translate } from './i18n.js';
import type { RangeChoice } from './range.js';

/** What the page remembers while it is open; a language switch or a reload keeps it. */
export interface ViewState {
  range: RangeChoice;
  table: {
    /** `null`: the page picks (views in the range, or total views while the range has none). */
    sort: PostSort | null;
    order: 'asc' | 'desc';
    q: string;
    /** 1-based; a page number rather than cursors, so a shared URL opens the same page. */
    page: number;
  };
  /** The launch-curve comparison: the posts picked, and how their curves are drawn. */
  insights: { compare: string[]; curve: 'cumulative' | 'daily' };
}

/** Everything a signed-in view needs from the shell in main.ts. */
export interface AppContext {
  readonly lang: Lang;
  readonly t: Translate;
  readonly me: MeResponse;
  readonly state: ViewState;
  /** KST today by the API's clock once a summary has told us, by the browser's before. */
  today: KstDate;
  setLang(lang: Lang): void;
  /** Re-reads /api/me and renders the current route again. */
  reload(): void;
  /**
   * Puts `state` (changed in place) into the URL: `replace` for a change within the view
   * (search typing, paging), otherwise a history entry; re-renders unless `render` is false,
   * then focuses the `focus` selector.
   */
  commitState(options?: { replace?: boolean; render?: boolean; focus?: string }): void;
  signOut(): Promise<void>;
  /** False once the view has been replaced, so late answers are dropped. */
  alive(): boolean;
  /** Runs when the view is replaced: destroys charts, stops timers. */
  onDispose(cleanup: () => void): void;
}
