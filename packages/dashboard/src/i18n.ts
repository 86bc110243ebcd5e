/**
 * Every string the page shows, in English and Korean. Most velog writers are Korean, so a
 * browser that prefers Korean gets Korean; a choice made with the toggle is remembered.
 */
const en = {
  'app.name': 'Velog Insights',
  'app.loading': 'Loading…',
  'lang.switch': '한국어',
  'lang.switchLabel': 'Switch the page to Korean',

  'signIn.title': 'See how every post is read, day by day',
  'signIn.lead':
    'velog shows one total per post. Velog Insights snapshots the views and likes of each of your posts every Korean day (KST), keeps the history for good and draws it.',
  'signIn.demo': 'Try the demo',
  'signIn.demoHint': 'A made-up blog with 18 months of history. No tokens needed.',
  'signIn.connect': 'Connect your velog',
  'howto.title': 'Where to find your two tokens',
  'howto.step1': 'Sign in at velog.io in a desktop browser.',
  'howto.step2': 'Open the developer tools: F12, or ⌥⌘I on a Mac.',
  'howto.step3':
    'Chrome or Edge: Application → Cookies → https://velog.io. Firefox: Storage → Cookies.',
  'howto.step4': 'Copy the Value of access_token and of refresh_token into the form.',
  'howto.note':
    'Both are HttpOnly cookies, so the console’s document.cookie does not show them: use the Cookies panel. We keep them encrypted, use them only to read your own posts’ figures, and never show them again. When velog stops accepting them, this page asks for new ones.',
  'form.access': 'access_token',
  'form.refresh': 'refresh_token',
  'form.submit': 'Connect',
  'form.submitting': 'Checking with velog…',
  'form.reauthTitle': 'Paste fresh tokens to resume updates',

  'error.velog-auth-failed':
    'velog did not accept these tokens. Copy both cookies again: the access_token changes often.',
  'error.velog-unavailable': 'velog did not answer. Try again in a few minutes.',
  'error.velog-schema-mismatch': 'velog changed how it answers; please report this.',
  'error.rate-limited': 'Too many attempts. Wait a little and try again.',
  'error.invalid-input': 'Both tokens are needed.',
  'error.unauthenticated': 'Your session has ended. Sign in again.',
  'error.not-found': 'This post is not among yours.',
  'error.network-error': 'The Velog Insights server cannot be reached. Check your connection.',
  'error.bad-response': 'The server answered something this page does not understand.',
  'error.unknown': 'Something went wrong.',
  'error.retry': 'Try again',

  'header.updated': 'Updated {time}',
  'header.never': 'Not updated yet',
  'header.next': 'next {time}',
  'header.requested': 'Update requested',
  'header.status.ok': 'Up to date',
  'header.status.partial': 'Partly updated',
  'header.status.failed': 'Update failed',
  'header.status.waiting': 'First update pending',
  'header.status.reauth': 'Paused: new tokens needed',
  'header.refresh': 'Refresh now',
  'header.refreshing': 'Requesting…',
  'header.refreshLater': 'Updated recently. You can ask again in {minutes} min.',
  'header.refreshDemo': 'The demo blog is not refreshed.',
  'header.logout': 'Sign out',
  'header.demo': 'Demo',
  'header.user': 'Signed in as {name}',

  'banner.demo': 'You are looking at a demo blog with made-up figures.',
  'banner.reauth':
    'velog no longer accepts the tokens we hold, so updates are paused. Your history is kept; paste fresh tokens to resume.',
  'banner.firstDay':
    'We took your first snapshot today. Daily numbers start from tomorrow: a day’s gain needs the snapshot of the day before.',
  'banner.waiting':
    'Your first update is on its way. This page fills in by itself once it has run.',
  'banner.partial':
    'The last update could not read every post. Those posts keep their earlier figures and are retried on the next update.',
  'banner.failed':
    'The last update failed; your history is unchanged and the next update tries again.',

  'cards.totalViews': 'Total views',
  'cards.today': 'Views today',
  'cards.yesterday': 'Yesterday',
  'cards.last7': 'Last 7 days',
  'cards.last30': 'Last 30 days',
  'cards.totalLikes': 'Total likes',
  'cards.likesToday': 'Likes today',
  'cards.posts': 'Posts',
  'cards.notObserved': 'not observed yet',
  'cards.asOf': 'as of {time}',

  'range.label': 'Range',
  'range.7': '7 days',
  'range.30': '30 days',
  'range.90': '90 days',
  'range.365': '1 year',
  'range.all': 'All',
  'range.custom': 'Custom',
  'range.from': 'From',
  'range.to': 'To',
  'range.apply': 'Apply',
  'range.invalid':
    'Pick a start on or before the end, an end no later than today, and at most 1,100 days.',
  'range.showing': '{from} – {to}',

  'chart.views.title': 'Views per day',
  'chart.likes.title': 'Likes per day',
  'chart.views.daily': 'Views gained',
  'chart.views.total': 'Total views',
  'chart.likes.daily': 'Likes gained',
  'chart.likes.total': 'Total likes',
  'chart.axis.day': 'Day (KST)',
  'chart.axis.daily': 'Per day',
  'chart.axis.total': 'Total',
  'chart.periodViews': '{n} views in this range',
  'chart.periodLikes': '{n} likes in this range',
  'chart.gapNote':
    'Gaps are days we did not observe; they are not zeros. Growth across a gap is drawn faded, as its daily average.',
  'chart.correction': 'The counter went down this day; shown as 0 gained.',
  'chart.gapAverage': 'Average over days not observed',
  'chart.gapSpan': '{n} gained over {days} days we could not observe one by one',
  'chart.notObserved': 'not observed',
  'chart.empty':
    'No daily figures in this range yet. A day’s gain appears once that day and the day before it have both been snapshotted.',
  'chart.emptyFirst':
    'Daily figures start the day after the first snapshot ({day}): a day’s gain is that day’s snapshot minus the one before.',
  'chart.sinceRelease.title': 'Views by days since publication (first 90 days)',
  'chart.sinceRelease.axis': 'Days since publication',
  'chart.sinceRelease.daily': 'Views that day',
  'chart.sinceRelease.total': 'Views so far',
  'chart.sinceRelease.tooltip': 'Day {n} · {day}',
  'chart.sinceRelease.empty':
    'We have no snapshots from this post’s first 90 days: it was published before we started watching it.',

  'posts.title': 'Posts',
  'posts.search': 'Search titles',
  'posts.col.title': 'Title',
  'posts.col.releasedAt': 'Published (KST)',
  'posts.col.views': 'Views',
  'posts.col.periodViews': 'Views in range',
  'posts.col.likes': 'Likes',
  'posts.col.periodLikes': 'Likes in range',
  'posts.sortBy': 'Sort by {column}',
  'posts.page': '{from}–{to} of {total}',
  'posts.prev': 'Previous',
  'posts.next': 'Next',
  'posts.openVelog': 'Open on velog',
  'posts.private': 'Private',
  'posts.removed': 'Deleted on velog',
  'posts.noMatch': 'No post title contains “{q}”.',
  'posts.empty':
    'No published posts yet. Publish one on velog and it shows up here after the next update.',
  'posts.periodUnknown': 'too few snapshots in this range',

  'export.csv': 'Download CSV',
  'export.json': 'Download JSON',
  'export.label': 'Export the range, one row per post per day',

  'post.back': '← All posts',
  'post.openVelog': 'Open on velog ↗',
  'post.released': 'Published {day}',
  'post.unreleased': 'Not published',
  'post.periodViews': 'Views in range',
  'post.periodLikes': 'Likes in range',
  'post.comments': 'Comments',

  // Reads right (issue 13): titles, status after a failure, every API error code, the demo's wait.
  'title.dashboard': 'Dashboard — Velog Insights',
  'title.signIn': 'Sign in — Velog Insights',
  'title.post': '{title} — Velog Insights',
  'title.overview': 'Your posts at a glance',
  'header.failedAt': 'Last attempt failed {time}',
  'header.lastGood': 'last good update {time}',
  'header.refreshReauth': 'Paste fresh tokens first: updates are paused.',
  'header.refreshRequested': 'An update is on its way; the page reloads when it has run.',
  'chart.beforeTracking':
    'velog’s total of {total} views includes {n} views from before our first snapshot of each post (from {day}); no day’s gain holds those, so this range counts fewer.',
  'signIn.demoPreparing': 'Preparing the demo… it opens by itself in a moment.',
  'signIn.demoWaiting': 'Preparing the demo…',
  'export.preparing': 'Preparing the export…',
  'form.show': 'Show',
  'form.hide': 'Hide',
  'form.showLabel': 'Show {name}',
  'form.hideLabel': 'Hide {name}',
  'error.refresh-throttled': 'An update was asked for a moment ago. Try again in a few minutes.',
  'error.demo-read-only': 'The demo is for looking only: it cannot be changed.',
  'error.verification-throttled': 'Enough verification e-mails for now: try again in an hour.',
  'error.no-webhook': 'No webhook is set up yet: save a webhook URL first.',
  'error.webhook-url-not-allowed':
    'That webhook address cannot be used: it must be http(s) and not a local or private address.',
  'error.no-email': 'No e-mail address is saved yet.',
  'error.email-already-verified': 'This address is already verified.',
  'error.settings-changed': 'The settings were changed meanwhile: reload and try again.',
  'error.demo-unavailable': 'The demo is not ready on this server yet. Try again shortly.',
  'error.forbidden':
    'The server refused this request. Open the page from its own address and try again.',
  'error.invalid-cursor':
    'The list changed while you paged through it. Start again from the first page.',
  'error.database-unavailable': 'Our database does not answer right now. Try again shortly.',
  'error.invalid-range':
    'This range cannot be shown: the end must be no later than today (KST), and at most 1,100 days.',
  'error.invalid-request':
    'The server did not understand the request. Reload the page and try again.',
  'error.payload-too-large': 'That is too much to send at once.',
  'error.no-route': 'The page asked the server for something it does not have. Reload the page.',
  'error.reauth-required':
    'velog no longer accepts your tokens. Paste fresh ones to resume updates.',
  'error.server':
    'Something went wrong on the server. Try again; if it keeps happening, please report it.',
  'error.code': 'code: {code}',
  // Insights (issue 13): calendar comparisons, launch curves, highlights, tags.
  'periods.wow': 'Week over week (Mon–Sun)',
  'periods.mom': 'Month over month',
  'periods.detail':
    '{current}: {currentViews} vs {previous}: {previousViews} ({days} days each, KST; today not counted)',
  'periods.unobserved': '{n} of these days were not observed, so no ratio.',
  'periods.noBase': 'No views in the earlier days, so no ratio.',

  'launch.title': 'Launch curves: views by days since publication',
  'launch.lead':
    'Day 0 is the KST day a post was published; only whole days count, so today is left out. The dashed line is the median of all your posts on each day, over the posts old enough to have that day observed.',
  'launch.pick': 'Posts to compare',
  'launch.last5': 'My last 5',
  'launch.cumulative': 'Cumulative',
  'launch.daily': 'Per day',
  'launch.median': 'Median of all posts',
  'launch.axis': 'Days since publication',
  'launch.tooltip': 'Day {n}',
  'launch.untracked':
    'published before we started watching it, so its first days are unknown (not zero)',
  'launch.gapNote': 'Breaks in a line are days we did not observe; they are not zeros.',
  'launch.empty': 'None of these posts has an observed day since its publication yet.',
  'launch.lastDay': 'day {day}: {views} (median {median})',

  'highlights.title': 'Highlights of this range',
  'highlights.topGainers': 'Most views gained',
  'highlights.bestDay': 'Best day: {day}, {views} views',
  'highlights.drivers': 'Driven by',
  'highlights.noBestDay': 'No day of this range was observed.',
  'highlights.newPosts': 'New posts: their first 7 days',
  'highlights.firstWeek': '{views} in the first 7 days; your median is {median}',
  'highlights.firstWeekUnknown': 'first 7 days not fully observed (yet); your median is {median}',
  'highlights.noNewPosts': 'No post was published in this range.',
  'highlights.waking': 'Waking up again',
  'highlights.wakingRule':
    'A post whose views in the last 7 days of the range are at least 3 times its usual week (7 × its median day over the 28 days before) and at least 20 more, with at least 14 of those 28 days observed.',
  'highlights.wakingItem': '{recent} in 7 days; usually {usual} a day',
  'highlights.noWaking': 'No post woke up at the end of this range.',

  'tags.title': 'Views and likes by tag',
  'tags.note':
    'A post with several tags counts toward each of them, so the rows add up to more than the range’s total. velog’s post list tells us nothing about series, so posts are grouped by tag only.',
  'tags.col.tag': 'Tag',
  'tags.col.posts': 'Posts',
  'tags.col.views': 'Views in range',
  'tags.col.likes': 'Likes in range',
  'tags.none': 'no tag',
  'tags.chart': 'Views gained per tag (top 10)',
} as const;

