const UNITS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const DURATION = /^(\d{1,6})([smhdw])$/;

/**
 * Milliseconds in a duration written as a count and a unit: `90d`, `12h`, `30m`, `45s`, `2w`.
 * Returns undefined for anything else, so callers can say what they expected.
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const milliseconds = Number(match[1]) * UNITS[match[2] as keyof typeof UNITS];
  return milliseconds > 0 ? milliseconds : undefined;
}
