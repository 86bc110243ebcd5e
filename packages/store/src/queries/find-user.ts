import type { StoreModels, UserDoc } from '../models.js';

export type UserView = Omit<UserDoc, 'tokens'>;

/** The user without their tokens: they are never read into a request that could echo them. */
export async function findUser(models: StoreModels, userId: string): Promise<UserView | null> {
  return models.User.findById(userId, { tokens: 0 }).lean<UserView>();
}
