import fs from 'node:fs';
import path from 'node:path';
import { benchScript, runNode } from './child-process.js';
import { summarizeProfile, type CpuProfile, type ProfileSummary } from './cpu-profile-summary.js';

/** CPU profiles of one corpus size: the warm answers and the build, each summarised and saved. */
export interface SizeProfiles {
  answers: ProfileSummary;
  build: ProfileSummary;
  /** The `.cpuprofile` files, to open in Chrome DevTools or speedscope. */
  files: string[];
}

function profiled(script: string, args: string[], env: NodeJS.ProcessEnv, dir: string, name: string): { summary: ProfileSummary; file: string } {
  const run = runNode([script, ...args], { env, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}`] });
  const { window } = JSON.parse(run.stdout.trim().split('\n').pop()!) as { window: [number, number] };
  const file = path.join(dir, name);
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  return { summary: summarizeProfile(profile, window), file };
}

/**
 * Profiles, with `node --cpu-prof` in fresh processes, `answers` warm answers
 * over the index `env` points at and a rebuild of that corpus into
 * `scratchIndexDir`; writes the profiles into `dir`.
 */
export function profileSize(scale: number, env: NodeJS.ProcessEnv, questionsFile: string, answers: number, dir: string, scratchIndexDir: string): SizeProfiles {
  fs.mkdirSync(dir, { recursive: true });
  const a = profiled(benchScript('profile-answers'), [questionsFile, String(answers)], env, dir, `answers-x${scale}.cpuprofile`);
  const b = profiled(benchScript('profile-build'), [], { ...env, INDEX_DIR: scratchIndexDir }, dir, `build-x${scale}.cpuprofile`);
  return { answers: a.summary, build: b.summary, files: [a.file, b.file] };
}
