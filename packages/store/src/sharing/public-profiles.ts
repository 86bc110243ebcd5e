import type { SettingsLang } from '@velog-insights/shared';
import type { mongo } from 'mongoose';
import type { StoreModels } from '../models.js';

/*
 * What anyone may see of a writer, looked up without a session: `public_profiles`, `_id` = the
 * lower-cased velog username, so the public card finds its writer by `_id` (FerretDB uses an
 * index only for `_id` equality; `users` by username is a scan). And `leaderboard_members`, one
 * document (`_id` = `members`) listing the writers on the board, with a `version` that every
 * change bumps: each API process checks its cached board against it per request, so an
 * opt-out leaves every process's board at once.
 *
 * Both are derived from `users` and `writer_settings` and written by the API alone, when the
 * settings change and at sign-in (a new display name). Plain documents through the driver.
 */

export interface PublicProfileDoc {
  /** The username, lower-cased: velog's usernames are case-insensitive in its URLs. */
  _id: string;
  userId: string;
  username: string;
  displayName: string;
  lang: SettingsLang;
  card: boolean;
  leaderboard: boolean;
  updatedAt: Date;
}

export interface LeaderboardMember {
  userId: string;
  username: string;
  displayName: string;
}

export interface LeaderboardMembersDoc {
  _id: 'members';
  version: number;
  members: LeaderboardMember[];
}

const MEMBERS_ID = 'members';

function profiles(models: StoreModels): mongo.Collection<PublicProfileDoc> {
  return models.User.db.collection<PublicProfileDoc>('public_profiles');
}

function membersCollection(models: StoreModels): mongo.Collection<LeaderboardMembersDoc> {
  return models.User.db.collection<LeaderboardMembersDoc>('leaderboard_members');
}

export function publicProfileId(username: string): string {
  return username.toLowerCase();
}

export async function readPublicProfile(
  models: StoreModels,
  username: string,
): Promise<PublicProfileDoc | null> {
  return profiles(models).findOne({ _id: publicProfileId(username) });
}

export type PublicProfileInput = Omit<PublicProfileDoc, '_id' | 'updatedAt'>;

/**
 * Writes the writer's public profile and their place on the board (added, renamed or removed).
 * A profile left under a former username stays behind but is never believed: the card checks
 * the user's current username.
 */
export async function savePublicProfile(
  models: StoreModels,
  input: PublicProfileInput,
  now: Date,
): Promise<void> {
  const doc: PublicProfileDoc = { _id: publicProfileId(input.username), ...input, updatedAt: now };
  await profiles(models).replaceOne({ _id: doc._id }, doc, { upsert: true });
  const member: LeaderboardMember | null = input.leaderboard
    ? { userId: input.userId, username: input.username, displayName: input.displayName }
    : null;
  await placeOnLeaderboard(models, input.userId, member);
}

export async function readLeaderboardMembers(models: StoreModels): Promise<LeaderboardMembersDoc> {
  const doc = await membersCollection(models).findOne({ _id: MEMBERS_ID });
  return doc ?? { _id: MEMBERS_ID, version: 0, members: [] };
}

/**
 * Puts the writer on the board (or updates their names), or takes them off (`member` null).
 * A compare-and-set on `version`, retried: two processes changing the board at once both land,
 * and each change bumps the version every process checks.
 */
async function placeOnLeaderboard(
  models: StoreModels,
  userId: string,
  member: LeaderboardMember | null,
): Promise<void> {
  const collection = membersCollection(models);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const current = await collection.findOne({ _id: MEMBERS_ID });
    const members = (current?.members ?? []).filter((entry) => entry.userId !== userId);
    if (member !== null) members.push(member);
    const before = current?.members.find((entry) => entry.userId === userId) ?? null;
    if (JSON.stringify(before) === JSON.stringify(member)) return;
    if (current === null) {
      try {
        await collection.insertOne({ _id: MEMBERS_ID, version: 1, members });
        return;
      } catch (error) {
        if ((error as { code?: unknown }).code === 11000) continue;
        throw error;
      }
    }
    const result = await collection.updateOne(
      { _id: MEMBERS_ID, version: current.version },
      { $set: { members, version: current.version + 1 } },
    );
    if (result.matchedCount === 1) return;
  }
  throw new Error('the leaderboard changed under every attempt to update it');
}
