import dotenv from 'dotenv';
import { parseConfig } from '../src/config.js';
import { deployCommands } from '../src/bot/deploy.js';
import { loadCommands } from '../src/bot/load-commands.js';
import { missingDiscordSetting } from '../src/bot/settings.js';
import { isUserFacing } from '../src/errors.js';

/** Registers the bot's slash commands: in DISCORD_GUILD_ID when set (instant), else globally (may take a while to appear). */
async function main(): Promise<number> {
  dotenv.config({ quiet: true });
  try {
    const config = parseConfig();
    const missing = missingDiscordSetting(config);
    if (missing) {
      process.stderr.write(`error: ${missing}\n`);
      return 2;
    }
    const { token, clientId, guildId, apiUrl } = config.discord;
    const report = await deployCommands({ token: token!, clientId: clientId!, apiUrl, ...(guildId ? { guildId } : {}) }, await loadCommands());
    const where = report.scope === 'guild' ? `in server ${guildId}` : 'globally (they can take up to an hour to appear)';
    process.stdout.write(`Registered ${report.names.length} commands ${where}: ${report.labels.join(', ')}\n`);
    return 0;
  } catch (error) {
    const message = isUserFacing(error) ? error.message : error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    return isUserFacing(error) ? 2 : 1;
  }
}

process.exitCode = await main();
