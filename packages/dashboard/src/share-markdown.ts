/*
 * What a writer pastes into a velog post or a GitHub README to show their card: an image of
 * /card/<username>.svg linked to their velog page. Built from the page's own origin, so a
 * self-hosted instance hands out its own address.
 */

/** Also escapes what encodeURIComponent leaves and a Markdown link would end at: ( ) ! ' *. */
function encodePart(text: string): string {
  return encodeURIComponent(text).replace(
    /[()!'*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function cardUrl(origin: string, username: string, lang?: 'ko' | 'en'): string {
  const path = `${origin}/card/${encodePart(username)}.svg`;
  return lang === undefined ? path : `${path}?lang=${lang}`;
}

export function velogUrl(username: string): string {
  return `https://velog.io/@${encodePart(username)}`;
}

/** `[![velog stats](card)](velog page)`: the alt text is the writer's language. */
export function shareMarkdown(origin: string, username: string, lang: 'ko' | 'en'): string {
  const alt = lang === 'ko' ? '벨로그 통계' : 'velog stats';
  return `[![${alt}](${cardUrl(origin, username)})](${velogUrl(username)})`;
}
