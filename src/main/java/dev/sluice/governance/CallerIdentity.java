package dev.sluice.governance;

/**
 * Who is calling. Every accepted write, idempotency key and (later) rate limit is kept per
 * client id, so this is the one place the caller's identity comes from.
 */
public interface CallerIdentity {

    String clientId();
}
