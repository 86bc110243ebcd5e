import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './database-errors.js';

function socketError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('isDatabaseUnavailable', () => {
  it('knows the driver’s own errors for a database out of reach', () => {
    expect(isDatabaseUnavailable(new mongoose.mongo.MongoNetworkError('closed'))).toBe(true);
    expect(isDatabaseUnavailable(new mongoose.mongo.MongoNotConnectedError('no'))).toBe(true);
  });

  it('knows a socket error the driver let through, also as a cause', () => {
    // What a loaded machine showed right after FerretDB stopped.
    const ended = socketError('EPIPE', 'This socket has been ended by the other party');
    expect(isDatabaseUnavailable(ended)).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: ended }))).toBe(true);
    expect(isDatabaseUnavailable(socketError('ECONNRESET', 'read ECONNRESET'))).toBe(true);
  });

  it('leaves a query the database refused, and our own bugs, alone', () => {
    const duplicate = Object.assign(new mongoose.mongo.MongoServerError({ message: 'E11000' }), {
      code: 11000,
    });
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(socketError('ENOENT', 'no such file'))).toBe(false);
    expect(isDatabaseUnavailable('EPIPE')).toBe(false);
  });
});
