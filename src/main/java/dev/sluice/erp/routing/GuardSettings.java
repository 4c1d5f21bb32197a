package dev.sluice.erp.routing;

import dev.sluice.erp.BackendSettings;
import java.time.Duration;

/**
 * How the gateway guards one backend, from the {@code guard} of its entry in
 * {@code policies/routing.yaml}; every backend, the sandbox included, has the same guard and the
 * same defaults.
 *
 * @param readTimeout longest one look-up may take (master data, a contract, a project)
 * @param postTimeout longest one delivery may take, which may be several requests to the ERP
 * @param requestVolume calls in the circuit breaker's rolling window
 * @param failureRatio share of those calls that, failing to be answered, opens the circuit
 * @param openFor how long an open circuit stops calls before letting trial calls through
 * @param successThreshold trial calls that must be answered to close the circuit again
 */
public record GuardSettings(Duration readTimeout, Duration postTimeout, int requestVolume, double failureRatio,
        Duration openFor, int successThreshold) {

    public static final GuardSettings DEFAULTS = new GuardSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 10,
            0.5, Duration.ofSeconds(10), 2);

    /** The guard a backend entry sets, each value not set taken from {@link #DEFAULTS}. */
    public static GuardSettings of(BackendSettings settings) {
        return new GuardSettings(
                settings.duration("guard.read-timeout", DEFAULTS.readTimeout),
                settings.duration("guard.post-timeout", DEFAULTS.postTimeout),
                settings.integer("guard.request-volume", DEFAULTS.requestVolume, 1, 1000),
                settings.ratio("guard.failure-ratio", DEFAULTS.failureRatio),
                settings.duration("guard.open-for", DEFAULTS.openFor),
                settings.integer("guard.success-threshold", DEFAULTS.successThreshold, 1, 100));
    }
}
