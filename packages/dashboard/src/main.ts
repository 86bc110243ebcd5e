import './styles.css';
import { kstToday } from '@velog-insights/shared';
import { api } from './api.js';
import type { AppContext } from './context.js';
import { h, replaceChildren } from './dom.js';
import { errorBox } from './errors.js';
import { detectLang, isLang, type Lang, translator } from './i18n.js';
import { decodeLocation, defaultViewState, encodeLocation } from './url-state.js';
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

const root = document.getElementById('app') as HTMLElement;
let lang = initialLang();
// The URL is the view: what a reload or a shared link opens is what the hash says.
let { route, state } = decodeLocation(location.hash);
let shownHash = location.hash;
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

/** Writes the state into the hash without a hashchange, so the page decides what re-renders. */
function writeHash(replace: boolean): void {
  const hash = encodeLocation(route, state);
  if (hash !== location.hash) {
    if (replace) history.replaceState(null, '', hash);
    else history.pushState(null, '', hash);
  }
  shownHash = location.hash;
}

function focusHeading(): void {
  root.querySelector<HTMLElement>('[data-view-heading]')?.focus({ preventScroll: true });
}

async function render(): Promise<void> {
  dispose();
  const mine = ++generation;
  const here = route;
  delete root.dataset.ready;
  const t = translator(lang);
  document.documentElement.lang = lang;
  document.title = here.kind === 'post' ? t('app.name') : t('title.dashboard');
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
        // A shared link opened signed out is still that view once signed in (sign-out
        // resets the state, so no one inherits another writer's view).
        onSignedIn: () => void render(),
      });
      document.title = t('title.signIn');
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
    commitState: (options = {}) => {
      writeHash(options.replace ?? false);
      if (options.render === false) return;
      void render().then(() => {
        // The control the reader used was replaced: keyboard focus goes back to its twin.
        if (options.focus) root.querySelector<HTMLElement>(options.focus)?.focus();
      });
    },
    signOut: async () => {
      await api.logout();
      state = defaultViewState();
      route = { kind: 'dashboard' };
      history.replaceState(null, '', '#/');
      shownHash = location.hash;
      void render();
    },
    alive: () => mine === generation,
    onDispose: (cleanup) => {
      if (mine === generation) cleanups.push(cleanup);
      else cleanup();
    },
  };
  if (here.kind === 'post') {
    const { renderPost } = await import('./views/post.js');
    if (ctx.alive()) await renderPost(root, ctx, here.postId);
  } else if (here.kind === 'settings') {
    const { renderSettings } = await import('./views/settings.js');
    if (ctx.alive()) await renderSettings(root, ctx);
  } else {
    const { renderDashboard } = await import('./views/dashboard.js');
    if (ctx.alive()) await renderDashboard(root, ctx);
  }
  if (ctx.alive()) root.dataset.ready = here.kind;
}

// A link, the back button or an edited URL: the hash is read again; a new place gets the
// reader's focus on its heading, as a page load would give a screen reader.
function onLocationChange(): void {
  if (location.hash === shownHash) return;
  shownHash = location.hash;
  const before = route;
  ({ route, state } = decodeLocation(location.hash, state));
  const moved =
    before.kind !== route.kind ||
    (route.kind === 'post' && before.kind === 'post' && before.postId !== route.postId);
  void render().then(() => {
    if (!moved) return;
    window.scrollTo(0, 0);
    focusHeading();
  });
}
window.addEventListener('hashchange', onLocationChange);
window.addEventListener('popstate', onLocationChange);
window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => void render());
void render();
