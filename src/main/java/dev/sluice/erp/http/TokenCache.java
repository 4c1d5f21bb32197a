package dev.sluice.erp.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * An OAuth 2.0 access token, fetched when first needed and again shortly before it expires, or
 * at once after the ERP refused it. Callers share one token; only one of them fetches at a time.
 */
public final class TokenCache {

    /** A token and the moment it stops being valid. */
    public record Token(String value, Instant expiresAt) {
    }

    private final Supplier<Token> fetch;
    private final Clock clock;
    private final Duration refreshBefore;
    private Token current;
    private long fetches;

    /**
     * @param fetch asks the authorization server for a new token
     * @param refreshBefore how long before expiry a token is replaced, so none expires in flight
     */
    public TokenCache(Supplier<Token> fetch, Clock clock, Duration refreshBefore) {
        this.fetch = fetch;
        this.clock = clock;
        this.refreshBefore = refreshBefore;
    }

    public synchronized String get() {
        if (current == null || !clock.instant().isBefore(current.expiresAt().minus(refreshBefore))) {
            current = fetch.get();
            fetches++;
        }
        return current.value();
    }

    /** The ERP refused {@code token}: the next {@link #get()} fetches a new one (unless another caller already did). */
    public synchronized void refused(String token) {
        if (current != null && current.value().equals(token)) {
            current = null;
        }
    }

    /** How many tokens were fetched so far. */
    public synchronized long fetches() {
        return fetches;
    }
}
