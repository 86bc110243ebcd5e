import { readFileSync } from 'node:fs';
import { ApiEnv, loadApiEnv } from '@velog-insights/api';
import { loadWorkerEnv, WorkerEnv } from '@velog-insights/worker';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/*
 * What can be checked of the deployment files on a machine with no Docker engine, no
 * `docker compose` and no promtool: their structure, and that they name only what the code
 * reads (variables) and registers (metrics). scripts/dockerfile-steps.sh runs the Dockerfile's
 * steps; `systemd-analyze verify` checks deploy/systemd (docs/operations.md).
 */

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: parsed YAML is checked field by field below
const readYaml = (path: string): any => parse(read(path));

const KEY = 'a'.repeat(64);
/** Compose's `${NAME:?message}` (a required variable), filled in as `docker compose` would from .env. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+):\?[^}]*\}/g, (_, name: string) => {
    const filled = env[name];
    if (filled === undefined) throw new Error(`${name} is required`);
    return filled;
  });
}

/** An npm script's command as the container runs it: node itself, tsx as a loader. */
function scriptCommand(name: string): string[] {
  const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
  const words = (scripts[name] ?? '').split(' ');
  return words[0] === 'tsx' ? ['node', '--import', 'tsx', ...words.slice(1)] : words;
}

describe('compose.yaml', () => {
  const compose = readYaml('compose.yaml');
  const services = compose.services;

  it('runs MongoDB on a volume, the API and the worker, each with a healthcheck', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'mongo', 'worker']);
    expect(services.mongo.image).toMatch(/^mongo:(7|8)(\.|$)/);
    const [volume] = (services.mongo.volumes[0] as string).split(':');
    expect(Object.keys(compose.volumes)).toContain(volume);
    expect(services.mongo.volumes[0]).toMatch(/:\/data\/db$/);
    for (const name of ['mongo', 'api', 'worker']) {
      expect(services[name].healthcheck.test[0], name).toBe('CMD');
    }
    expect(services.api.healthcheck.test.join(' ')).toContain('/healthz');
    expect(services.worker.healthcheck.test.join(' ')).toContain(
      `:${services.worker.environment.WORKER_METRICS_PORT}/metrics`,
    );
  });

  it('starts the API and the worker once MongoDB answers, from the image the Dockerfile builds', () => {
    for (const name of ['api', 'worker']) {
      expect(services[name].depends_on, name).toEqual({ mongo: { condition: 'service_healthy' } });
      expect(services[name].build, name).toBe('.');
      expect(services[name].image, name).toBe(services.api.image);
    }
    expect(services.api.command).toBeUndefined();
    expect(services.worker.command).toEqual(scriptCommand('start:worker'));
  });

  it('requires TOKEN_ENCRYPTION_KEY rather than defaulting it', () => {
    for (const name of ['api', 'worker']) {
      expect(services[name].environment.TOKEN_ENCRYPTION_KEY, name).toMatch(
        /^\$\{TOKEN_ENCRYPTION_KEY:\?.+\}$/,
      );
      expect(() => interpolate(services[name].environment.TOKEN_ENCRYPTION_KEY, {})).toThrow(
        /TOKEN_ENCRYPTION_KEY is required/,
      );
    }
  });

  it('sets only variables each process reads, to values it accepts', () => {
    const env = (name: string) =>
      Object.fromEntries(
        Object.entries(services[name].environment as Record<string, string>).map(([k, v]) => [
          k,
          interpolate(String(v), { TOKEN_ENCRYPTION_KEY: KEY }),
        ]),
      );
    const api = env('api');
    const worker = env('worker');
    expect(Object.keys(api).filter((name) => !(name in ApiEnv.shape))).toEqual([]);
    expect(Object.keys(worker).filter((name) => !(name in WorkerEnv.shape))).toEqual([]);
    expect(loadApiEnv(api).HOST).toBe('0.0.0.0');
    expect(loadWorkerEnv(worker).metrics).toEqual({ port: 9464, host: '0.0.0.0' });
    expect(api.MONGODB_URI).toBe(worker.MONGODB_URI);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const lines = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const runtime = lines.slice(lines.findIndex((line) => /^FROM .* AS runtime$/.test(line)));

  it('builds on node 20 in two stages, the last one the runtime', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20[.\-\w]*$/m);
    const stage = (name: string) => `FROM \${NODE_IMAGE} AS ${name}`;
    expect(lines.filter((line) => line.startsWith('FROM '))).toEqual([
      stage('build'),
      stage('runtime'),
    ]);
    expect(lines).toContain('RUN npm run build');
  });

  it('installs production dependencies only and runs as a user that is not root', () => {
    expect(runtime.some((line) => /^RUN npm install --omit=dev\b/.test(line))).toBe(true);
    const user = runtime.find((line) => line.startsWith('USER '));
    expect(user).toBe('USER node');
    // The install runs before USER: root owns the code the process runs.
    expect(runtime.findIndex((line) => line.startsWith('RUN npm install'))).toBeLessThan(
      runtime.indexOf('USER node'),
    );
  });

  it('listens on every interface, checks /healthz and runs the API as start:api does', () => {
    expect(runtime.find((line) => line.startsWith('ENV '))).toMatch(/\bHOST=0\.0\.0\.0\b/);
    const healthcheck = runtime.find((line) => line.startsWith('HEALTHCHECK '));
    expect(healthcheck).toMatch(/CMD node -e ".*fetch\(.*\/healthz/);
    const cmd = runtime.find((line) => line.startsWith('CMD '));
    expect(JSON.parse(cmd?.slice(4) ?? '[]')).toEqual(scriptCommand('start:api'));
  });
});

