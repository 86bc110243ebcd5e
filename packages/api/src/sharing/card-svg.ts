import { escapeHtml, type SettingsLang } from '@velog-insights/shared';

/*
 * The public stats card as SVG: a pure function of the figures, so the same figures give the
 * same bytes (and so the same ETag). Fixed width and height, so an <img> anywhere lays it out
 * before it loads; no script, no external reference, so it renders the same under any CSP.
 */

export const CARD_WIDTH = 480;
export const CARD_HEIGHT = 140;

export interface CardFigures {
  username: string;
  displayName: string;
  totals: { views: number | null; likes: number | null; posts: number };
  /** Views per day, oldest first; `null` for a day we did not observe (drawn as a gap). */
  days: (number | null)[];
  lang: SettingsLang;
}

const TEXT = {
  ko: {
    views: '조회수',
    likes: '좋아요',
    posts: '글',
    spark: '최근 30일 조회수',
    title: '벨로그 통계',
  },
  en: {
    views: 'Views',
    likes: 'Likes',
    posts: 'Posts',
    spark: 'Views, last 30 days',
    title: 'velog stats',
  },
} as const;

const NAME_MAX_CHARS = 28;

// Characters XML 1.0 forbids, and lone surrogates: a display name with one would make the whole
// image unreadable, so they are dropped rather than escaped.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is removed.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe inside an SVG element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return escapeHtml(text.replace(NOT_XML, ''));
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

const NUMBER = new Intl.NumberFormat('en-US');

function figure(value: number | null): string {
  return value === null ? '–' : NUMBER.format(value);
}

/**
 * The sparkline's path: one `M…L…` run per stretch of observed days, so an unobserved day
 * breaks the line instead of dipping it to zero; a day observed alone is a dot.
 */
export function sparkline(
  days: readonly (number | null)[],
  box: { x: number; y: number; width: number; height: number },
): { path: string; dots: { x: number; y: number }[] } {
  const max = Math.max(0, ...days.filter((day): day is number => day !== null));
  const step = days.length > 1 ? box.width / (days.length - 1) : 0;
  const at = (index: number, value: number) => ({
    x: Math.round((box.x + index * step) * 10) / 10,
    y: Math.round((box.y + box.height - (max === 0 ? 0 : (value / max) * box.height)) * 10) / 10,
  });
  const runs: { x: number; y: number }[][] = [];
  let run: { x: number; y: number }[] = [];
  days.forEach((value, index) => {
    if (value === null) {
      if (run.length > 0) runs.push(run);
      run = [];
      return;
    }
    run.push(at(index, value));
  });
  if (run.length > 0) runs.push(run);
  const path = runs
    .filter((points) => points.length > 1)
    .map((points) => points.map((p, n) => `${n === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' '))
    .join(' ');
  const dots = runs
    .filter((points) => points.length === 1)
    .map((points) => points[0] as { x: number; y: number });
  return { path, dots };
}

export function renderCardSvg(card: CardFigures): string {
  const text = TEXT[card.lang];
  const name = escapeXml(truncate(card.displayName || card.username, NAME_MAX_CHARS));
  const handle = escapeXml(truncate(`@${card.username}`, 40));
  const spark = sparkline(card.days, { x: 290, y: 62, width: 170, height: 50 });
  const stats = [
    { label: text.views, value: figure(card.totals.views), x: 24 },
    { label: text.likes, value: figure(card.totals.likes), x: 114 },
    { label: text.posts, value: figure(card.totals.posts), x: 204 },
  ];
  const title = escapeXml(`${text.title}: ${card.displayName || card.username}`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    '<style>text{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI","Apple SD Gothic Neo","Noto Sans KR","Malgun Gothic",Helvetica,Arial,sans-serif;fill:#212529}.sub{fill:#868e96;font-size:12px}.num{font-size:20px;font-weight:700}.name{font-size:16px;font-weight:700}</style>',
    `<rect x="0.5" y="0.5" width="${CARD_WIDTH - 1}" height="${CARD_HEIGHT - 1}" rx="8" fill="#ffffff" stroke="#dee2e6"/>`,
    `<text class="name" x="24" y="34">${name}</text>`,
    `<text class="sub" x="24" y="52">${handle}</text>`,
    ...stats.map(
      (stat) =>
        `<text class="num" x="${stat.x}" y="96">${stat.value}</text><text class="sub" x="${stat.x}" y="116">${escapeXml(stat.label)}</text>`,
    ),
    `<text class="sub" x="290" y="52">${escapeXml(text.spark)}</text>`,
    `<line x1="290" y1="112.5" x2="460" y2="112.5" stroke="#e9ecef"/>`,
    spark.path === ''
      ? ''
      : `<path d="${spark.path}" fill="none" stroke="#12b886" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>`,
    ...spark.dots.map((dot) => `<circle cx="${dot.x}" cy="${dot.y}" r="2" fill="#12b886"/>`),
    '</svg>',
  ].join('');
}
