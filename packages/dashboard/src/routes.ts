/** The page's places, kept in the URL hash so the API only ever serves one index.html. */
export type Route = { kind: 'dashboard' } | { kind: 'post'; postId: string } | { kind: 'settings' };

/** The place a hash names; its query (the view state, url-state.ts) is not read here. */
export function parseRoute(hash: string): Route {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const at = text.indexOf('?');
  const path = at === -1 ? text : text.slice(0, at);
  const match = /^\/posts\/([^/?#]+)\/?$/.exec(path);
  if (/^\/settings\/?$/.test(path)) return { kind: 'settings' };
  if (match?.[1]) {
    try {
      const postId = decodeURIComponent(match[1]);
      if (postId !== '') return { kind: 'post', postId };
    } catch {
      // A broken escape is no post: the dashboard it is.
    }
  }
  return { kind: 'dashboard' };
}
