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
 * Socket errors the driver can let through unwrapped: a command written to a connection the
 * server has just closed fails with Node's own EPIPE ("This socket has been ended by the other
 * party"), seen on a loaded machine right after the database stopped.
 */
const SOCKET_CODES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT']);

/**
 * Whether an error says the database could not be reached (as opposed to a query of ours it
 * refused): no server to select, a dropped or refused socket, a closed client, or mongoose
 * giving up on a buffered operation. The API answers 503 for these; the worker stops its cycle.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (UNAVAILABLE_CLASSES.some((kind) => current instanceof kind)) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && SOCKET_CODES.has(code)) return true;
    if (current instanceof mongoose.Error && /buffering timed out/.test(current.message)) {
      return true;
    }
    current = current.cause;
  }
  return false;
}
