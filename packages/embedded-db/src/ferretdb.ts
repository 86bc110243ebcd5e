import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';
import { waitForPing } from './ping.js';

const run = promisify(execFile);

export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

/** Where built binaries are kept between runs: outside the repo, so a fresh clone reuses them. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VELOG_INSIGHTS_CACHE_DIR) return env.VELOG_INSIGHTS_CACHE_DIR;
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'velog-insights');
}

export function ferretDbBinaryPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDirectory(env), `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
}

/**
 * Builds FerretDB from the Go module proxy unless a cached binary exists. A plain
 * `go install …/cmd/ferretdb@version` panics at start-up because `build/version/version.txt`
 * is generated from git (FerretDB#2982), so we build from the downloaded module source
 * after writing that file ourselves.
 */
export async function ensureFerretDb(log: (line: string) => void = () => {}): Promise<string> {
  const binary = ferretDbBinaryPath();
  if (existsSync(binary)) return binary;

  const goEnv = { ...process.env, GOWORK: 'off', GOFLAGS: '-buildvcs=false', CGO_ENABLED: '0' };
  try {
    await run('go', ['version'], { env: goEnv });
  } catch {
    throw new Error('FerretDB is not built yet and there is no `go` on PATH to build it with');
  }

  log(`building FerretDB ${FERRETDB_VERSION} with Go (once; cached at ${binary})`);
  const { stdout } = await run(
    'go',
    ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`],
    {
      env: goEnv,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const moduleDir = (JSON.parse(stdout) as { Dir?: string }).Dir;
  if (!moduleDir)
    throw new Error(`go mod download did not report a directory for FerretDB: ${stdout}`);

  const workDir = await mkdtemp(join(tmpdir(), 'ferretdb-build-'));
  try {
    const source = join(workDir, 'src');
    await cp(moduleDir, source, { recursive: true });
    await makeWritable(source);
    await writeFile(join(source, 'build', 'version', 'version.txt'), FERRETDB_VERSION);
    const built = join(workDir, 'ferretdb');
    await run('go', ['build', '-trimpath', '-o', built, './cmd/ferretdb'], {
      cwd: source,
      env: goEnv,
      maxBuffer: 16 * 1024 * 1024,
    });
    await mkdir(join(binary, '..'), { recursive: true });
    // A rename is atomic, so two builds racing each other leave one whole binary.
    const staged = `${binary}.${process.pid}.tmp`;
    await cp(built, staged);
    await rename(staged, binary);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  return binary;
}

async function makeWritable(dir: string): Promise<void> {
  // The module cache is read-only; the copy must not be, or writing version.txt fails.
  await run('chmod', ['-R', 'u+w', dir]);
  await chmod(dir, 0o755);
}

export interface RunningFerretDb {
  uri: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts FerretDB (SQLite backend) on a loopback port, with its data in `dataDir`: a free port,
 * or `port` to bring a stopped server back where its clients left it (a test of an outage).
 */
export async function startFerretDb(options: {
  dataDir: string;
  binary?: string;
  port?: number;
}): Promise<RunningFerretDb> {
  const binary = options.binary ?? (await ensureFerretDb());
  await mkdir(options.dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const logPath = join(options.dataDir, 'ferretdb.log');
  const logFile = await open(logPath, 'a');
  const child: ChildProcess = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${options.dataDir.endsWith('/') ? options.dataDir : `${options.dataDir}/`}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--telemetry=disable',
      '--state-dir=-',
      '--debug-addr=-',
      '--log-level=warn',
    ],
    { stdio: ['ignore', logFile.fd, logFile.fd] },
  );
  await logFile.close();
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const uri = `mongodb://127.0.0.1:${port}/`;
  try {
    await Promise.race([
      waitForPing(uri, 30_000),
      exited.then(async (code) => {
        const tail = (await readFile(logPath, 'utf8').catch(() => '')).slice(-2000);
        throw new Error(`FerretDB exited with code ${code} before it answered a ping:\n${tail}`);
      }),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  return {
    uri,
    port,
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
