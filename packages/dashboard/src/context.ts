import type { KstDate, MeResponse, PostSort } from '@velog-insights/shared';
import type { Lang, Translate } from './i18n.js';
import type { RangeChoice } from './range.js';

/** What the page remembers while it is open; a language switch or a reload keeps it. */
export interface ViewState {
  range: RangeChoice;
  table: {
    sort: PostSort;
    order: 'asc' | 'desc';
    q: string;
    /** The cursors of the pages before the current one; empty on page 1. */
    cursors: string[];
  };
  /** The launch curves' selection: chosen post ids (empty: the latest five), and which curve. */
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
  signOut(): Promise<void>;
  /** False once the view has been replaced, so late answers are dropped. */
  alive(): boolean;
  /** Runs when the view is replaced: destroys charts, stops timers. */
  onDispose(cleanup: () => void): void;
}
