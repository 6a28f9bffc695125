import dotenv from 'dotenv';
import { runDeployCommands } from '../src/discord/deploy.js';
import { redactedMessage } from '../src/app/error-details.js';
import { envSecrets } from '../src/app/secrets.js';

/** Registers the bot's slash commands: in DISCORD_GUILD_ID when set (instant), else globally (may take a while to appear). */
dotenv.config({ quiet: true });
try {
  process.exitCode = await runDeployCommands(process.env, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
} catch (error) {
  // Not even a crash prints the token.
  process.stderr.write(`error: deploy-commands crashed: ${redactedMessage(error, envSecrets())}\n`);
  process.exitCode = 1;
}
