import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildDashboard, dashboardDistDir } from '@velog-insights/dashboard';

export interface BundleFile {
  name: string;
  bytes: number;
  gzipped: number;
}

/** What a browser downloads for the page: each built asset, raw and gzipped (level 9). */
export async function benchBundle(): Promise<BundleFile[]> {
  await buildDashboard();
  const assets = join(dashboardDistDir, 'assets');
  const files: BundleFile[] = [];
  for (const name of (await readdir(assets)).sort()) {
    if (!/\.(js|css)$/.test(name)) continue;
    const content = await readFile(join(assets, name));
    files.push({ name, bytes: content.length, gzipped: gzipSync(content, { level: 9 }).length });
  }
  return files;
}
