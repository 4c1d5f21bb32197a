package dev.sluice.admin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** OAuth client management. */
@ConfigMapping(prefix = "sluice.clients")
public interface ClientsConfig {

    /** The rate plans a client may be given. */
    @WithDefault("sandbox,standard,bulk")
    List<String> ratePlans();
}