const METRIC_SOURCES = ['packages/api/src/http/metrics.ts', 'packages/worker/src/metrics.ts'];
const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const PROMQL_WORDS_TOO = new Set(['bool', 'and', 'or', 'unless', 'offset']);

/** Every series name the code registers, with a histogram's _bucket, _sum and _count. */
function registeredMetrics(): Set<string> {
  const names = new Set<string>(['up']); // Prometheus's own, per scrape target
  for (const file of METRIC_SOURCES) {
    const source = read(file);
    for (const match of source.matchAll(/new (Counter|Gauge|Histogram)\(\{\s*name: '(\w+)'/g)) {
      const [, kind, name] = match as unknown as [string, string, string];
      names.add(name);
      if (kind === 'Histogram')
        for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    }
  }
  return names;
}

/** The metric names in a PromQL expression: identifiers that are not functions or keywords. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, '');
  return [...bare.matchAll(/[a-zA-Z_:][\w:]*(?!\s*\(|\w)/g)]
    .map((match) => match[0])
    .filter((word) => !PROMQL_WORDS.has(word) && !PROMQL_WORDS_TOO.has(word));
}

describe('deploy/prometheus/alerts.yml', () => {
  const rules = readYaml('deploy/prometheus/alerts.yml');

  it('has groups of rules, each with alert, expr, for, labels.severity and annotations', () => {
    expect(rules.groups.length).toBeGreaterThan(0);
    const alerts = new Set<string>();
    for (const group of rules.groups) {
      expect(typeof group.name).toBe('string');
      expect(group.rules.length, group.name).toBeGreaterThan(0);
      for (const rule of group.rules) {
        expect(Object.keys(rule).sort(), rule.alert).toEqual(
          ['alert', 'annotations', 'expr', 'for', 'labels'].sort(),
        );
        expect(rule.alert).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
        expect(alerts.has(rule.alert), `${rule.alert} twice`).toBe(false);
        alerts.add(rule.alert);
        expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
        expect(['page', 'warn', 'info'], rule.alert).toContain(rule.labels.severity);
        expect(typeof rule.annotations.summary, rule.alert).toBe('string');
        expect(rule.expr.trim(), rule.alert).not.toBe('');
      }
    }
  });

  it('uses only metrics the API and the worker register', () => {
    const registered = registeredMetrics();
    expect(registered).toContain('worker_last_cycle_end_seconds');
    expect(registered).toContain('http_requests_total');
    const used = rules.groups.flatMap((group: { rules: { expr: string }[] }) =>
      group.rules.flatMap((rule) => metricNames(rule.expr)),
    );
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((name: string) => !registered.has(name))).toEqual([]);
    for (const name of [
      'worker_last_cycle_end_seconds',
      'worker_scrapes_total',
      'worker_velog_breaker_open',
      'worker_lease_takeovers_total',
      'http_requests_total',
    ]) {
      expect(used, name).toContain(name);
    }
  });

  it('finds metric names in PromQL and nothing else', () => {
    expect(
      metricNames(
        'sum by (job) (rate(a_total{x="y z"}[5m])) / on(job) b_seconds > bool 3 and time()',
      ),
    ).toEqual(['a_total', 'b_seconds']);
  });
});

describe('the scheduled-job recipes', () => {
  it('never runs two Kubernetes jobs at once and runs the built worker once', () => {
    const cronJob = readYaml('deploy/k8s/worker-cronjob.yaml');
    expect(cronJob.kind).toBe('CronJob');
    expect(cronJob.spec.concurrencyPolicy).toBe('Forbid');
    const [container] = cronJob.spec.jobTemplate.spec.template.spec.containers;
    expect(container.command).toEqual([
      'node',
      '--optimize-for-size',
      'packages/worker/dist/main.mjs',
      'once',
    ]);
    expect(container.envFrom[0].secretRef.name).toBeTruthy();
  });

  it('schedules the GitHub Actions workflow and runs the built worker once', () => {
    const workflow = readYaml('deploy/github-actions/scrape.yml');
    expect(workflow.on.schedule[0].cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    const steps = workflow.jobs.once.steps.map((step: { run?: string }) => step.run);
    expect(steps).toContain('npm run build');
    expect(steps).toContain('node --optimize-for-size packages/worker/dist/main.mjs once');
  });
});
