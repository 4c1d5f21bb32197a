package dev.sluice.startup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/** How the process runs; read first of all by {@link ModeConfigSourceFactory}, declared here. */
@ConfigMapping(prefix = "sluice.mode")
public interface RunModeConfig {

    /**
     * {@code production}, the default: every shared part configured, and a start refused on
     * anything of development's; or {@code development}: the embedded setup of {@code scripts/run}
     * and the tests.
     */
    @WithParentName
    @WithDefault("production")
    RunMode mode();
}
