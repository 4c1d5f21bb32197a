package dev.sluice.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How accepted writes are delivered to the ERP. */
@ConfigMapping(prefix = "sluice.delivery")
public interface DeliveryConfig {

    /** Whether this process delivers; accepting works either way. */
    @WithDefault("true")
    boolean enabled();

    /** Threads delivering in parallel; each works on a different aggregate (contract) at a time. */
    @WithDefault("2")
    int workers();

    /**
     * How many aggregate heads one worker claims at a time. One spreads a backlog of contracts
     * over every worker; a worker holding several delivers them one after the other.
     */
    @WithDefault("1")
    int batchSize();

    /** How often an idle worker looks for work that another process accepted. */
    @WithDefault("PT0.5S")
    Duration pollInterval();

    /** How long a claimed delivery stays with its worker before another process may take it over. */
    @WithDefault("PT60S")
    Duration lease();

    /**
     * How long a part may keep failing (the ERP could not answer it) before it is dead-lettered,
     * counted from its first failed attempt: long enough to wait out an ERP's outage or
     * maintenance, after which an operator decides. Calls an open circuit prevented are not
     * failed attempts.
     */
    @WithDefault("PT24H")
    Duration giveUpAfter();

    /** Failed attempts after which a part is dead-lettered even before {@link #giveUpAfter()}; 0 for no such limit. */
    @WithDefault("0")
    int maxAttempts();

    /** Wait before the first retry; doubled on every further attempt, with jitter. */
    @WithDefault("PT1S")
    Duration initialBackoff();

    /** Longest wait between two attempts. */
    @WithDefault("PT5M")
    Duration maxBackoff();
}
