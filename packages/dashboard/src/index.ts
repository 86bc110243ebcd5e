import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built page (index.html + assets/); the API serves it at `/`. */
export const dashboardDistDir = fileURLToPath(new URL('../dist', import.meta.url));

const packageDir = fileURLToPath(new URL('..', import.meta.url));

export function isDashboardBuilt(distDir: string = dashboardDistDir): boolean {
  return existsSync(`${distDir}/index.html`);
}

/**
 * Builds the page with Vite into `outDir` (default `dist/`) and returns that directory.
 * Vite is imported lazily so that serving an existing build never loads the bundler.
 */
export async function buildDashboard(options: { outDir?: string } = {}): Promise<string> {
  const { build } = await import('vite');
  const outDir = options.outDir ?? dashboardDistDir;
  await build({
    configFile: `${packageDir}/vite.config.ts`,
    root: packageDir,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}