export type MessageKey = keyof typeof en;
type Messages = Record<MessageKey, string>;

const ko: Messages = {
  'app.name': 'Velog Insights',
  'app.loading': '불러오는 중…',
  'lang.switch': 'English',
  'lang.switchLabel': '페이지를 영어로 보기',

  'signIn.title': '글마다 하루하루 얼마나 읽혔는지 확인하세요',
  'signIn.lead':
    'velog는 글마다 누적 조회수 하나만 보여 줍니다. Velog Insights는 한국 날짜(KST) 기준으로 매일 모든 글의 조회수와 좋아요를 기록하고, 그 기록을 지우지 않고 그래프로 보여 줍니다.',
  'signIn.demo': '데모 보기',
  'signIn.demoHint': '18개월치 기록이 있는 가상의 블로그입니다. 토큰이 필요 없습니다.',
  'signIn.connect': '내 velog 연결하기',
  'howto.title': '토큰 두 개를 찾는 방법',
  'howto.step1': 'PC 브라우저에서 velog.io에 로그인합니다.',
  'howto.step2': '개발자 도구를 엽니다: F12, Mac은 ⌥⌘I.',
  'howto.step3':
    'Chrome·Edge: Application(애플리케이션) → Cookies(쿠키) → https://velog.io. Firefox: Storage(저장소) → Cookies.',
  'howto.step4': 'access_token과 refresh_token의 Value(값)를 복사해 아래에 붙여 넣습니다.',
  'howto.note':
    '두 쿠키는 HttpOnly라서 콘솔의 document.cookie로는 보이지 않습니다. 쿠키 패널을 이용하세요. 토큰은 암호화해 보관하고 내 글의 통계를 읽는 데에만 쓰며, 다시 화면에 보여 주지 않습니다. velog가 토큰을 더 받지 않으면 이 페이지에서 새 토큰을 요청합니다.',
  'form.access': 'access_token',
  'form.refresh': 'refresh_token',
  'form.submit': '연결하기',
  'form.submitting': 'velog에 확인하는 중…',
  'form.reauthTitle': '새 토큰을 붙여 넣으면 업데이트가 다시 시작됩니다',

  'error.velog-auth-failed':
    'velog가 이 토큰을 받지 않았습니다. 두 쿠키를 다시 복사해 주세요. access_token은 자주 바뀝니다.',
  'error.velog-unavailable': 'velog가 응답하지 않습니다. 몇 분 뒤에 다시 시도해 주세요.',
  'error.velog-schema-mismatch': 'velog의 응답 형식이 바뀌었습니다. 문제를 알려 주세요.',
  'error.rate-limited': '시도가 너무 많습니다. 잠시 뒤에 다시 시도해 주세요.',
  'error.invalid-input': '토큰 두 개가 모두 필요합니다.',
  'error.unauthenticated': '세션이 끝났습니다. 다시 로그인해 주세요.',
  'error.not-found': '내 글 중에 이 글이 없습니다.',
  'error.network-error': 'Velog Insights 서버에 연결할 수 없습니다. 네트워크를 확인해 주세요.',
  'error.bad-response': '서버가 이 페이지가 이해할 수 없는 응답을 보냈습니다.',
  'error.unknown': '문제가 생겼습니다.',
  'error.retry': '다시 시도',

  'header.updated': '{time} 업데이트',
  'header.never': '아직 업데이트 전',
  'header.next': '다음 {time}',
  'header.requested': '업데이트 요청됨',
  'header.status.ok': '최신 상태',
  'header.status.partial': '일부만 업데이트',
  'header.status.failed': '업데이트 실패',
  'header.status.waiting': '첫 업데이트 대기 중',
  'header.status.reauth': '일시 중지: 새 토큰 필요',
  'header.refresh': '지금 업데이트',
  'header.refreshing': '요청하는 중…',
  'header.refreshLater': '최근에 업데이트했습니다. {minutes}분 뒤에 다시 요청할 수 있습니다.',
  'header.refreshDemo': '데모 블로그는 업데이트하지 않습니다.',
  'header.logout': '로그아웃',
  'header.demo': '데모',
  'header.user': '{name}(으)로 로그인됨',

  'banner.demo': '가상의 수치로 만든 데모 블로그를 보고 있습니다.',
  'banner.reauth':
    'velog가 저장된 토큰을 더 이상 받지 않아 업데이트가 멈췄습니다. 기록은 그대로 있습니다. 새 토큰을 붙여 넣으면 다시 시작합니다.',
  'banner.firstDay':
    '오늘 첫 기록을 남겼습니다. 일별 수치는 내일부터 나옵니다. 하루의 증가량은 전날 기록이 있어야 계산할 수 있습니다.',
  'banner.waiting': '첫 업데이트를 준비하고 있습니다. 끝나면 이 페이지가 저절로 채워집니다.',
  'banner.partial':
    '지난 업데이트에서 일부 글을 읽지 못했습니다. 그 글들은 이전 수치를 유지하고 다음 업데이트에서 다시 시도합니다.',
  'banner.failed':
    '지난 업데이트가 실패했습니다. 기록은 그대로이며 다음 업데이트에서 다시 시도합니다.',

  'cards.totalViews': '전체 조회수',
  'cards.today': '오늘 조회수',
  'cards.yesterday': '어제',
  'cards.last7': '최근 7일',
  'cards.last30': '최근 30일',
  'cards.totalLikes': '전체 좋아요',
  'cards.likesToday': '오늘 좋아요',
  'cards.posts': '글 수',
  'cards.notObserved': '아직 기록 없음',
  'cards.asOf': '{time} 기준',

  'range.label': '기간',
  'range.7': '7일',
  'range.30': '30일',
  'range.90': '90일',
  'range.365': '1년',
  'range.all': '전체',
  'range.custom': '직접 지정',
  'range.from': '시작',
  'range.to': '끝',
  'range.apply': '적용',
  'range.invalid':
    '시작일은 종료일보다 늦을 수 없고, 종료일은 오늘보다 늦을 수 없으며, 기간은 최대 1,100일입니다.',
  'range.showing': '{from} – {to}',

  'chart.views.title': '일별 조회수',
  'chart.likes.title': '일별 좋아요',
  'chart.views.daily': '조회수 증가',
  'chart.views.total': '누적 조회수',
  'chart.likes.daily': '좋아요 증가',
  'chart.likes.total': '누적 좋아요',
  'chart.axis.day': '날짜 (KST)',
  'chart.axis.daily': '일별',
  'chart.axis.total': '누적',
  'chart.periodViews': '이 기간 조회수 {n}',
  'chart.periodLikes': '이 기간 좋아요 {n}',
  'chart.gapNote':
    '비어 있는 날은 기록하지 못한 날이며, 0이 아닙니다. 그동안 늘어난 수치는 하루 평균으로 흐리게 표시합니다.',
  'chart.correction': '이날 카운터가 줄어들어 증가량을 0으로 표시했습니다.',
  'chart.gapAverage': '기록 못 한 기간의 하루 평균',
  'chart.gapSpan': '하루씩 기록하지 못한 {days}일 동안 {n} 증가',
  'chart.notObserved': '기록 없음',
  'chart.empty':
    '이 기간에는 아직 일별 수치가 없습니다. 그날과 전날이 모두 기록되면 그날의 증가량이 나타납니다.',
  'chart.emptyFirst':
    '일별 수치는 첫 기록({day}) 다음 날부터 나옵니다. 하루의 증가량은 그날 기록에서 전날 기록을 뺀 값입니다.',
  'chart.sinceRelease.title': '발행 후 경과일별 조회수 (첫 90일)',
  'chart.sinceRelease.axis': '발행 후 경과일',
  'chart.sinceRelease.daily': '그날 조회수',
  'chart.sinceRelease.total': '누적 조회수',
  'chart.sinceRelease.tooltip': '{n}일째 · {day}',
  'chart.sinceRelease.empty':
    '이 글의 첫 90일 동안의 기록이 없습니다. 기록을 시작하기 전에 발행된 글입니다.',

  'posts.title': '글 목록',
  'posts.search': '제목 검색',
  'posts.col.title': '제목',
  'posts.col.releasedAt': '발행일 (KST)',
  'posts.col.views': '조회수',
  'posts.col.periodViews': '기간 조회수',
  'posts.col.likes': '좋아요',
  'posts.col.periodLikes': '기간 좋아요',
  'posts.sortBy': '{column} 기준으로 정렬',
  'posts.page': '{total}개 중 {from}–{to}',
  'posts.prev': '이전',
  'posts.next': '다음',
  'posts.openVelog': 'velog에서 보기',
  'posts.private': '비공개',
  'posts.removed': 'velog에서 삭제됨',
  'posts.noMatch': '제목에 “{q}”가 들어간 글이 없습니다.',
  'posts.empty':
    '발행한 글이 아직 없습니다. velog에 글을 발행하면 다음 업데이트 뒤에 여기에 나타납니다.',
  'posts.periodUnknown': '이 기간의 기록이 부족합니다',

  'export.csv': 'CSV 내려받기',
  'export.json': 'JSON 내려받기',
  'export.label': '기간 내보내기, 글별·날짜별 한 줄',

  'post.back': '← 전체 글',
  'post.openVelog': 'velog에서 보기 ↗',
  'post.released': '{day} 발행',
  'post.unreleased': '발행 전',
  'post.periodViews': '기간 조회수',
  'post.periodLikes': '기간 좋아요',
  'post.comments': '댓글',

  'title.dashboard': '대시보드 — Velog Insights',
  'title.signIn': '로그인 — Velog Insights',
  'title.post': '{title} — Velog Insights',
  'title.overview': '내 글 한눈에 보기',
  'header.failedAt': '{time} 업데이트 시도 실패',
  'header.lastGood': '마지막 정상 업데이트 {time}',
  'header.refreshReauth': '업데이트가 멈췄습니다. 먼저 새 토큰을 붙여 넣어 주세요.',
  'header.refreshRequested': '업데이트가 진행 중입니다. 끝나면 페이지가 새로 고쳐집니다.',
  'chart.beforeTracking':
    'velog의 전체 조회수 {total}에는 글마다 첫 기록({day}부터) 전에 쌓인 조회수 {n}이 들어 있습니다. 이 조회수는 어느 날의 증가량에도 속하지 않아 이 기간 합계가 더 적습니다.',
  'signIn.demoPreparing': '데모를 준비하는 중… 준비되면 저절로 열립니다.',
  'signIn.demoWaiting': '데모 준비 중…',
  'export.preparing': '내보낼 파일 준비 중…',
  'form.show': '보기',
  'form.hide': '숨기기',
  'form.showLabel': '{name} 보기',
  'form.hideLabel': '{name} 숨기기',
  'error.refresh-throttled': '방금 업데이트를 요청했습니다. 몇 분 뒤에 다시 시도해 주세요.',
  'error.demo-read-only': '데모는 보기 전용이라 바꿀 수 없습니다.',
  'error.verification-throttled': '인증 메일을 많이 보냈습니다. 한 시간 뒤에 다시 시도해 주세요.',
  'error.no-webhook': '아직 웹훅이 없습니다. 먼저 웹훅 URL을 저장해 주세요.',
  'error.webhook-url-not-allowed':
    '이 웹훅 주소는 쓸 수 없습니다. http(s)여야 하고 로컬·사설 주소는 안 됩니다.',
  'error.no-email': '아직 저장된 이메일 주소가 없습니다.',
  'error.email-already-verified': '이미 인증된 주소입니다.',
  'error.settings-changed': '그사이 설정이 바뀌었습니다. 새로 고친 뒤 다시 시도해 주세요.',
  'error.demo-unavailable':
    '이 서버의 데모가 아직 준비되지 않았습니다. 잠시 뒤에 다시 시도해 주세요.',
  'error.forbidden': '서버가 이 요청을 거부했습니다. 이 페이지 주소에서 직접 다시 시도해 주세요.',
  'error.invalid-cursor': '보는 동안 목록이 바뀌었습니다. 첫 페이지부터 다시 보세요.',
  'error.database-unavailable':
    '데이터베이스가 지금 응답하지 않습니다. 잠시 뒤에 다시 시도해 주세요.',
  'error.invalid-range':
    '이 기간은 보여 줄 수 없습니다. 종료일은 오늘(KST)보다 늦을 수 없고, 기간은 최대 1,100일입니다.',
  'error.invalid-request':
    '서버가 요청을 이해하지 못했습니다. 페이지를 새로 고친 뒤 다시 시도해 주세요.',
  'error.payload-too-large': '한 번에 보내기에는 너무 큽니다.',
  'error.no-route': '페이지가 서버에 없는 것을 요청했습니다. 페이지를 새로 고쳐 주세요.',
  'error.reauth-required':
    'velog가 토큰을 더 이상 받지 않습니다. 새 토큰을 붙여 넣으면 업데이트가 다시 시작됩니다.',
  'error.server': '서버에서 문제가 생겼습니다. 다시 시도해 보고, 계속되면 알려 주세요.',
  'error.code': '코드: {code}',
  // Insights (issue 13): calendar comparisons, launch curves, highlights, tags.
  'periods.wow': '주간 비교 (월–일)',
  'periods.mom': '월간 비교',
  'periods.detail':
    '{current} {currentViews} · {previous} {previousViews} (각 {days}일, KST, 오늘 제외)',
  'periods.unobserved': '이 중 {n}일은 기록하지 못해 비율을 내지 않습니다.',
  'periods.noBase': '앞 기간의 조회수가 없어 비율을 내지 않습니다.',

  'launch.title': '발행 후 경과일별 조회수 비교',
  'launch.lead':
    '0일째는 글을 발행한 KST 날짜이며, 끝난 날만 세므로 오늘은 빠집니다. 점선은 그 경과일이 기록된 내 모든 글의 중앙값입니다.',
  'launch.pick': '비교할 글',
  'launch.last5': '최근 글 5개',
  'launch.cumulative': '누적',
  'launch.daily': '일별',
  'launch.median': '전체 글 중앙값',
  'launch.axis': '발행 후 경과일',
  'launch.tooltip': '{n}일째',
  'launch.untracked': '기록을 시작하기 전에 발행된 글이라 처음 며칠은 알 수 없음(0이 아님)',
  'launch.gapNote': '선이 끊긴 날은 기록하지 못한 날이며, 0이 아닙니다.',
  'launch.empty': '이 글들은 발행 후 기록된 날이 아직 없습니다.',
  'launch.lastDay': '{day}일째: {views} (중앙값 {median})',

  'highlights.title': '이 기간 하이라이트',
  'highlights.topGainers': '조회수가 가장 많이 늘어난 글',
  'highlights.bestDay': '가장 많이 읽힌 날: {day}, 조회수 {views}',
  'highlights.drivers': '이끈 글',
  'highlights.noBestDay': '이 기간에 기록된 날이 없습니다.',
  'highlights.newPosts': '새 글: 첫 7일',
  'highlights.firstWeek': '첫 7일 {views} · 내 중앙값 {median}',
  'highlights.firstWeekUnknown': '첫 7일이 (아직) 다 기록되지 않음 · 내 중앙값 {median}',
  'highlights.noNewPosts': '이 기간에 발행한 글이 없습니다.',
  'highlights.waking': '다시 읽히기 시작한 글',
  'highlights.wakingRule':
    '기간의 마지막 7일 조회수가 평소 한 주(그전 28일의 하루 중앙값 × 7)의 3배 이상이고 20 이상 많은 글입니다. 그 28일 중 14일 이상이 기록되어 있어야 합니다.',
  'highlights.wakingItem': '7일 동안 {recent} · 평소 하루 {usual}',
  'highlights.noWaking': '이 기간 끝에 다시 읽히기 시작한 글이 없습니다.',

  'tags.title': '태그별 조회수와 좋아요',
  'tags.note':
    '태그가 여러 개인 글은 각 태그에 모두 더하므로, 행의 합은 기간 전체보다 클 수 있습니다. velog 글 목록에는 시리즈 정보가 없어 태그로만 묶습니다.',
  'tags.col.tag': '태그',
  'tags.col.posts': '글',
  'tags.col.views': '기간 조회수',
  'tags.col.likes': '기간 좋아요',
  'tags.none': '태그 없음',
  'tags.chart': '태그별 조회수 증가 (상위 10개)',
};

export type Lang = 'ko' | 'en';

const messages: Record<Lang, Messages> = { en, ko };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const table = messages[lang];
  return (key, params) =>
    table[key].replace(/\{(\w+)\}/g, (match, name: string) =>
      params && name in params ? String(params[name]) : match,
    );
}

/** `ko` when the browser lists Korean before English (or at all, without English first). */
export function detectLang(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ko') return 'ko';
    if (base === 'en') return 'en';
  }
  return 'en';
}

export function isLang(value: unknown): value is Lang {
  return value === 'ko' || value === 'en';
}

/** The BCP 47 locale Intl and luxon format with. */
export function localeOf(lang: Lang): string {
  return lang === 'ko' ? 'ko-KR' : 'en-US';
}

export const allMessageKeys = Object.keys(en) as MessageKey[];

export function messagesOf(lang: Lang): Readonly<Messages> {
  return messages[lang];
}
