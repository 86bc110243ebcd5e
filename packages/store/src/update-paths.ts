/*
 * The smallest `$set`/`$unset` that turns a stored document into its next version, so a write
 * carries only what changed. A key new to its parent is set whole rather than through a
 * dotted path into fields that do not exist yet, which MongoDB and FerretDB might each
 * create differently (an array for a numeric key, say).
 */

export interface PathUpdate {
  $set?: Record<string, unknown>;
  $unset?: Record<string, ''>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => sameValue(item, b[index]))
    );
  }
  return a === b;
}

function collect(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  prefix: string,
  update: { set: Record<string, unknown>; unset: Record<string, ''> },
): void {
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const path = `${prefix}${key}`;
    const old = before[key];
    if (isPlainObject(value) && isPlainObject(old)) collect(old, value, `${path}.`, update);
    else if (!sameValue(old, value)) update.set[path] = value;
  }
  for (const [key, value] of Object.entries(before)) {
    if (value !== undefined && (after[key] === undefined || !(key in after))) {
      update.unset[`${prefix}${key}`] = '';
    }
  }
}

/** `null` when the two versions are the same. */
export function updatePaths(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): PathUpdate | null {
  const update = { set: {} as Record<string, unknown>, unset: {} as Record<string, ''> };
  collect(before, after, '', update);
  const result: PathUpdate = {};
  if (Object.keys(update.set).length > 0) result.$set = update.set;
  if (Object.keys(update.unset).length > 0) result.$unset = update.unset;
  return result.$set || result.$unset ? result : null;
}

/**
 * A velog post id as a field name: MongoDB forbids `.` in a path segment and a leading `$`,
 * so those (and `%`, the escape itself) are percent-encoded. velog's ids are UUIDs, which pass
 * through unchanged.
 */
export function toFieldKey(id: string): string {
  return id.replace(/[%.$]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function fromFieldKey(key: string): string {
  return key.replace(/%(25|2E|24)/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}
