import { escapeHtml, type SettingsLang } from '@velog-insights/shared';
import type { DigestFigures, DigestPost, OutboxMessage } from './payloads.js';

/*
 * A message as the writer reads it, in the language of their settings: a subject and plain
 * text for every channel, and simple HTML for e-mail. Pure: the links come in ready-made.
 */

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export interface MessageLinks {
  /** The dashboard. */
  dashboard: string;
  /** The signed verification link (verify-email only). */
  verify?: string;
  /** The signed one-click unsubscribe link of the message's list (e-mail only). */
  unsubscribe?: string;
  /** Which list that link leaves: alerts (on every channel, as the settings have it) or the digest. */
  unsubscribeList?: 'digest' | 'alerts';
}

const VELOG = 'https://velog.io';

function postUrl(username: string, urlSlug: string): string {
  return `${VELOG}/@${encodeURIComponent(username)}/${encodeURIComponent(urlSlug)}`;
}

/** Paragraphs of text, each with an optional link, as both text and HTML. */
interface Block {
  text: string;
  href?: string;
}

function assemble(subject: string, blocks: Block[], links: MessageLinks, lang: SettingsLang) {
  const footer: Block[] = [
    { text: lang === 'ko' ? '대시보드 열기' : 'Open the dashboard', href: links.dashboard },
  ];
  if (links.unsubscribe) {
    footer.push({
      // Say what the link does: the alert choices are shared by e-mail and webhooks.
      text:
        links.unsubscribeList === 'digest'
          ? lang === 'ko'
            ? '주간 요약 메일 그만 받기'
            : 'Stop the weekly digest'
          : lang === 'ko'
            ? '모든 알림 그만 받기 (메일과 웹훅)'
            : 'Stop all alerts (e-mail and webhooks)',
      href: links.unsubscribe,
    });
  }
  const all = [...blocks, ...footer];
  const text = all.map((block) => (block.href ? `${block.text}: ${block.href}` : block.text));
  const html = all.map((block) =>
    block.href
      ? `<p><a href="${escapeHtml(block.href)}">${escapeHtml(block.text)}</a></p>`
      : `<p>${escapeHtml(block.text).replaceAll('\n', '<br>')}</p>`,
  );
  return {
    subject,
    text: text.join('\n\n'),
    html: `<!doctype html><html lang="${lang}"><body>${html.join('')}</body></html>`,
  };
}

function formatNumber(value: number | null, lang: SettingsLang): string {
  if (value === null) return lang === 'ko' ? '알 수 없음' : 'unknown';
  return new Intl.NumberFormat(lang === 'ko' ? 'ko-KR' : 'en-US').format(value);
}

function change(now: number | null, before: number | null, lang: SettingsLang): string {
  if (now === null || before === null || before === 0) return '';
  const ratio = Math.round(((now - before) / before) * 100);
  return ` (${ratio >= 0 ? '+' : ''}${ratio}%${lang === 'ko' ? ', 지난주 대비' : ' on the week before'})`;
}

function digestLines(figures: DigestFigures, lang: SettingsLang): Block[] {
  const n = (value: number | null) => formatNumber(value, lang);
  const ko = lang === 'ko';
  const post = (p: DigestPost) =>
    `· ${p.title || p.urlSlug}: ${n(p.views)}${ko ? '회 조회' : ' views'}, ${n(p.likes)}${ko ? '개 좋아요' : ' likes'}`;
  const blocks: Block[] = [
    {
      text: ko
        ? `${figures.week.from} ~ ${figures.week.to} (KST)\n조회수 ${n(figures.views)}${change(figures.views, figures.previous.views, lang)}\n좋아요 ${n(figures.likes)} (지난주 ${n(figures.previous.likes)})\n지난주 조회수 ${n(figures.previous.views)}`
        : `${figures.week.from} to ${figures.week.to} (KST)\nViews: ${n(figures.views)}${change(figures.views, figures.previous.views, lang)}\nLikes: ${n(figures.likes)} (week before: ${n(figures.previous.likes)})\nViews the week before: ${n(figures.previous.views)}`,
    },
  ];
  if (figures.top.length > 0) {
    blocks.push({
      text: `${ko ? '많이 읽힌 글' : 'Most read'}\n${figures.top.map(post).join('\n')}`,
    });
  }
  if (figures.newPosts.length > 0) {
    blocks.push({
      text: `${ko ? '새 글의 첫 주' : 'New posts’ first week'}\n${figures.newPosts
        .map((p) => `${post(p)} (${ko ? '발행' : 'released'} ${p.releasedOn})`)
        .join('\n')}`,
    });
  }
  return blocks;
}

