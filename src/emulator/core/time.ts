/** `2023-04-01T08:15:27Z`: ISO 8601 to the second, the time format of ALB and FC answers and of FC events. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
