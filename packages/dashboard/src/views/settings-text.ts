import type { Lang } from '../i18n.js';

/*
 * The settings page's words, kept beside the page (not in i18n.ts) so that sharing can be
 * merged without touching the shared message table. Same keys in both languages (typed).
 */

const en = {
  nav: 'Share & alerts',
  title: 'Share & alerts',
  shareTitle: 'Share your stats',
  shareLead:
    'Paste this Markdown into a velog post or a GitHub README: it shows your card and links to your velog.',
  shareOff: 'Your public card is off. Turn on “Public stats card” below and save to share it.',
  copy: 'Copy Markdown',
  copied: 'Copied.',
  copyFailed: 'Could not copy; select the text and copy it yourself.',
  preview: 'Preview',
  previewAlt: 'Your velog stats card',
  markdownLabel: 'Markdown to paste',
  settingsTitle: 'Settings',
  demoNote: 'The demo can look at the settings but not change them.',
  lang: 'Language of e-mails, webhooks and the card',
  langKo: '한국어',
  langEn: 'English',
  publicTitle: 'Public',
  card: 'Public stats card (anyone with the link sees your totals and last 30 days)',
  leaderboard: 'Show me on the public leaderboard',
  alertsTitle: 'Alerts',
  tokensRejected: 'velog stopped accepting my tokens',
  milestones: 'A post passes 100, 1,000 or 10,000 views',
  spike: 'A day far above my normal',
  scrapeFailing: 'Updates have failed for a whole day',
  digest: 'Weekly digest e-mail (Monday morning, KST)',
  deliveryTitle: 'Where to send them',
  email: 'E-mail address',
  emailHint: 'Alerts and the digest go only to a verified address; we send a link to verify it.',
  verified: 'Verified',
  unverified: 'Not verified yet: open the link we sent',
  noEmail: 'No address',
  resend: 'Send the link again',
  resent: 'A new verification e-mail is on its way.',
  webhook: 'Webhook URL (Slack or Discord compatible)',
  webhookHint: 'Each message is signed with HMAC-SHA256 using your secret.',
  secretShow: 'Show secret',
  secretRotate: 'New secret',
  secretLabel: 'Webhook secret',
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved.',
  throttled: 'Several verification e-mails were sent a moment ago. Try again later.',
  boardTitle: 'Leaderboard',
  boardViews: 'Views',
  boardLikes: 'Likes',
  boardDays: '{days} days',
  boardWindow: '{from} – {to} (KST)',
  boardEmpty: 'Nobody is on the leaderboard yet.',
  boardRank: 'Rank',
  boardWriter: 'Writer',
  boardValue: 'Gained',
};

type SettingsKey = keyof typeof en;

const ko: Record<SettingsKey, string> = {
  nav: '공유와 알림',
  title: '공유와 알림',
  shareTitle: '통계 공유하기',
  shareLead:
    '이 마크다운을 velog 글이나 GitHub README에 붙여 넣으세요. 통계 카드가 보이고 내 velog로 연결됩니다.',
  shareOff: '공개 카드가 꺼져 있어요. 아래에서 “공개 통계 카드”를 켜고 저장하면 공유할 수 있어요.',
  copy: '마크다운 복사',
  copied: '복사했어요.',
  copyFailed: '복사하지 못했어요. 글을 선택해서 직접 복사해 주세요.',
  preview: '미리 보기',
  previewAlt: '내 velog 통계 카드',
  markdownLabel: '붙여 넣을 마크다운',
  settingsTitle: '설정',
  demoNote: '데모에서는 설정을 볼 수만 있고 바꿀 수는 없어요.',
  lang: '메일, 웹훅, 카드의 언어',
  langKo: '한국어',
  langEn: 'English',
  publicTitle: '공개',
  card: '공개 통계 카드 (링크가 있으면 누구나 누적 수치와 최근 30일을 볼 수 있어요)',
  leaderboard: '공개 리더보드에 내 이름 보이기',
  alertsTitle: '알림',
  tokensRejected: 'velog가 내 토큰을 더 이상 받지 않을 때',
  milestones: '글 조회수가 100, 1,000, 10,000을 넘을 때',
  spike: '평소보다 훨씬 많이 읽힌 날',
  scrapeFailing: '하루 종일 업데이트가 실패할 때',
  digest: '주간 요약 메일 (월요일 아침, KST)',
  deliveryTitle: '받을 곳',
  email: '이메일 주소',
  emailHint: '알림과 주간 요약은 확인된 주소로만 보내요. 확인 링크를 메일로 보내 드려요.',
  verified: '확인됨',
  unverified: '아직 확인 전: 보내 드린 링크를 열어 주세요',
  noEmail: '주소 없음',
  resend: '확인 링크 다시 보내기',
  resent: '새 확인 메일을 보냈어요.',
  webhook: '웹훅 URL (Slack·Discord 호환)',
  webhookHint: '모든 메시지는 내 비밀 키로 HMAC-SHA256 서명돼요.',
  secretShow: '비밀 키 보기',
  secretRotate: '새 비밀 키',
  secretLabel: '웹훅 비밀 키',
  save: '저장',
  saving: '저장하는 중…',
  saved: '저장했어요.',
  throttled: '방금 확인 메일을 여러 번 보냈어요. 잠시 뒤에 다시 해 주세요.',
  boardTitle: '리더보드',
  boardViews: '조회수',
  boardLikes: '좋아요',
  boardDays: '{days}일',
  boardWindow: '{from} – {to} (KST)',
  boardEmpty: '아직 리더보드에 아무도 없어요.',
  boardRank: '순위',
  boardWriter: '작가',
  boardValue: '증가',
};

export type SettingsText = (key: SettingsKey, params?: Record<string, string | number>) => string;

export function settingsText(lang: Lang): SettingsText {
  const table: Record<SettingsKey, string> = lang === 'ko' ? ko : en;
  return (key, params) =>
    table[key].replace(/\{(\w+)\}/g, (match, name: string) =>
      params && name in params ? String(params[name]) : match,
    );
}
