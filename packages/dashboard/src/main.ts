import './styles.css';
import { kstToday } from '@velog-insights/shared';
import { api } from './api.js';
import type { AppContext, ViewState } from './context.js';
import { h, replaceChildren } from './dom.js';
import { errorBox } from './errors.js';
import { detectLang, isLang, type Lang, translator } from './i18n.js';
import { DEFAULT_RANGE } from './range.js';
import { parseRoute } from './routes.js';
import { renderSignIn } from './views/sign-in.js';

const LANG_KEY = 'velog-insights.lang';

function initialLang(): Lang {
  const saved = readStorage(LANG_KEY);
  return isLang(saved) ? saved : detectLang(navigator.languages ?? [navigator.language]);
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function freshState(): ViewState {
  return {
    range: DEFAULT_RANGE,
    table: { sort: 'periodViews', order: 'desc', q: '', cursors: [] },
  };
}

const root = document.getElementById('app') as HTMLElement;
let lang = initialLang();
let state = freshState();
let generation = 0;
const cleanups: (() => void)[] = [];
// Until a summary says otherwise, today is the browser clock's KST day.
let today = kstToday(new Date());

function dispose(): void {
  for (const cleanup of cleanups.splice(0)) cleanup();
}

function setLang(next: Lang): void {
  lang = next;
  try {
    localStorage.setItem(LANG_KEY, next);
  } catch {
    // A browser that refuses storage still switches; it just forgets on reload.
  }
  void render();
}

async function render(): Promise<void> {
  dispose();
  const mine = ++generation;
  delete root.dataset.ready;
  const t = translator(lang);
  document.documentElement.lang = lang;
  document.title = t('app.name');
  if (root.childElementCount === 0)
    replaceChildren(root, h('p', { class: 'loading' }, t('app.loading')));

  const me = await api.me();
  if (mine !== generation) return;
  if (!me.ok) {
    if (me.error.status === 401) {
      renderSignIn(root, {
        lang,
        t,
        setLang,
        onSignedIn: () => {
          state = freshState();
          void render();
        },
      });
      root.dataset.ready = 'sign-in';
    } else {
      replaceChildren(
        root,
        h(
          'main',
          { class: 'sign-in' },
          errorBox(me.error, t),
          h(
            'button',
            { type: 'button', class: 'button', onClick: () => void render() },
            t('error.retry'),
          ),
        ),
      );
      root.dataset.ready = 'error';
    }
    return;
  }

  const ctx: AppContext = {
    lang,
    t,
    me: me.value,
    state,
    get today() {
      return today;
    },
    set today(day) {
      today = day;
    },
    setLang,
    reload: () => void render(),
    signOut: async () => {
      await api.logout();
      state = freshState();
      history.replaceState(null, '', '#/');
      void render();
    },
    alive: () => mine === generation,
    onDispose: (cleanup) => {
      if (mine === generation) cleanups.push(cleanup);
      else cleanup();
    },
  };
  const route = parseRoute(location.hash);
  if (route.kind === 'post') {
    const { renderPost } = await import('./views/post.js');
    if (ctx.alive()) await renderPost(root, ctx, route.postId);
  } else if (route.kind === 'settings') {
    const { renderSettings } = await import('./views/settings.js');
    if (ctx.alive()) await renderSettings(root, ctx);
  } else {
    const { renderDashboard } = await import('./views/dashboard.js');
    if (ctx.alive()) await renderDashboard(root, ctx);
  }
  if (ctx.alive()) root.dataset.ready = route.kind;
}

window.addEventListener('hashchange', () => {
  void render().then(() => window.scrollTo(0, 0));
});
window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => void render());
void render();
