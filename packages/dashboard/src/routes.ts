/** The page's places, kept in the URL hash so the API only ever serves one index.html. */
export type Route = { kind: 'dashboard' } | { kind: 'post'; postId: string } | { kind: 'settings' };

export function parseRoute(hash: string): Route {
  if (/^#\/settings\/?$/.test(hash)) return { kind: 'settings' };
  const match = /^#\/posts\/([^/?#]+)\/?$/.exec(hash);
  if (match?.[1]) {
    try {
      return { kind: 'post', postId: decodeURIComponent(match[1]) };
    } catch {
      return { kind: 'dashboard' };
    }
  }
  return { kind: 'dashboard' };
}
