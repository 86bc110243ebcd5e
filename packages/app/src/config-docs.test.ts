import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONFIGURATION_MD_PATH,
  configVariables,
  ENV_EXAMPLE_PATH,
  REGENERATE_COMMAND,
  renderConfigurationMd,
  renderEnvExample,
} from './config-docs.js';

const README_PATH = new URL('../../../README.md', import.meta.url);

function committed(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

describe('the configuration docs rendered from the env schemas', () => {
  it('docs/configuration.md is current', () => {
    const fresh = renderConfigurationMd();
    expect(
      committed(CONFIGURATION_MD_PATH) === fresh,
      `docs/configuration.md is stale: run \`${REGENERATE_COMMAND}\` and commit it`,
    ).toBe(true);
  });

  it('.env.example is current', () => {
    const fresh = renderEnvExample();
    expect(
      committed(ENV_EXAMPLE_PATH) === fresh,
      `.env.example is stale: run \`${REGENERATE_COMMAND}\` and commit it`,
    ).toBe(true);
  });

  it('lists each variable once, with the process that reads it', () => {
    const variables = configVariables();
    const names = variables.map((variable) => variable.name);
    expect(new Set(names).size).toBe(names.length);
    const readBy = Object.fromEntries(variables.map((v) => [v.name, v.readBy]));
    expect(readBy).toMatchObject({
      MONGODB_URI: 'both',
      TOKEN_ENCRYPTION_KEY: 'both',
      VELOG_TIMEOUT_MS: 'both',
      PORT: 'api',
      DEMO_ENABLED: 'worker',
    });
    expect(variables.filter((v) => v.required).map((v) => v.name)).toEqual([
      'MONGODB_URI',
      'TOKEN_ENCRYPTION_KEY',
    ]);
  });

  it('shows no wrong-value message that echoes a secret', () => {
    const key = configVariables().find((v) => v.name === 'TOKEN_ENCRYPTION_KEY');
    expect(key?.wrongValue).toContain('TOKEN_ENCRYPTION_KEY: must be 32 bytes');
    expect(key?.wrongValue.match(/too-short/g)).toHaveLength(1);
  });

  it("README.md's short table agrees with the schemas", () => {
    const variables = new Map(configVariables().map((v) => [v.name, v]));
    const rows = readFileSync(README_PATH, 'utf8')
      .split('\n')
      .map((line) => /^\| `([A-Z0-9_]+)` \| (both|api|worker) \| ([^|]+) \|/.exec(line))
      .filter((match) => match !== null);
    expect(rows.length).toBeGreaterThan(5);
    for (const [, name, readBy, defaultCell] of rows) {
      const variable = variables.get(name as string);
      expect(variable, `README.md lists ${name}, which no env schema reads`).toBeDefined();
      expect(readBy, `README.md: who reads ${name}`).toBe(variable?.readBy);
      const literal = /^`([^`]*)`$/.exec((defaultCell as string).trim());
      if (literal) expect(literal[1], `README.md: ${name}'s default`).toBe(variable?.defaultText);
    }
  });
});
