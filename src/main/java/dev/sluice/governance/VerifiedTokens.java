package dev.sluice.governance;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Bearer tokens whose signature, issuer, audience and lifetime the gateway has already checked,
 * with the caller each one names, until the token expires. Callers send the same token on many
 * requests; checking its RSA signature again on each of them is most of what authenticating a
 * request costs, and the answer cannot change before the token expires. A token is found only
 * by the whole of its text, signature included, so an altered token is never found and is
 * checked afresh. Whether the client is disabled is still asked on every request.
 */
@ApplicationScoped
public class VerifiedTokens {

    /** Tokens kept at most; a caller past them is checked again, never refused. */
    static final int MAXIMUM_SIZE = 10_000;

    private record Entry(Caller caller, Instant expiresAt) {
    }

    private final Clock clock;
    private final Cache<String, Entry> tokens;

    @Inject
    VerifiedTokens() {
        this(Clock.systemUTC());
    }

    VerifiedTokens(Clock clock) {
        this.clock = clock;
        this.tokens = Caffeine.newBuilder()
                .maximumSize(MAXIMUM_SIZE)
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(Expiry.<String, Entry>creating((token, entry) ->
                        Duration.between(clock.instant(), entry.expiresAt())))
                .build();
    }

    /** The caller of a token checked before and not yet expired. */
    public Optional<Caller> caller(String token) {
        return Optional.ofNullable(tokens.getIfPresent(token)).map(Entry::caller);
    }

    /** Remembers a token the identity provider has just verified, until its expiry ({@code exp}, seconds). */
    public void verified(String token, Caller caller, long expiresAtEpochSecond) {
        Instant expiresAt = Instant.ofEpochSecond(expiresAtEpochSecond);
        if (expiresAtEpochSecond > 0 && clock.instant().isBefore(expiresAt)) {
            tokens.put(token, new Entry(caller, expiresAt));
        }
    }
}
