package dev.sluice.erp.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The built-in sandbox ERP. */
@ConfigMapping(prefix = "sluice.sandbox")
public interface SandboxConfig {

    /**
     * A YAML file with the sandbox's master data, replacing the built-in seed
     * ({@code src/main/resources/sandbox/master-data.yaml} shows the format). Loaded at start-up.
     */
    Optional<Path> masterDataFile();

    /**
     * How often each process reads the simulated faults back from the database, so that faults
     * set through another process apply here within this time.
     */
    @WithDefault("PT1S")
    Duration faultsRefresh();
}