export function renderMessage(
  message: OutboxMessage,
  lang: SettingsLang,
  links: MessageLinks,
): RenderedMessage {
  const ko = lang === 'ko';
  const n = (value: number) => formatNumber(value, lang);
  switch (message.kind) {
    case 'verify-email':
      return assemble(
        ko ? 'Velog Insights 이메일 주소 확인' : 'Confirm your e-mail address for Velog Insights',
        [
          {
            text: ko
              ? `${message.payload.address} 주소로 알림과 주간 요약을 받으려면 24시간 안에 아래 링크를 여세요. 요청하지 않았다면 이 메일은 무시하세요.`
              : `To get alerts and the weekly digest at ${message.payload.address}, open the link below within 24 hours. If you did not ask for this, ignore this e-mail.`,
          },
          { text: ko ? '주소 확인하기' : 'Confirm the address', href: links.verify ?? '' },
        ],
        links,
        lang,
      );
    case 'tokens-rejected':
      return assemble(
        ko
          ? `velog가 @${message.payload.username}의 토큰을 더 이상 받지 않습니다`
          : `velog no longer accepts the tokens of @${message.payload.username}`,
        [
          {
            text: ko
              ? '통계 수집이 멈췄습니다. 대시보드에서 velog 토큰으로 다시 로그인하면 이어서 기록합니다.'
              : 'Your stats are no longer being recorded. Sign in again with your velog tokens on the dashboard to carry on.',
          },
        ],
        links,
        lang,
      );
    case 'milestone': {
      const { title, urlSlug, username, milestone, views } = message.payload;
      const name = title || urlSlug;
      return assemble(
        ko ? `「${name}」 조회수 ${n(milestone)}회 돌파` : `“${name}” passed ${n(milestone)} views`,
        [
          {
            text: ko
              ? `「${name}」의 누적 조회수가 ${n(views)}회가 되었습니다.`
              : `“${name}” has now been read ${n(views)} times.`,
            href: postUrl(username, urlSlug),
          },
        ],
        links,
        lang,
      );
    }
    case 'spike': {
      const { day, views, median } = message.payload;
      return assemble(
        ko ? `${day} 조회수 급증: ${n(views)}회` : `A busy day: ${n(views)} views on ${day}`,
        [
          {
            text: ko
              ? `${day}(KST) 하루 조회수가 ${n(views)}회로, 평소(최근 관측일 중앙값 ${n(Math.round(median))}회)보다 훨씬 많았습니다.`
              : `Your posts were read ${n(views)} times on ${day} (KST), far above your usual day (a median of ${n(Math.round(median))} over your recent observed days).`,
          },
        ],
        links,
        lang,
      );
    }
    case 'scrape-failing':
      return assemble(
        ko
          ? `@${message.payload.username}의 통계를 하루 넘게 수집하지 못했습니다`
          : `The stats of @${message.payload.username} have not been read for over a day`,
        [
          {
            text: ko
              ? `${message.payload.since} 이후 성공한 수집이 없습니다. 시도는 계속되며, 그동안의 날은 빈칸으로 표시됩니다.`
              : `No scrape has succeeded since ${message.payload.since}. The worker keeps trying; the days meanwhile show as gaps.`,
          },
        ],
        links,
        lang,
      );
    case 'digest':
      return assemble(
        ko
          ? `주간 요약 ${message.payload.week.from} ~ ${message.payload.week.to}: 조회수 ${formatNumber(message.payload.views, lang)}`
          : `Your week ${message.payload.week.from} to ${message.payload.week.to}: ${formatNumber(message.payload.views, lang)} views`,
        digestLines(message.payload, lang),
        links,
        lang,
      );
  }
}
