import {
  addKstDays,
  type KstDate,
  KstDate as KstDateSchema,
  kstDaysBetween,
} from '@velog-insights/shared';
import { seededRandom, seedFrom } from './random.js';

/** The demo writer's first post; the blog keeps publishing every week or two after it. */
export const DEMO_FIRST_POST_DAY = KstDateSchema.parse('2025-05-12');

const TOPICS: readonly { title: string; tags: string[] }[] = [
  { title: 'React 18 useTransition 제대로 이해하기', tags: ['react', 'frontend'] },
  { title: 'TypeScript 제네릭, 실무에서 쓰는 패턴 7가지', tags: ['typescript'] },
  { title: 'Next.js App Router로 마이그레이션한 후기', tags: ['nextjs', 'react'] },
  { title: '면접 전에 꼭 정리해야 할 HTTP 캐시', tags: ['http', 'cs'] },
  { title: 'Node.js 이벤트 루프를 그림으로 보기', tags: ['nodejs', 'javascript'] },
  { title: 'MongoDB 인덱스, explain()으로 확인하기', tags: ['mongodb', 'database'] },
  { title: 'Git rebase와 merge, 팀에서는 무엇을 쓸까', tags: ['git'] },
  { title: 'Docker 없이 로컬 개발 환경 정리하기', tags: ['devops'] },
  { title: '신입 개발자 6개월 회고', tags: ['회고', 'career'] },
  { title: 'CSS Grid로 대시보드 레이아웃 만들기', tags: ['css', 'frontend'] },
  { title: 'Zod로 API 응답 검증하기', tags: ['typescript', 'zod'] },
  { title: '코딩테스트 DP 문제 접근법', tags: ['algorithm'] },
  { title: 'Chart.js로 시계열 그래프 그리기', tags: ['javascript', 'chartjs'] },
  { title: 'OAuth 2.0 흐름 한 번에 정리', tags: ['auth', 'security'] },
  { title: 'JWT를 쿠키에 저장할 때 주의할 점', tags: ['auth', 'security'] },
  { title: 'Vite 플러그인 직접 만들어 보기', tags: ['vite', 'frontend'] },
  { title: 'PostgreSQL 트랜잭션 격리 수준', tags: ['database', 'postgresql'] },
  { title: 'Kotlin 코루틴 입문', tags: ['kotlin'] },
  { title: '웹 접근성, 키보드만으로 써 보기', tags: ['a11y', 'frontend'] },
  { title: '사이드 프로젝트를 끝까지 가져가는 법', tags: ['회고'] },
  { title: 'Go로 CLI 도구 만들기', tags: ['go'] },
  { title: 'Redis 캐시 전략 비교', tags: ['redis', 'backend'] },
  { title: 'GraphQL 페이지네이션: cursor vs offset', tags: ['graphql', 'backend'] },
  { title: '테스트 코드가 느릴 때 보는 체크리스트', tags: ['testing'] },
  { title: 'Rust 소유권을 JavaScript 개발자에게 설명하기', tags: ['rust'] },
  { title: 'AWS Lambda 콜드 스타트 줄이기', tags: ['aws', 'serverless'] },
  { title: '리액트 상태 관리, 2026년에는', tags: ['react'] },
  { title: 'Web Vitals 점수 올리기 실전', tags: ['performance', 'frontend'] },
  { title: '개발 블로그 1년 운영 후기', tags: ['회고', 'blog'] },
  { title: 'Linux 명령어 자주 쓰는 것만', tags: ['linux'] },
];

export interface DemoPost {
  id: string;
  title: string;
  urlSlug: string;
  tags: string[];
  releasedOn: KstDate;
  /** Typical reads a day once the launch has passed. */
  popularity: number;
  likeRate: number;
  isPrivate: boolean;
}

/** Every demo post released on or before `lastDay`, oldest first. */
export function demoPosts(lastDay: KstDate): DemoPost[] {
  const random = seededRandom(seedFrom('velog-insights-demo/posts'));
  const posts: DemoPost[] = [];
  let releasedOn = DEMO_FIRST_POST_DAY;
  for (let index = 0; kstDaysBetween(releasedOn, lastDay) >= 0; index += 1) {
    const topic = TOPICS[index % TOPICS.length] as (typeof TOPICS)[number];
    const round = Math.floor(index / TOPICS.length);
    // A lognormal spread: most posts are read modestly, a few become the blog's evergreens.
    const popularity = Math.round(Math.exp(2.2 + 1.1 * gaussian(random)) + 4);
    posts.push({
      id: demoPostId(index),
      title: round === 0 ? topic.title : `${topic.title} (${round + 1})`,
      urlSlug: `demo-post-${index + 1}`,
      tags: topic.tags,
      releasedOn,
      popularity,
      likeRate: 0.008 + random() * 0.025,
      isPrivate: index % 17 === 5,
    });
    releasedOn = addKstDays(releasedOn, 7 + Math.floor(random() * 10));
  }
  return posts;
}

/** A UUID-shaped id, like velog's, that is the same on every run. */
export function demoPostId(index: number): string {
  const hex = (index + 1).toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
