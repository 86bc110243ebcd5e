import mongoose from 'mongoose';

const { mongo } = mongoose;
const UNAVAILABLE_CLASSES = [
  mongo.MongoServerSelectionError,
  mongo.MongoNetworkError,
  mongo.MongoNotConnectedError,
  mongo.MongoTopologyClosedError,
  mongoose.Error.MongooseServerSelectionError,
];

/**
 * Whether an error says the database could not be reached (as opposed to a query of ours it
 * refused): no server to select, a dropped or refused socket, a closed client, or mongoose
 * giving up on a buffered operation. The API answers 503 for these; the worker stops its cycle.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (UNAVAILABLE_CLASSES.some((kind) => current instanceof kind)) return true;
    if (current instanceof mongoose.Error && /buffering timed out/.test(current.message)) {
      return true;
    }
    current = current.cause;
  }
  return false;
}
