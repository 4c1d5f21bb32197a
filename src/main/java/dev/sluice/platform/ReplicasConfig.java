package dev.sluice.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the gateway processes of a deployment announce themselves to each other. */
@ConfigMapping(prefix = "sluice.replicas")
public interface ReplicasConfig {

    /**
     * How often each process records in the database that it is alive. A process that has not
     * done so for three of these is no longer counted (it was killed, or cannot reach the database).
     */
    @WithDefault("PT5S")
    Duration heartbeat();
}
