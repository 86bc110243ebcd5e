/**
 * When the next tick should query: the earliest due time a tick knows of once its scrapes are
 * done (the writers it left, the next due times of those it scraped, the first due time past
 * its query), and never later than `notAfter`. A writer without a due time (`null`) is never
 * due, and one the tick could not read again (`undefined`) is left to the others.
 */
export function nextWakeAt(dueTimes: Iterable<Date | null | undefined>, notAfter: Date): Date {
  let at = notAfter;
  for (const dueAt of dueTimes) {
    if (dueAt && dueAt < at) at = dueAt;
  }
  return at;
}
