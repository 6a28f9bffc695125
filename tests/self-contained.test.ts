import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { EVAL_FILES } from '../src/eval/data-files.js';
import { PROJECT_ROOT } from '../src/paths.js';

/** Folders whose code runs in tests, eval, bench, scripts or CI. */
const CODE_DIRS = ['src', 'commands', 'scripts', 'bench', 'tests', 'bin', '.ci'];

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (/\.(ts|js|mjs|cjs|json|sh)$/.test(entry.name) || entry.name === 'run') yield full;
  }
}

const inside = (p: string) => {
  const rel = path.relative(PROJECT_ROOT, path.resolve(p));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/** A path leaving the project folder: `../x` next to it, or PROJECT_ROOT joined with `..`. */
const OUTSIDE = [/\.\.\/shared/, /['"]\.\.['"],\s*['"]shared['"]/, /PROJECT_ROOT,\s*['"]\.\.['"]/];

/** Relative paths written in a file (`'../../x'`), to resolve against the file's own folder. */
const RELATIVE = /['"`](\.\.\/[^'"`\s]*)['"`]/g;

describe('a plain clone has everything its tests, eval and bench read', () => {
  it('no code, test or CI script names a path outside the repository', () => {
    const offenders: string[] = [];
    for (const dir of CODE_DIRS) {
      if (!fs.existsSync(path.join(PROJECT_ROOT, dir))) continue;
      for (const file of files(path.join(PROJECT_ROOT, dir))) {
        if (file === import.meta.filename) continue;
        const text = fs.readFileSync(file, 'utf8');
        for (const pattern of OUTSIDE) {
          const m = pattern.exec(text);
          if (m) offenders.push(`${path.relative(PROJECT_ROOT, file)}: ${m[0]}`);
        }
        for (const [, relative] of text.matchAll(RELATIVE)) {
          if (!inside(path.join(path.dirname(file), relative!)) && !relative!.includes('node_modules')) offenders.push(`${path.relative(PROJECT_ROOT, file)}: ${relative}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('every evaluation data file is in the repository, with its licence note beside it', () => {
    for (const file of Object.values(EVAL_FILES)) {
      expect(inside(file), file).toBe(true);
      expect(fs.existsSync(file), file).toBe(true);
    }
    const readme = fs.readFileSync(path.join(path.dirname(EVAL_FILES.squadSample), 'README.md'), 'utf8');
    expect(readme).toContain('CC BY-SA 4.0');
    expect(readme).toContain('Rajpurkar');
  });

  it('default folders resolve inside the repository', () => {
    const config = parseConfig({});
    for (const dir of [config.seedsDir, config.indexDir, config.modelsDir, config.dataDir]) expect(inside(dir), dir).toBe(true);
  });

  it('dateline eval --help shows defaults inside the repository', () => {
    const help = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'dateline.js'), 'eval', '--help'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(help.status).toBe(0);
    const defaults = [...help.stdout.replace(/\s+/g, ' ').matchAll(/default: "([^"]+)"/g)].map((m) => m[1]!).filter((d) => d.includes(path.sep));
    expect(defaults.length).toBeGreaterThanOrEqual(3);
    for (const d of defaults) expect(inside(d), d).toBe(true);
  });
});
