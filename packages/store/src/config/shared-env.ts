import { z } from 'zod';
import { parseTokenKey, type TokenKey } from '../token-crypto.js';

/*
 * The variables the API and the worker both read, declared once so they cannot drift (they did:
 * a flag accepted `yes` in one and not the other, a timeout defaulted differently). It lives in
 * the store, not in shared: the token key is parsed by the store's crypto, the URI is the store's
 * database, and both processes already depend on the store while never on each other. It is a
 * schema of strings only; each process still parses its own environment once, at start-up.
 */

/** Which process reads a variable; the docs generator derives it from the schema it sits in. */
export type EnvReader = 'api' | 'worker' | 'both';

/**
 * What the generated docs/configuration.md and .env.example say about a variable. `invalid` is
 * a wrong value the generator parses to show the real message an operator would see.
 */
export interface EnvVarMeta {
  description: string;
  /** A bad value to parse for the docs; absent: the variable has no wrong value (any string). */
  invalid?: string;
  /** For defaults that depend on the machine (a path, the host name): what the docs show. */
  defaultText?: string;
  /** For required variables: the placeholder in .env.example. */
  placeholder?: string;
}

/** Attaches the docs' metadata; `.meta()` must come last, as each zod method returns a copy. */
export function envVar<T extends z.ZodType>(schema: T, meta: EnvVarMeta): T {
  return schema.meta(meta as unknown as Record<string, unknown>) as T;
}

export function envVarMeta(schema: z.ZodType): EnvVarMeta | undefined {
  return schema.meta() as EnvVarMeta | undefined;
}

/** The one boolean spelling for every on/off variable, in both processes. */
export const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const positiveInt = z.coerce.number().int().positive();

/** A missing variable says so, rather than zod's "expected string, received undefined". */
const requiredString = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : undefined) });

const KEY_FORMAT = 'must be 32 bytes, written as 64 hex characters or as base64';

function parseKeyList(value: string): TokenKey[] {
  return value
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean)
    .map(parseTokenKey);
}

/** Spread into each process's `z.object({...})`, first, so its problems are reported first. */
export const sharedEnvShape = {
  MONGODB_URI: envVar(
    requiredString().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI'),
    {
      description:
        'The database, with its name. `npm start` runs an embedded one when this is unset.',
      invalid: 'postgres://db/insights',
      placeholder: 'mongodb://127.0.0.1:27017/velog-insights',
    },
  ),
  VELOG_V3_URL: envVar(z.url().default('https://v3.velog.io/graphql'), {
    description: "velog's v3 GraphQL endpoint: `currentUser` (sign-in) and `posts`.",
    invalid: 'not a url',
  }),
  VELOG_STATS_URL: envVar(z.url().default('https://v2.velog.io/graphql'), {
    description:
      '`getStats`: v2 by default; the CDN (`v2cdn`) repeats cached totals and never refreshes tokens.',
    invalid: 'not a url',
  }),
  // 15 s for both: the worker's bound was chosen for velog's slow stats calls, and a sign-in
  // that gives up sooner than a scrape would only fail a user the worker would have waited for.
  VELOG_TIMEOUT_MS: envVar(positiveInt.default(15_000), {
    description: 'Per request to velog, in milliseconds: scrapes and the API’s sign-in check.',
    invalid: '0',
  }),
  TOKEN_ENCRYPTION_KEY: envVar(
    requiredString().transform((value, context): TokenKey => {
      try {
        return parseTokenKey(value);
      } catch {
        // The value is a secret: the message names the format, never the input.
        context.addIssue({ code: 'custom', message: KEY_FORMAT });
        return z.NEVER;
      }
    }),
    {
      description:
        'Encrypts velog tokens at rest (AES-256-GCM); 32 bytes as 64 hex characters or base64. Checked at start-up against the stored tokens (a wrong key exits 2).',
      invalid: 'too-short',
      placeholder: '<64 hex characters: openssl rand -hex 32>',
    },
  ),
  // The API decrypts no token, but its start-up check must know which keys the stored tokens
  // may still be under, so it reads the old keys as the worker does.
  TOKEN_ENCRYPTION_OLD_KEYS: envVar(
    z
      .string()
      .default('')
      .transform((value, context): TokenKey[] => {
        try {
          return parseKeyList(value);
        } catch {
          context.addIssue({ code: 'custom', message: `each key ${KEY_FORMAT}` });
          return z.NEVER;
        }
      }),
    {
      description:
        'Earlier keys, comma-separated, still accepted for decrypting while tokens are re-encrypted (see docs/security.md).',
      invalid: 'too-short',
    },
  ),
  // The worker posts to webhooks from inside our network: by default a writer may not point one
  // at loopback or a private address (our own services, cloud metadata). The API refuses such a
  // URL when it is saved, the worker again when it connects (the name may resolve anywhere).
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: envVar(flag.default(false), {
    description:
      'Accept webhooks on loopback and private addresses (`true`/`1`/`yes`): checked when a URL is saved and when the worker connects; for tests and deployments whose receivers are private.',
    invalid: 'maybe',
  }),
  LOG_LEVEL: envVar(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    {
      description: 'pino level; tokens and cookies are redacted at every level.',
      invalid: 'verbose',
    },
  ),
};

export const SharedEnv = z.object(sharedEnvShape);
export type SharedEnv = z.infer<typeof SharedEnv>;

/** One line per wrong variable: its name and zod's message, never the value (some are secrets). */
export function describeEnvProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
}
