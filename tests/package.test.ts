import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/paths.js';

const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;
const pkg = read(path.join(PROJECT_ROOT, 'package.json'));

describe('package.json installs as promised', () => {
  it('lets exactly the native builds run their install scripts (npm 12 blocks the rest by default)', () => {
    expect(pkg.allowScripts).toMatchObject({ 'better-sqlite3': true, 'hnswlib-node': true });
    for (const [name, allowed] of Object.entries(pkg.allowScripts as Record<string, boolean>)) {
      if (allowed) expect(['better-sqlite3', 'hnswlib-node']).toContain(name);
    }
  });

  it('built both native modules in this install', () => {
    expect(fs.existsSync(path.join(PROJECT_ROOT, 'node_modules', 'hnswlib-node', 'build', 'Release', 'addon.node'))).toBe(true);
    expect(fs.existsSync(path.join(PROJECT_ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
  });

  it('depends on nothing whose engines exclude the Node it targets', () => {
    expect(pkg.engines.node).toBe('^20.0.0');
    const vegaLite = read(path.join(PROJECT_ROOT, 'node_modules', 'vega-lite', 'package.json'));
    expect(vegaLite.engines?.node ?? '').not.toMatch(/>=\s*2[1-9]/);
  });

  it('keeps type packages out of the runtime dependencies', () => {
    expect(Object.keys(pkg.dependencies).filter((d) => d.startsWith('@types/'))).toEqual([]);
  });
});
