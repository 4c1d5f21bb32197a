package dev.sluice.startup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Whether production may route to the sandbox ERP. */
@ConfigMapping(prefix = "sluice.sandbox")
public interface SandboxOptIn {

    /**
     * Lets production route to the built-in sandbox ERP, for a demonstration deployment; every
     * answer then carries a {@code Sluice-Sandbox} header saying so.
     */
    @WithDefault("false")
    boolean allowInProduction();
}
