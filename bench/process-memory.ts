import { assertIndexLoaded, benchScript, CLI, runNode } from './child-process.js';

/** Peak RSS of the two front ends after loading one corpus size and answering once, in MiB. */
export interface ProcessMemory {
  cli: number;
  /** The bot-like process (see `bot-like-load.ts`). */
  bot: number;
  /** Wall time of that `dateline ask`, a cold start at this size, in seconds. */
  cliColdS: number;
}

/** Runs `dateline ask` and the bot-like loader once each as fresh processes over the index `env` points at. */
export function measureProcessMemory(env: NodeJS.ProcessEnv, question: string): ProcessMemory {
  const cli = runNode([CLI, 'ask', question], { env, peakRss: true });
  assertIndexLoaded(cli, 'dateline ask');
  const bot = runNode([benchScript('bot-like-load'), question], { env, peakRss: true });
  assertIndexLoaded(bot, 'the bot-like loader');
  const mib = (x: number | undefined) => Number((x ?? Number.NaN).toFixed(1));
  return { cli: mib(cli.peakRssMib), bot: mib(bot.peakRssMib), cliColdS: Number((cli.wallMs / 1000).toFixed(3)) };
}
