package dev.sluice.delivery;

import io.quarkus.arc.Unremovable;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the metrics that need the database are kept, so that a scrape never waits for it. */
// Only @Scheduled expressions read these keys; Quarkus registers a mapping, and with it the
// defaults those expressions resolve to, only when it is injected somewhere or unremovable.
@Unremovable
@ConfigMapping(prefix = "sluice.metrics")
public interface MetricsConfig {

    /**
     * How often the outbox is counted (depth, dead letters, age of the oldest entry) for
     * {@code /q/metrics}; the figures a scrape sees are at most this old.
     */
    @WithDefault("PT5S")
    Duration outboxRefresh();
}
