import { parseCliArgs } from './cli-args.js';
import { startVelogFake } from './fake.js';
import { seedDemoBlog } from './seed.js';

// `npm run velog-fake -- --port 4100 --seed demo --stats-mode current`: serves until a signal.
let options: ReturnType<typeof parseCliArgs>;
try {
  options = parseCliArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`velog-fake: ${(error as Error).message}\n`);
  process.exit(2);
}

const fake = await startVelogFake({
  port: options.port,
  now: options.now,
  // A local run lasts hours: tokens should expire and days should turn as they do on velog.
  tickingClock: true,
  statsMode: options.statsMode,
  viewsInPosts: options.viewsInPosts,
  tieOrder: options.tieOrder,
  legacyDayEncoding: options.legacyDayEncoding,
});
const seeded = options.seed === 'demo' ? seedDemoBlog(fake).users : [];
const users = seeded.map((user) => {
  const tokens = fake.mintTokens(user.id);
  return {
    username: user.username,
    id: user.id,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    posts: user.postIds.length,
  };
});
process.stdout.write(
  `${JSON.stringify({ urls: fake.urls, statsMode: options.statsMode, now: fake.now(), users }, null, 2)}\n`,
);

const stop = () => {
  void fake.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
