package dev.sluice.erp.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the gateway finds which ERP each legal entity uses. */
@ConfigMapping(prefix = "sluice.routing")
public interface RoutingConfig {

    /** The routing file: backends, their settings, and legal entity → backend. */
    @WithDefault("policies/routing.yaml")
    String file();
}
