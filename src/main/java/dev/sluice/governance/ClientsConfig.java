package dev.sluice.governance;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How soon a change to an OAuth client takes effect in every process: Keycloak's clients are
 * mirrored into the database, and each process reads the mirror (whether a client is enabled,
 * its rate plan) from there.
 */
// Only @Scheduled expressions read these keys; Quarkus registers a mapping, and with it the
// defaults those expressions resolve to, only when it is injected somewhere or unremovable.
@Unremovable
@ConfigMapping(prefix = "sluice.clients")
public interface ClientsConfig {

    /**
     * How often the mirror is brought up to date with the clients Keycloak holds, so that a change
     * made in Keycloak itself rather than through the admin API is seen within this time.
     */
    @WithDefault("PT60S")
    Duration syncInterval();

    /**
     * How often each process reads the mirror again, so that a client disabled or given another
     * rate plan through another process is refused or limited accordingly within this time.
     */
    @WithDefault("PT1S")
    Duration refresh();
}
