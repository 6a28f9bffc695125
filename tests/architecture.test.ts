import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/paths.js';

/** Every `src/` file with what it imports: other `src/` files (relative, as paths from the root) and packages. */
function importGraph(): Map<string, { files: string[]; packages: string[] }> {
  const graph = new Map<string, { files: string[]; packages: string[] }>();
  const src = path.join(PROJECT_ROOT, 'src');
  for (const entry of fs.readdirSync(src, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts')) continue;
    const file = `src/${entry.split(path.sep).join('/')}`;
    const text = fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
    const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2])!);
    const files = specifiers.filter((s) => s.startsWith('.')).map((s) => path.posix.join(path.posix.dirname(file), s).replace(/\.js$/, '.ts'));
    const packages = specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('node:'));
    graph.set(file, { files, packages });
  }
  return graph;
}

const graph = importGraph();
const room = (file: string) => file.split('/')[1]!.replace(/\.ts$/, '');
const importers = (pred: (file: string, target: string) => boolean) =>
  [...graph].flatMap(([file, { files }]) => files.filter((target) => pred(file, target)).map((target) => `${file} -> ${target}`));

describe('the layering DESIGN.md describes', () => {
  it('reads every source file (the parser finds imports at all)', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('src/discord/start-bot.ts')?.packages).toContain('discord.js');
  });

  it('lets only the Discord adapter import discord.js', () => {
    const users = [...graph].filter(([, { packages }]) => packages.some((p) => p === 'discord.js' || p.startsWith('discord.js/'))).map(([file]) => file);
    expect(users.filter((file) => room(file) !== 'discord')).toEqual([]);
  });

  it('keeps the app layer, the terminal chat and the CLI free of the Discord adapter', () => {
    expect(importers((file, target) => ['app', 'chat', 'cli'].includes(room(file)) && room(target) === 'discord')).toEqual([]);
  });

  it('keeps the core (ingest, chunk, embed, index, retrieve, answer, text) free of everything above it, settings included', () => {
    const core = new Set(['text', 'embed', 'ingest', 'chunk', 'index', 'retrieve', 'answer', 'paths', 'errors', 'logger']);
    expect(importers((file, target) => core.has(room(file)) && !core.has(room(target)))).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles: string[][] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const target of graph.get(file)?.files ?? []) {
        if (state.get(target) === 'open') cycles.push([...stack.slice(stack.indexOf(target)), target]);
        else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles.map((c) => c.join(' -> '))).toEqual([]);
  });
});
