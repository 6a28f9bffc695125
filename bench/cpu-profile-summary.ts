import path from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';

/** The parts of a V8 `.cpuprofile` (as written by `node --cpu-prof`) that the summary reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A place where CPU time went, with its self time. */
export interface HotSpot {
  name: string;
  selfMs: number;
  /** Share of the window's samples, 0–1. */
  share: number;
}

/** Self time in a profile window, by area (package or source file) and by function, largest first. */
export interface ProfileSummary {
  windowMs: number;
  areas: HotSpot[];
  functions: HotSpot[];
}

/** A readable name for where `url` lives: a package, a Node built-in or a project source file. */
export function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : `native ${functionName}`;
  if (url.startsWith('node:')) return url;
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  if (pkg) return pkg[1]!;
  const relative = path.relative(path.join(PROJECT_ROOT, 'dist'), file);
  return relative.startsWith('..') ? path.basename(file) : relative.replace(/\.js$/, '.ts');
}

function top(totals: Map<string, number>, all: number, count: number): HotSpot[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, selfMs: Number((us / 1000).toFixed(1)), share: all > 0 ? Number((us / all).toFixed(3)) : 0 }));
}

/**
 * Adds up self time per area and per function over the samples taken in
 * `window` (µs on the profile's clock; the whole profile when absent).
 * Each sample counts for the time until the next one.
 */
export function summarizeProfile(profile: CpuProfile, window?: readonly [number, number], count = 8): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let all = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const weight = profile.timeDeltas[i + 1] ?? 0;
    if (window && (t < window[0] || t > window[1])) continue;
    const frame = byId.get(profile.samples[i]!);
    if (!frame) continue;
    const area = areaOf(frame.url, frame.functionName);
    const fn = frame.url === '' ? area : `${frame.functionName || '(anonymous)'} (${area}:${frame.lineNumber + 1})`;
    areas.set(area, (areas.get(area) ?? 0) + weight);
    functions.set(fn, (functions.get(fn) ?? 0) + weight);
    all += weight;
  }
  return { windowMs: Number((all / 1000).toFixed(1)), areas: top(areas, all, count), functions: top(functions, all, count) };
}
