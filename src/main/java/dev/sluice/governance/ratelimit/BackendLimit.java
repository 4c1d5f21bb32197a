package dev.sluice.governance.ratelimit;

/**
 * What one ERP backend can take, across every gateway process.
 *
 * @param concurrency calls at once
 * @param rate calls per second
 * @param maxOutboxDepth operation parts waiting for it beyond which new writes for it are refused
 */
public record BackendLimit(String name, int concurrency, double rate, long maxOutboxDepth) {

    /** The share of one process among {@code replicas}, for when the shared count cannot be reached. */
    BackendLimit share(int replicas) {
        return new BackendLimit(name, Math.max(1, concurrency / replicas), rate / replicas, maxOutboxDepth);
    }
}
