package dev.sluice.erp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which ERP backend the gateway delivers to. */
@ConfigMapping(prefix = "sluice.erp")
public interface ErpConfig {

    /** The backend's name: {@code sandbox} (built in) or an adapter's name. */
    @WithDefault("sandbox")
    String backend();
}
