package dev.sluice.governance;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Walks the audit chain on a schedule and publishes what it found: whether the chain holds, how
 * many records were checked, and when. An alert on {@code sluice_audit_chain_intact == 0} tells
 * the security team that a record was changed, removed or inserted behind the gateway's back.
 */
@ApplicationScoped
public class AuditWatch {

    private static final Logger LOG = Logger.getLogger(AuditWatch.class);

    private final AuditTrail audit;
    private final Clock clock;
    /** 1 intact, 0 broken, -1 not walked yet. */
    private final AtomicLong intact = new AtomicLong(-1);
    private final AtomicLong checked = new AtomicLong();
    private final AtomicLong verifiedAt = new AtomicLong();

    AuditWatch(AuditTrail audit, AuditConfig config, Clock clock, MeterRegistry metrics) {
        this.audit = audit;
        this.clock = clock;
        // the mapping is taken here so its default is there for the schedule's ${sluice.audit.verify-interval}
        LOG.debugf("The audit chain is walked every %s", config.verifyInterval());
        Gauge.builder("sluice.audit.chain.intact", intact, AtomicLong::get)
                .description("1 when the last walk of the audit chain found every record holding, 0 when one did not,"
                        + " -1 before the first walk")
                .register(metrics);
        Gauge.builder("sluice.audit.records.verified", checked, AtomicLong::get)
                .description("Audit records the last walk checked").register(metrics);
        Gauge.builder("sluice.audit.last.verification.timestamp", verifiedAt, AtomicLong::get)
                .description("When the audit chain was last walked, seconds since the epoch").baseUnit("seconds")
                .register(metrics);
    }

    /** Walks the whole chain once; the figures above show the result. */
    @Scheduled(every = "${sluice.audit.verify-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void verify() {
        AuditTrail.Verification verification = audit.verify();
        if (!verification.valid() && intact.get() != 0) {
            LOG.errorf("The audit chain does not hold at record %d: a record was changed, removed or inserted"
                    + " outside the gateway", verification.firstBrokenId());
        }
        intact.set(verification.valid() ? 1 : 0);
        checked.set(verification.checked());
        verifiedAt.set(clock.instant().getEpochSecond());
    }
}
