package dev.sluice.governance;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code wait} preference of RFC 7240 ({@code Prefer: wait=10}); other preferences are ignored. */
public final class PreferWait {

    private static final Pattern WAIT = Pattern.compile("(?:^|[,;\\s])wait\\s*=\\s*\"?(\\d{1,9})\"?",
            Pattern.CASE_INSENSITIVE);

    private PreferWait() {
    }

    /** How long the caller prefers to wait, capped at {@code max}; empty when it did not ask. */
    public static Optional<Duration> from(String prefer, int maxSeconds) {
        if (prefer == null) {
            return Optional.empty();
        }
        Matcher matcher = WAIT.matcher(prefer);
        if (!matcher.find()) {
            return Optional.empty();
        }
        long seconds = Math.min(Long.parseLong(matcher.group(1)), maxSeconds);
        return seconds == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }
}
