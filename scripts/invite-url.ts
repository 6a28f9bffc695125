import dotenv from 'dotenv';
import { inviteUrl } from '../src/discord/invite.js';
import { isUserFacing } from '../src/errors.js';
import { missingDiscordSetting, parseDiscordConfig } from '../src/discord/config.js';

/** `npm run invite-url`: prints the address that adds the bot to a server, from DISCORD_CLIENT_ID. */
function main(): number {
  dotenv.config({ quiet: true });
  try {
    const discord = parseDiscordConfig();
    const missing = missingDiscordSetting(discord, ['DISCORD_CLIENT_ID']);
    if (missing) {
      process.stderr.write(`error: ${missing}\n`);
      return 2;
    }
    process.stdout.write(`Open this address to add Dateline to a server you manage:\n${inviteUrl(discord.clientId!)}\n`);
    return 0;
  } catch (error) {
    if (!isUserFacing(error)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    return 2;
  }
}

process.exitCode = main();
