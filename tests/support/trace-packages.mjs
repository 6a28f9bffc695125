// Loaded with `node --import` by tests: writes `loaded-package: <name>` to
// stderr for every npm package the process resolves, so a test can see which
// libraries a command pulls in (e.g. that `dateline ask` never loads discord.js).
import { register } from 'node:module';

const hook = `
const seen = new Set();
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const match = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(result.url);
  if (match && !seen.has(match[1])) {
    seen.add(match[1]);
    process.stderr.write('loaded-package: ' + match[1] + '\\n');
  }
  return result;
}`;
register('data:text/javascript,' + encodeURIComponent(hook));
