const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * A time as people read it in the terminal, with its time zone:
 * `30 Nov 2026, 21:48 UTC` (`dateline sources`, and `dateline chat` for
 * Discord's `<t:…>` timestamps). Accepts an ISO string, epoch milliseconds
 * or a Date; text that is not a time comes back unchanged.
 */
export function formatDateTime(time: string | number | Date): string {
  const date = time instanceof Date ? time : new Date(typeof time === 'string' ? Date.parse(time) : time);
  if (Number.isNaN(date.getTime())) return String(time);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${two(date.getUTCHours())}:${two(date.getUTCMinutes())} UTC`;
}
