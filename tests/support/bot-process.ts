import { fileURLToPath } from 'node:url';
import { runEntry, type Spawned } from '../discord/process.js';
import { FakeDiscord, type FakeDiscordOptions } from './fake-discord/index.js';
import { seedsFolder, tempDir } from './fixtures.js';

const MEMORY_PROBE = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));

/** A JSON log line of the bot process. */
export type ProcessLogLine = Record<string, unknown> & { level?: number; msg?: string };

/** The standard error of `run` parsed as JSON log lines (non-JSON lines are skipped). */
export function processLogLines(run: Spawned): ProcessLogLine[] {
  return run
    .stderr()
    .split('\n')
    .flatMap((line) => {
      try {
        return line.startsWith('{') ? [JSON.parse(line) as ProcessLogLine] : [];
      } catch {
        return [];
      }
    });
}

/** Whether a process with this id is running (signal 0 reaches it). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** What {@link fakeDiscordEnv} sets, named. */
export interface FakeDiscordEnv {
  [key: string]: string;
  DISCORD_TOKEN: string;
  DISCORD_CLIENT_ID: string;
  DISCORD_API_URL: string;
  SEEDS_DIR: string;
  INDEX_DIR: string;
  LOG_LEVEL: string;
}

/**
 * The settings that start the bot (`src/discord/main.ts`, `src/discord/sharded-main.ts`)
 * against `fake`, with a fresh seeds folder, a fresh index folder and
 * LOG_LEVEL=info; with `dataDir`, a fresh DATA_DIR too (otherwise it is unset).
 */
export async function fakeDiscordEnv(fake: FakeDiscord, { dataDir = false } = {}): Promise<FakeDiscordEnv> {
  return {
    DISCORD_TOKEN: fake.token,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    SEEDS_DIR: await seedsFolder(),
    INDEX_DIR: await tempDir('dateline-index-'),
    ...(dataDir ? { DATA_DIR: await tempDir('dateline-data-') } : {}),
    LOG_LEVEL: 'info',
  };
}

/** Memory of the bot process after a full garbage collection, in bytes. */
export interface MemorySample {
  rss: number;
  heapUsed: number;
  gc: boolean;
}

/** The bot running as `npm start` runs it (`src/discord/main.ts` in its own process), logged in to a fake Discord. */
export interface BotProcess {
  fake: FakeDiscord;
  process: Spawned;
  /** The settings it was started with (token, folders…). */
  env: Record<string, string>;
  /** Its standard error parsed as JSON lines (non-JSON lines are skipped). */
  logLines(): ProcessLogLine[];
  /** Collects garbage in the bot process and reads its memory (needs `probeMemory`). */
  memory(): Promise<MemorySample>;
  /** Sends `signal` and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Options for {@link startBotProcess}. */
export interface BotProcessOptions {
  /** Use this fake (e.g. to restart a bot against it); default a new one. */
  fake?: FakeDiscord;
  fakeOptions?: FakeDiscordOptions;
  /** Settings over the defaults (temporary seeds and index folders, LOG_LEVEL=info). */
  env?: Record<string, string>;
  /** Start with `--expose-gc` and the memory probe, so {@link BotProcess.memory} works. */
  probeMemory?: boolean;
  /** How long to wait for "Discord bot ready". Default 60 s (the first index build may be in it). */
  readyTimeoutMs?: number;
}

/** Starts the bot process and resolves once it is ready. */
export async function startBotProcess(options: BotProcessOptions = {}): Promise<BotProcess> {
  const fake = options.fake ?? (await FakeDiscord.start(options.fakeOptions));
  const env = { ...(await fakeDiscordEnv(fake, { dataDir: true })), ...options.env };
  const nodeArgs = options.probeMemory ? ['--expose-gc', '--import', MEMORY_PROBE] : [];
  const spawned = runEntry('src/discord/main.ts', env, await tempDir(), nodeArgs);
  await spawned.waitForStderr('"msg":"Discord bot ready"', options.readyTimeoutMs ?? 60_000);
  const logLines = () => processLogLines(spawned);
  let probes = 0;
  const memory = async (): Promise<MemorySample> => {
    const want = ++probes;
    spawned.child.kill('SIGUSR2');
    const deadline = Date.now() + 10_000;
    for (;;) {
      const samples = logLines().filter((l) => l.msg === 'memory probe');
      if (samples.length >= want) return samples[want - 1] as unknown as MemorySample;
      if (Date.now() > deadline) throw new Error('the bot process did not answer the memory probe in 10 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (spawned.child.exitCode === null && spawned.child.signalCode === null) spawned.child.kill(signal);
    return spawned.exit;
  };
  return { fake, process: spawned, env, logLines, memory, stop };
}
