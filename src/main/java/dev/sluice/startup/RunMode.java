package dev.sluice.startup;

import java.util.Locale;

/**
 * The two ways the gateway runs, set by {@code sluice.mode}. The process always knows which: it
 * says so at start-up, and production refuses settings that would hurt ({@link ProductionSafety}).
 */
public enum RunMode {

    /** The default for the packaged application: every shared part configured, nothing of development's. */
    PRODUCTION,

    /**
     * What {@code scripts/run} and the tests run: an embedded PostgreSQL, the development realm
     * and secrets on a local Keycloak over plain HTTP, the sandbox ERP.
     */
    DEVELOPMENT;

    static final String KEY = "sluice.mode";

    /** The mode a value of {@code sluice.mode} names; production when none is given. */
    static RunMode of(String value) {
        if (value == null || value.isBlank()) {
            return PRODUCTION;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY + " is '" + value + "'; it is production or development");
        }
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
