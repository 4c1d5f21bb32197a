package dev.sluice.governance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the validation policy is. */
@ConfigMapping(prefix = "sluice.validation")
public interface ValidationConfig {

    /** The validation policy: what happens to a write the gateway cannot fully check while the ERP cannot answer. */
    @WithDefault("policies/validation.yaml")
    String file();

    /** How often the file is checked for changes. */
    @WithDefault("PT1S")
    Duration reloadInterval();
}
