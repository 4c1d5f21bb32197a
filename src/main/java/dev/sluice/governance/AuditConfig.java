package dev.sluice.governance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the gateway watches its own audit chain. */
@ConfigMapping(prefix = "sluice.audit")
public interface AuditConfig {

    /**
     * How often each process walks the audit chain from its first record and publishes whether
     * it holds ({@code sluice_audit_chain_intact}), so a change made behind the gateway's back
     * raises an alert without anyone asking {@code /admin/v1/audit/verify}.
     */
    @WithDefault("PT15M")
    Duration verifyInterval();
}
