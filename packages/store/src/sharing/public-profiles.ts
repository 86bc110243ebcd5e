import { randomUUID } from 'node:crypto';
import type { SettingsLang } from '@velog-insights/shared';
import type { mongo } from 'mongoose';
import type { StoreModels } from '../models.js';

/*
 * What anyone may see of a writer, looked up without a session: `public_profiles`, `_id` = the
 * lower-cased velog username, so the public card finds its writer by `_id` (FerretDB uses an
 * index only for `_id` equality; `users` by username is a scan).
 *
 * The leaderboard's members are one document each in `leaderboard_members` (`_id` = user id),
 * and `leaderboard_version` holds one document (`_id` = `members`) whose `token` every change
 * replaces with a new random value, after the member's own write. Each API process keeps its
 * board while the token it read (by `_id`, on every request) is unchanged, so an opt-out
 * leaves every process's board at once. Neither is a read-modify-write of shared state:
 * FerretDB 1.x does not isolate a conditional update from a concurrent one (two compare-and-
 * sets on the same version both "match"), so a members array edited in place would lose
 * writers who join at the same moment. A replaced token cannot be lost that way: whichever
 * write lands last, it differs from every token read before it.
 *
 * All three are derived from `users` and `writer_settings` and written by the API alone, when
 * the settings change and at sign-in (a new display name). Plain documents through the driver.
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

interface LeaderboardMemberDoc {
  _id: string;
  username: string;
  displayName: string;
  updatedAt: Date;
}

interface LeaderboardVersionDoc {
  _id: 'members';
  token: string;
  changedAt: Date;
}

export interface LeaderboardMembers {
  /** Changes with every change of the members; `none` before the first. */
  version: string;
  members: LeaderboardMember[];
}

const VERSION_ID = 'members';

function profiles(models: StoreModels): mongo.Collection<PublicProfileDoc> {
  return models.User.db.collection<PublicProfileDoc>('public_profiles');
}

function membersCollection(models: StoreModels): mongo.Collection<LeaderboardMemberDoc> {
  return models.User.db.collection<LeaderboardMemberDoc>('leaderboard_members');
}

function versionCollection(models: StoreModels): mongo.Collection<LeaderboardVersionDoc> {
  return models.User.db.collection<LeaderboardVersionDoc>('leaderboard_version');
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
  await placeOnLeaderboard(models, input, now);
}

/** One read by `_id`: what a process checks its cached board against on every request. */
export async function readLeaderboardVersion(models: StoreModels): Promise<string> {
  return (await versionCollection(models).findOne({ _id: VERSION_ID }))?.token ?? 'none';
}

/**
 * The board's members, and the version they are at (read first, so a change made while the
 * members are read shows as a newer version next time). The members are the opted-in writers
 * only: read whole when a board is rebuilt, never per request.
 */
export async function readLeaderboardMembers(models: StoreModels): Promise<LeaderboardMembers> {
  const version = await readLeaderboardVersion(models);
  const docs = await membersCollection(models).find({}).toArray();
  return {
    version,
    members: docs.map((doc) => ({
      userId: doc._id,
      username: doc.username,
      displayName: doc.displayName,
    })),
  };
}

async function placeOnLeaderboard(
  models: StoreModels,
  input: PublicProfileInput,
  now: Date,
): Promise<void> {
  const members = membersCollection(models);
  const before = await members.findOne({ _id: input.userId });
  if (input.leaderboard) {
    if (before?.username === input.username && before.displayName === input.displayName) return;
    await members.replaceOne(
      { _id: input.userId },
      {
        username: input.username,
        displayName: input.displayName,
        updatedAt: now,
      },
      { upsert: true },
    );
  } else {
    if (before === null) return;
    await members.deleteOne({ _id: input.userId });
  }
  // After the member's write, never before: a board built from the members read before this
  // write holds a token this replaces.
  const bump = () =>
    versionCollection(models).replaceOne(
      { _id: VERSION_ID },
      { token: randomUUID(), changedAt: now },
      { upsert: true },
    );
  try {
    await bump();
  } catch (error) {
    // Two first upserts raced to insert the document: the other one did, so ours now replaces.
    if ((error as { code?: unknown }).code !== 11000) throw error;
    await bump();
  }
}
