package dev.sluice.governance.ratelimit;

/**
 * A rate plan: a sustained rate with a burst on top, and a daily quota, in cost units.
 *
 * @param rate units per second, sustained
 * @param burst units that may be spent at once
 * @param dailyQuota units per UTC day
 * @param failOpen whether requests are admitted (counted in-process) while Redis cannot be reached
 */
public record Plan(String name, double rate, long burst, long dailyQuota, boolean failOpen) {

    /** The plan's share when counted in one of {@code replicas} processes; at least one unit. */
    Plan share(int replicas) {
        return new Plan(name, rate / replicas, Math.max(1, burst / replicas), Math.max(1, dailyQuota / replicas),
                failOpen);
    }

    /** The burst policy's window in whole seconds: how long the rate takes to refill the burst. */
    long burstWindowSeconds() {
        return Math.max(1, (long) Math.ceil(burst / rate));
    }
}
