/** The current time in µs on the monotonic clock V8's CPU profiles use, to mark the part of a profile that matters. */
export function profileClockUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Prints the profiled window as the last line of standard output, for `summarizeProfile`. */
export function printWindow(startUs: number, endUs: number): void {
  process.stdout.write(`${JSON.stringify({ window: [startUs, endUs] })}\n`);
}
