package dev.sluice.delivery;

import dev.sluice.domain.Command;
import dev.sluice.erp.Delivery;
import dev.sluice.erp.ErpAccessDeniedException;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.ErpUnavailableException;
import dev.sluice.erp.PostingOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * One call to an ERP backend for a claimed part, traced, and sorted into an
 * {@link AttemptResult}: the only place delivery tells the ERP's failures apart.
 */
@ApplicationScoped
class ErpAttempt {

    private static final Logger LOG = Logger.getLogger(ErpAttempt.class);

    /** How soon a part stopped by an open circuit is looked at again: the circuit lets a trial through on its own. */
    static final Duration CIRCUIT_OPEN_DELAY = Duration.ofSeconds(2);

    private final DeliveryTracing tracing;
    private final AllowanceGate gate;

    ErpAttempt(DeliveryTracing tracing, AllowanceGate gate) {
        this.tracing = tracing;
        this.gate = gate;
    }

    AttemptResult post(ErpBackend erp, Claim claim, OperationRow operation, Command command) {
        PostingOutcome outcome;
        try {
            outcome = tracing.post(claim.backend(), operation.id, claim.part(), claim.attempt(), operation.traceparent,
                    traceparent -> erp.post(new Delivery(operation.id, claim.part(), command, operation.correlationId,
                            traceparent)));
        } catch (ErpAccessDeniedException e) {
            return AttemptResult.Failed.hopeless("ACCESS_DENIED", e.getMessage());
        } catch (ErpUnavailableException e) {
            if (e.kind() == ErpUnavailableException.Cause.CIRCUIT_OPEN) {
                return new AttemptResult.NotCalled(CIRCUIT_OPEN_DELAY);
            }
            if (e.kind() == ErpUnavailableException.Cause.THROTTLED) {
                e.retryAfter().ifPresent(after -> gate.throttled(claim.backend(), after));
            }
            return new AttemptResult.Failed(e.kind().name(), e.getMessage(), e.retryAfter().orElse(null), false);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Backend %s failed on operation %s", claim.backend(), operation.id);
            return AttemptResult.Failed.retry("UNEXPECTED", "the ERP backend failed unexpectedly");
        }
        return new AttemptResult.Answered(outcome);
    }
}
