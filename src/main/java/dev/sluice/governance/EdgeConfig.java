package dev.sluice.governance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits the edge enforces on every request. */
@ConfigMapping(prefix = "sluice.limits")
public interface EdgeConfig {

    /** Largest request body accepted, in bytes; larger bodies get 413. */
    @WithDefault("1048576")
    int maxBodyBytes();

    /** Longest {@code Prefer: wait=N} honoured, in seconds. */
    @WithDefault("30")
    int maxWaitSeconds();
}
