import {
  addKstDays,
  type KstDate,
  kstDaysBetween,
  parseKstDate,
  type Range,
} from '@velog-insights/shared';

export const RANGE_PRESETS = [7, 30, 90, 365, 'all'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export type RangeChoice =
  | { kind: 'preset'; preset: RangePreset }
  | { kind: 'custom'; from: KstDate; to: KstDate };

export const DEFAULT_RANGE: RangeChoice = { kind: 'preset', preset: 30 };

/** The longest range the API serves (its MAX_RANGE_DAYS); "all" is cut to it. */
export const MAX_RANGE_DAYS = 1100;

/**
 * The days a choice covers, both ends included, ending on `today` (KST). "All" starts at
 * the writer's first day on record, or a year back when we have none yet.
 */
export function resolveRange(choice: RangeChoice, today: KstDate, earliest: KstDate | null): Range {
  if (choice.kind === 'custom') return { from: choice.from, to: choice.to };
  if (choice.preset === 'all') {
    const oldest = addKstDays(today, -(MAX_RANGE_DAYS - 1));
    if (earliest === null || earliest >= today) return { from: addKstDays(today, -364), to: today };
    return { from: earliest < oldest ? oldest : earliest, to: today };
  }
  return { from: addKstDays(today, -(choice.preset - 1)), to: today };
}

/** A custom range from two date inputs, or `null` when it is not a real, forward, past range. */
export function parseCustomRange(fromInput: string, toInput: string, today: KstDate): Range | null {
  const from = parseKstDate(fromInput);
  const to = parseKstDate(toInput);
  if (from === null || to === null) return null;
  if (from > to || to > today || kstDaysBetween(from, to) >= MAX_RANGE_DAYS) return null;
  return { from, to };
}
