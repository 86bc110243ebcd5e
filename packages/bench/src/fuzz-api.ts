import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from './demo-server.js';

/**
 * `npm run fuzz`: schemathesis against the running API's own OpenAPI document, once with a demo
 * session and once with none. Any 5xx, any response its operation does not document (status,
 * content type, body schema, headers), any invalid input accepted, or a route that answers
 * without the session it documents fails the run (see CHECKS). Bounded (a fixed number of
 * examples per operation) and reproducible (a fixed seed, no example database).
 */
const schemathesis = fileURLToPath(new URL('../../../scripts/schemathesis.sh', import.meta.url));
const sessionConfig = fileURLToPath(new URL('./fuzz-session.toml', import.meta.url));
const say = (line: string) => process.stderr.write(`[fuzz] ${line}\n`);

/**
 * Every check schemathesis has (server errors; status codes, content types, bodies and headers
 * as documented; invalid input rejected; auth not ignored; 405 with Allow for an undocumented
 * method; …) but positive_data_acceptance: a range's limits (not after today, at most
 * MAX_RANGE_DAYS) are documented in words, which no JSON Schema can say, so a valid-looking
 * far-off date is rightly a 400.
 */
const CHECKS = ['--checks', 'all', '--exclude-checks', 'positive_data_acceptance'];

const SEED = process.env.FUZZ_SEED ?? '20261202';
const MAX_EXAMPLES = process.env.FUZZ_MAX_EXAMPLES ?? '80';

function runSchemathesis(args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(schemathesis, args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...env },
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const server = await startDemoServer({
  log: say,
  // Sign-in attempts past the limit answer 429 (documented) without reaching the code behind
  // it; a limit the run never reaches lets the fuzzer exercise the login itself.
  env: { LOGIN_RATE_LIMIT_MAX: '1000000', LOG_LEVEL: 'error' },
});
let failed = 0;
try {
  // One sign-in for the whole run: the session is reused, so no sign-in limit can stand in the
  // way, and the operations that would end it (a new sign-in, sign-out) are left to the run
  // without a session.
  const sessionId = (await server.signIn()).replace(/^vi_session=/, '');
  const common = [
    `${server.url}/api/openapi.json`,
    ...CHECKS,
    '--seed',
    SEED,
    '--max-examples',
    MAX_EXAMPLES,
    // One worker: hypothesis's lambda descriptions are not thread-safe on Python 3.11
    // ("AST constructor recursion depth mismatch").
    '--workers',
    '1',
    '--request-timeout',
    '30',
    '--no-color',
    // No example database: every run starts from the seed alone, on any machine.
    '--generation-database',
    'none',
    '--suppress-health-check',
    'too_slow',
    // The API's CSRF check takes a browser's word: a POST that names our origin may change things.
    '--header',
    `Origin: ${server.url}`,
  ];
  const runs = [
    {
      name: 'with a demo session',
      args: [
        '--config-file',
        sessionConfig,
        'run',
        ...common,
        '--exclude-path',
        '/api/auth/demo',
        '--exclude-path',
        '/api/auth/logout',
      ],
    },
    { name: 'without a session', args: ['run', ...common] },
  ];
  const outcomes: string[] = [];
  for (const run of runs) {
    say(`schemathesis ${run.name}…`);
    const started = performance.now();
    const code = await runSchemathesis(run.args, { FUZZ_SESSION_ID: sessionId });
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    outcomes.push(
      `${run.name}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s`,
    );
    if (code !== 0) failed += 1;
  }
  // A session that died during its run would have made it a second run without one.
  const me = await fetch(`${server.url}/api/me`, {
    headers: { cookie: `vi_session=${sessionId}` },
  });
  if (me.status !== 200) {
    outcomes.push(
      `FAILED: the demo session did not outlive its run (/api/me answered ${me.status})`,
    );
    failed += 1;
  }
  for (const outcome of outcomes) say(outcome);
} finally {
  await server.stop();
}
process.exit(failed === 0 ? 0 : 1);
