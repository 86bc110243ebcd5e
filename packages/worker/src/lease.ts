import { renewLease, type StoreModels } from '@velog-insights/store';
import type { Logger } from './logger.js';

/** Starts a repeating beat and returns how to stop it; tests pass one they beat by hand. */
export type Heartbeat = (beat: () => Promise<void>, everyMs: number) => () => void;

/** Real timers, unref'd so a heartbeat never keeps a finished process alive. */
export const intervalHeartbeat: Heartbeat = (beat, everyMs) => {
  const timer = setInterval(() => void beat(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
};

export interface LeaseSettings {
  /** How long a lease lasts unrenewed: how soon a killed worker's writer is taken over. */
  leaseTtlMs: number;
  heartbeat?: Heartbeat;
}

/** A lease this run holds on one writer, kept alive by a heartbeat while the scrape runs. */
export interface HeldLease {
  readonly userId: string;
  readonly runId: string;
  /** Aborted once the heartbeat finds the lease taken over: the scrape's requests stop. */
  readonly signal: AbortSignal;
  /**
   * Renews the lease now and says whether it is still this run's. Called right before the
   * scrape writes, so a run whose lease was taken over writes nothing of that writer.
   */
  confirm(): Promise<boolean>;
  /** Stops the heartbeat (the store's release is the cycle's). */
  stop(): void;
}

/**
 * Renews the lease every quarter of its TTL: three beats may fail (a slow database) before
 * another worker can take it over. A beat that fails is logged and changes nothing; a beat
 * that finds the lease someone else's aborts the run.
 */
export function holdLease(
  io: { models: StoreModels; logger: Logger; now: () => Date },
  settings: LeaseSettings,
  lease: { userId: string; runId: string },
): HeldLease {
  const { userId, runId } = lease;
  const controller = new AbortController();
  const renew = async (): Promise<boolean> => {
    if (controller.signal.aborted) return false;
    const held = await renewLease(io.models, {
      userId,
      runId,
      now: io.now(),
      ttlMs: settings.leaseTtlMs,
    });
    if (!held && !controller.signal.aborted) {
      io.logger.warn({ userId, runId }, 'lease lost to another worker: this run stops writing');
      controller.abort(new Error('the lease was taken over by another worker'));
    }
    return held;
  };
  const stop = (settings.heartbeat ?? intervalHeartbeat)(
    async () => {
      try {
        await renew();
      } catch (error) {
        io.logger.warn({ userId, runId, err: error }, 'lease not renewed');
      }
    },
    Math.max(1, Math.floor(settings.leaseTtlMs / 4)),
  );
  return { userId, runId, signal: controller.signal, confirm: renew, stop };
}
