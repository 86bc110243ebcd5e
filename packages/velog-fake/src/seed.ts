import type { VelogFake } from './fake.js';

export interface SeedOptions {
  /** The main writer's username. */
  username?: string;
  /** How many posts the main writer has (published, private and drafts together). */
  posts?: number;
  /** How far back the blog goes. */
  days?: number;
  /** Same seed, same blog. */
  seed?: number;
}

export interface SeededUser {
  id: string;
  username: string;
  postIds: string[];
}

export interface SeededBlog {
  users: SeededUser[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

const TAGS = [
  'javascript',
  'typescript',
  'react',
  'nextjs',
  'node',
  'css',
  'algorithm',
  'database',
  'devops',
  'retrospective',
];

const TOPICS = [
  'Understanding the event loop',
  'A week with React Server Components',
  'What I learned from a failed deploy',
  'Indexes that actually help',
  'Type-safe APIs with zod',
  'CSS grid in practice',
  'Dynamic programming, gently',
  'Docker images that stay small',
  'My first open-source pull request',
  'Retrospective: one year of blogging',
  'Debugging memory leaks in Node',
  'Testing with a real database',
];

/** mulberry32: a small deterministic PRNG, so the demo blog is the same every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Reads a post gets on its `age`-th day: a launch spike that fades over days, a long tail
 * from search traffic, quieter weekends, and noise.
 */
function readsOnDay(age: number, popularity: number, weekday: number, random: () => number) {
  const spike = 60 * popularity * Math.exp(-age / 2.5);
  const tail = 3 * popularity * Math.exp(-age / 120) + 0.4;
  const weekend = weekday === 0 || weekday === 6 ? 0.6 : 1;
  const expected = (spike + tail) * weekend * (0.6 + 0.8 * random());
  return Math.floor(expected + random());
}

function seedWriter(
  fake: VelogFake,
  username: string,
  postCount: number,
  days: number,
  random: () => number,
  now: number,
): SeededUser {
  const user = fake.addUser({
    username,
    displayName: username === 'demo' ? 'Demo Writer' : username,
    shortBio: 'Writes about the web, slowly.',
  });
  const releases = Array.from({ length: postCount }, () => now - random() * days * DAY_MS).sort(
    (a, b) => a - b,
  );
  const postIds: string[] = [];
  releases.forEach((releasedMs, index) => {
    const topic = TOPICS[index % TOPICS.length] ?? 'A post';
    const title =
      index < TOPICS.length ? topic : `${topic} (part ${Math.floor(index / TOPICS.length) + 1})`;
    // Every tenth post is private; the two newest of a long blog are drafts.
    const status =
      postCount >= 10 && index >= postCount - 2
        ? 'draft'
        : index % 10 === 7
          ? 'private'
          : 'published';
    const tags = [TAGS[Math.floor(random() * TAGS.length)] ?? 'javascript'];
    if (random() < 0.5) tags.push(TAGS[Math.floor(random() * TAGS.length)] ?? 'node');
    const post = fake.addPost({
      userId: user.id,
      title,
      tags: [...new Set(tags)],
      releasedAt: new Date(Math.floor(releasedMs)),
      status,
      commentsCount: Math.floor(random() * 6),
    });
    postIds.push(post.id);
    if (status === 'draft') return;
    const popularity = 0.2 + random() * random() * 3;
    let total = 0;
    for (let age = 0; releasedMs + age * DAY_MS < now; age += 1) {
      const at = Math.min(now, Math.floor(releasedMs + age * DAY_MS + random() * DAY_MS * 0.9));
      const weekday = new Date(at).getUTCDay();
      const count = readsOnDay(age, popularity, weekday, random);
      if (count > 0) {
        fake.addReads(post.id, count, new Date(at));
        total += count;
      }
    }
    fake.setLikes(post.id, Math.floor(total * (0.01 + random() * 0.03)));
  });
  return { id: user.id, username: user.username, postIds };
}

/**
 * A realistic blog for local runs and demos: a writer with dozens of posts over a year
 * (some private, a couple of drafts) and a year of reads, plus a second writer whose posts
 * the first cannot read stats for.
 */
export function seedDemoBlog(fake: VelogFake, options: SeedOptions = {}): SeededBlog {
  const random = prng(options.seed ?? 20231122);
  const now = fake.now().getTime();
  const days = options.days ?? 365;
  const main = seedWriter(fake, options.username ?? 'demo', options.posts ?? 36, days, random, now);
  const neighbour = seedWriter(
    fake,
    `${options.username ?? 'demo'}-neighbour`,
    5,
    days,
    random,
    now,
  );
  return { users: [main, neighbour] };
}
