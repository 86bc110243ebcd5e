import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApiEnv } from '@velog-insights/api';
import { type EnvReader, type EnvVarMeta, envVarMeta, SharedEnv } from '@velog-insights/store';
import { WorkerEnv } from '@velog-insights/worker';
import { z } from 'zod';

/*
 * docs/configuration.md and .env.example are rendered from the env schemas, never written by
 * hand, so a variable added, renamed or re-defaulted in a schema cannot be missing from them:
 * config-docs.test.ts fails while the committed files differ from what this renders. It lives in
 * the app because the app is the one package that may depend on both the API and the worker.
 */

export const REGENERATE_COMMAND = 'npm run config:docs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CONFIGURATION_MD_PATH = `${ROOT}docs/configuration.md`;
export const ENV_EXAMPLE_PATH = `${ROOT}.env.example`;

export interface ConfigVariable {
  name: string;
  readBy: EnvReader;
  schema: z.ZodType;
  meta: EnvVarMeta;
  /** The default as an operator would write it; `undefined`: none (required, or unset). */
  defaultText: string | undefined;
  required: boolean;
  /** What start-up prints for a wrong value: the real message, from parsing `meta.invalid`. */
  wrongValue: string;
}

/**
 * Every variable, shared ones first. Which process reads it follows from the schema it sits in,
 * so the docs cannot claim a process reads a variable its schema does not parse.
 */
export function configVariables(): ConfigVariable[] {
  const shared = Object.keys(SharedEnv.shape);
  const api = Object.keys(ApiEnv.shape).filter((name) => !shared.includes(name));
  const worker = Object.keys(WorkerEnv.shape).filter((name) => !shared.includes(name));
  const shapes: Record<string, z.ZodType> = { ...WorkerEnv.shape, ...ApiEnv.shape };
  const entries: [string, EnvReader][] = [
    ...shared.map((name): [string, EnvReader] => [name, 'both']),
    ...api.map((name): [string, EnvReader] => [name, 'api']),
    ...worker.map((name): [string, EnvReader] => [name, 'worker']),
  ];
  return entries.map(([name, readBy]) => {
    const schema = shapes[name] as z.ZodType;
    const meta = envVarMeta(schema);
    if (!meta?.description) throw new Error(`${name} has no description in its env schema`);
    const required = !schema.safeParse(undefined).success;
    return {
      name,
      readBy,
      schema,
      meta,
      defaultText: meta.defaultText ?? rawDefault(schema),
      required,
      wrongValue: describeWrongValue(name, schema, meta, required),
    };
  });
}

/** The default before any transform (`''` for the old keys, not the parsed empty list). */
function rawDefault(schema: z.ZodType): string | undefined {
  if (schema instanceof z.ZodDefault) return String(schema.def.defaultValue);
  if (schema instanceof z.ZodPipe) return rawDefault(schema.in as z.ZodType);
  return undefined;
}

function describeWrongValue(
  name: string,
  schema: z.ZodType,
  meta: EnvVarMeta,
  required: boolean,
): string {
  const problems: string[] = [];
  if (required) problems.push(`unset: \`${name}: ${firstMessage(schema, undefined)}\``);
  if (meta.invalid !== undefined) {
    const message = firstMessage(schema, meta.invalid);
    if (message === undefined) throw new Error(`${name}: the example wrong value parses`);
    problems.push(`\`${name}=${meta.invalid}\`: \`${name}: ${message}\``);
  }
  return problems.length === 0 ? 'any value is accepted' : `exit 2; ${problems.join('; ')}`;
}

function firstMessage(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

const READER_TEXT: Record<EnvReader, string> = { both: 'both', api: 'api', worker: 'worker' };

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function renderConfigurationMd(variables = configVariables()): string {
  const rows = variables.map((variable) =>
    [
      `\`${variable.name}\``,
      variable.required
        ? 'required'
        : variable.defaultText === undefined
          ? 'unset'
          : variable.defaultText === ''
            ? 'empty'
            : `\`${variable.defaultText}\``,
      READER_TEXT[variable.readBy],
      cell(variable.meta.description),
      cell(variable.wrongValue),
    ].join(' | '),
  );
  return [
    '# Configuration',
    '',
    `<!-- Generated from the env schemas by \`${REGENERATE_COMMAND}\`; edit the schemas, not this file. -->`,
    '',
    'Both processes read their environment once, at start-up, with one zod schema each: the',
    'variables they share are declared once (`packages/store/src/config/shared-env.ts`), then the',
    'API (`packages/api/src/env.ts`) and the worker (`packages/worker/src/env.ts`) add their own.',
    'A wrong value stops the process before it does anything, with exit code 2 and one line naming',
    'every wrong variable (never its value: some are secrets). `npm start` runs both in one',
    'process, so it reads every variable below; there `MONGODB_URI` and `TOKEN_ENCRYPTION_KEY` may',
    'be left unset (an embedded database, a generated development key).',
    '',
    'A template with every variable: [`.env.example`](../.env.example).',
    '',
    '| variable | default | read by | meaning | a wrong value |',
    '|---|---|---|---|---|',
    ...rows.map((row) => `| ${row} |`),
    '',
  ].join('\n');
}

export function renderEnvExample(variables = configVariables()): string {
  const lines = [
    `# Generated from the env schemas by \`${REGENERATE_COMMAND}\`; edit the schemas, not this file.`,
    '# Every variable the API and the worker read (docs/configuration.md explains each).',
    '# Required ones have a placeholder; the others show their default, commented out.',
  ];
  for (const variable of variables) {
    lines.push('', `# ${variable.meta.description} (read by: ${READER_TEXT[variable.readBy]})`);
    if (variable.required) {
      lines.push(`${variable.name}=${variable.meta.placeholder ?? ''}`);
    } else if (variable.meta.defaultText !== undefined) {
      // A machine-dependent default has no literal to show: say what it is instead.
      lines.push(`# default: ${variable.meta.defaultText}`, `# ${variable.name}=`);
    } else {
      lines.push(`# ${variable.name}=${variable.defaultText ?? ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const variables = configVariables();
  writeFileSync(CONFIGURATION_MD_PATH, renderConfigurationMd(variables));
  writeFileSync(ENV_EXAMPLE_PATH, renderEnvExample(variables));
  console.log(`wrote ${CONFIGURATION_MD_PATH} and ${ENV_EXAMPLE_PATH}`);
}
