import { describe, expect, it } from 'vitest';
import { formatReindex } from '../../src/app/format.js';
import { shardLines } from '../../src/discord/shard-reload.js';
import type { ReindexReport } from '../../src/index/index-service.js';

const report: ReindexReport = { stories: 1, chunks: 33, model: 'dateline/glove-100d-sif', seconds: 0.5, generation: 'index-new', problems: [], kind: 'full', changes: { added: [], changed: [], removed: [] } };

describe('the /reindex report under sharding', () => {
  it('says when every shard serves the new generation', () => {
    const [text] = formatReindex(report, shardLines(report.generation, [{ shard: 0, generation: 'index-new' }, { shard: 1, generation: 'index-new' }]));
    expect(text).toContain('All 2 shards serve index-new.\nShard 0: index-new\nShard 1: index-new');
  });

  it('names the shards that did not reload, and why', () => {
    const [text] = formatReindex(report, shardLines(report.generation, [{ shard: 0, generation: 'index-new' }, { shard: 1, error: 'down or starting; it loads the newest index when ready' }, { shard: 2, generation: 'index-old' }]));
    expect(text).toContain('1 of 3 shards serve index-new; a shard that is down loads it when it starts.');
    expect(text).toContain('Shard 1: not reloaded (down or starting; it loads the newest index when ready)');
    expect(text).toContain('Shard 2: index-old (older)');
  });

  it('says when another shard did the rebuild, and adds nothing without sharding', () => {
    const [adopted] = formatReindex({ ...report, adopted: true });
    expect(adopted).toMatch(/^\*\*Index rebuilt\*\* by another shard just now/);
    expect(formatReindex(report)[0]).not.toContain('shard');
  });
});
