import type { SettingsLang } from '@velog-insights/shared';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/*
 * The small pages the links in our e-mails open. Every value is interpolated through hono's
 * `html` template, which escapes it; the token goes back into the form's action that way too.
 */

type Page = HtmlEscapedString | Promise<HtmlEscapedString>;

const TEXT = {
  ko: {
    verified: '이메일 주소를 확인했어요',
    verifiedBody: '이제 이 주소로 알림과 주간 요약을 받을 수 있어요.',
    verifyRefused: '확인할 수 없는 링크예요',
    verifyRefusedBody:
      '링크가 만료되었거나, 그 뒤에 주소를 바꾸거나 메일을 다시 보냈어요. 설정에서 확인 메일을 다시 보내 주세요.',
    confirmTitle: {
      digest: '주간 요약 메일을 그만 받을까요?',
      alerts: '알림 메일을 그만 받을까요?',
    },
    confirmButton: '수신 거부',
    leftTitle: { digest: '주간 요약 메일을 보내지 않을게요', alerts: '알림을 보내지 않을게요' },
    leftBody: '설정에서 언제든 다시 켤 수 있어요.',
    linkRefused: '이 링크로는 수신을 거부할 수 없어요',
    linkRefusedBody:
      '링크가 잘못되었어요. 받은 메일의 링크를 그대로 여시거나 대시보드의 설정을 이용해 주세요.',
    back: '대시보드로 가기',
  },
  en: {
    verified: 'Your e-mail address is verified',
    verifiedBody: 'Alerts and the weekly digest can now be sent to this address.',
    verifyRefused: 'This link cannot verify anything',
    verifyRefusedBody:
      'It has expired, or the address was changed or the e-mail sent again since. Send a new verification e-mail from the settings.',
    confirmTitle: {
      digest: 'Stop the weekly digest e-mails?',
      alerts: 'Stop the alert messages?',
    },
    confirmButton: 'Unsubscribe',
    leftTitle: {
      digest: 'You will get no more weekly digests',
      alerts: 'You will get no more alerts',
    },
    leftBody: 'You can turn them back on in the settings at any time.',
    linkRefused: 'This link cannot unsubscribe anyone',
    linkRefusedBody:
      'It is not a link we sent. Open the link from the e-mail exactly as it is, or use the settings in the dashboard.',
    back: 'Go to the dashboard',
  },
} as const;

function layout(lang: SettingsLang, title: string, body: Page): Page {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · Velog Insights</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI","Apple SD Gothic Neo","Noto Sans KR",sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#212529;line-height:1.5}h1{font-size:1.4rem}button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #12b886;background:#12b886;color:#fff;cursor:pointer}button:focus-visible,a:focus-visible{outline:3px solid #1c7ed6;outline-offset:2px}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}

export function verifiedPage(lang: SettingsLang): Page {
  const t = TEXT[lang];
  return layout(lang, t.verified, html`<p>${t.verifiedBody}</p><p><a href="/">${t.back}</a></p>`);
}

export function verifyRefusedPage(lang: SettingsLang): Page {
  const t = TEXT[lang];
  return layout(
    lang,
    t.verifyRefused,
    html`<p>${t.verifyRefusedBody}</p><p><a href="/#/settings">${t.back}</a></p>`,
  );
}

export function unsubscribeConfirmPage(
  lang: SettingsLang,
  list: 'digest' | 'alerts',
  token: string,
): Page {
  const t = TEXT[lang];
  const action = `/unsubscribe?token=${encodeURIComponent(token)}`;
  return layout(
    lang,
    t.confirmTitle[list],
    html`<form method="post" action="${action}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">${t.confirmButton}</button>
</form>`,
  );
}

export function unsubscribedPage(lang: SettingsLang, list: 'digest' | 'alerts'): Page {
  const t = TEXT[lang];
  return layout(
    lang,
    t.leftTitle[list],
    html`<p>${t.leftBody}</p><p><a href="/">${t.back}</a></p>`,
  );
}

export function unsubscribeRefusedPage(lang: SettingsLang): Page {
  const t = TEXT[lang];
  return layout(lang, t.linkRefused, html`<p>${t.linkRefusedBody}</p>`);
}

/** For a page shown before we know whose link it is: the browser's first choice of ko or en. */
export function langFromHeader(acceptLanguage: string | undefined): SettingsLang {
  const first = acceptLanguage
    ?.split(',')
    .map((part) => part.trim().toLowerCase())
    .find((part) => part.startsWith('ko') || part.startsWith('en'));
  return first?.startsWith('en') ? 'en' : 'ko';
}
