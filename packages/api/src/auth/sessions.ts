import { createHash, randomBytes } from 'node:crypto';
import { type Connection, type Model, Schema } from 'mongoose';

/**
 * Our own sessions: the browser holds a random id, the database holds only its SHA-256, so a
 * leaked `sessions` collection signs nobody in. Expiry is a stored date checked in code
 * (FerretDB v1 has no TTL indexes); expired documents are swept by sign-ins, at most every
 * SESSION_SWEEP_INTERVAL_MS.
 */
export interface SessionDoc {
  /** sha256 (hex) of the id in the cookie. */
  _id: string;
  userId: string;
  isDemo: boolean;
  createdAt: Date;
  expiresAt: Date;
}

export interface Session {
  /** The stored hash, never the cookie value. */
  key: string;
  userId: string;
  isDemo: boolean;
  expiresAt: Date;
}

const sessionSchema = new Schema<SessionDoc>(
  {
    _id: String,
    userId: { type: String, required: true },
    isDemo: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'sessions', versionKey: false },
);
sessionSchema.index({ expiresAt: 1 });

const byConnection = new WeakMap<Connection, Model<SessionDoc>>();

export function sessionModel(connection: Connection): Model<SessionDoc> {
  const existing = byConnection.get(connection);
  if (existing) return existing;
  const model = connection.model<SessionDoc>('Session', sessionSchema);
  byConnection.set(connection, model);
  return model;
}

// 32 random bytes in base64url: 43 characters.
const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

export interface SessionStore {
  create(input: { userId: string; isDemo: boolean; ttlMs: number }): Promise<{
    id: string;
    session: Session;
  }>;
  /** The live session behind a cookie value; `null` for a malformed, unknown or expired id. */
  find(id: string): Promise<Session | null>;
  revoke(id: string): Promise<void>;
}

/**
 * How often sign-ins sweep expired sessions. The sweep filters on `expiresAt`, which FerretDB
 * answers with a scan of every session, so it runs at most this often, not on every sign-in.
 */
export const SESSION_SWEEP_INTERVAL_MS = 10 * 60_000;

export function createSessionStore(connection: Connection, now: () => Date): SessionStore {
  const Sessions = sessionModel(connection);
  let lastSweep = Number.NEGATIVE_INFINITY;
  return {
    async create({ userId, isDemo, ttlMs }) {
      const createdAt = now();
      if (createdAt.getTime() - lastSweep >= SESSION_SWEEP_INTERVAL_MS) {
        lastSweep = createdAt.getTime();
        await Sessions.deleteMany({ expiresAt: { $lte: createdAt } });
      }
      const id = randomBytes(32).toString('base64url');
      const session: Session = {
        key: hashSessionId(id),
        userId,
        isDemo,
        expiresAt: new Date(createdAt.getTime() + ttlMs),
      };
      await Sessions.create({
        _id: session.key,
        userId,
        isDemo,
        createdAt,
        expiresAt: session.expiresAt,
      });
      return { id, session };
    },

    async find(id) {
      if (!SESSION_ID_PATTERN.test(id)) return null;
      const doc = await Sessions.findById(hashSessionId(id)).lean();
      if (doc === null || doc.expiresAt.getTime() <= now().getTime()) return null;
      return { key: doc._id, userId: doc.userId, isDemo: doc.isDemo, expiresAt: doc.expiresAt };
    },

    async revoke(id) {
      if (!SESSION_ID_PATTERN.test(id)) return;
      await Sessions.deleteOne({ _id: hashSessionId(id) });
    },
  };
}
