import { describe, expect, it } from 'vitest';
import { unreachableError, unreachableMessage } from '../../src/discord/unreachable.js';

const failure = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('no route to Discord', () => {
  it('is found in the error, in what fetch wraps (cause), and among the attempts of an AggregateError', () => {
    const dns = failure('getaddrinfo ENOTFOUND discord.com', 'ENOTFOUND');
    expect(unreachableError(dns)).toBe(dns);
    expect(unreachableError(new TypeError('fetch failed', { cause: dns }))).toBe(dns);
    const refused = failure('connect ECONNREFUSED ::1:443', 'ECONNREFUSED');
    expect(unreachableError(new TypeError('fetch failed', { cause: new AggregateError([new Error('x'), refused]) }))).toBe(refused);
    expect(unreachableError(failure('getaddrinfo EAI_AGAIN discord.com', 'EAI_AGAIN'))?.code).toBe('EAI_AGAIN');
  });

  it('is not Discord answering with an error, nor another socket failure', () => {
    expect(unreachableError(Object.assign(new Error('401: Unauthorized'), { status: 401 }))).toBeUndefined();
    expect(unreachableError(failure('read ECONNRESET', 'ECONNRESET'))).toBeUndefined();
    expect(unreachableError('ENOTFOUND')).toBeUndefined();
  });

  it('is explained naming the URL tried and what to check', () => {
    expect(unreachableMessage('https://discord.com/api', failure('getaddrinfo ENOTFOUND discord.com', 'ENOTFOUND'))).toBe(
      'Could not reach Discord at https://discord.com/api (getaddrinfo ENOTFOUND discord.com): no network route to Discord; check DISCORD_API_URL or the network.',
    );
  });
});
