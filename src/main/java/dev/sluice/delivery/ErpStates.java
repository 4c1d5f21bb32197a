package dev.sluice.delivery;

import dev.sluice.erp.ErpHealth;
import dev.sluice.erp.routing.ErpRouting;
import dev.sluice.platform.ThisProcess;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** How each ERP backend is doing, as this process sees it: its posting circuit and its last calls. */
@ApplicationScoped
public class ErpStates {

    /** One backend's state. */
    public record ErpState(String backend, ErpHealth.Circuit circuit, Optional<Instant> lastSuccessAt,
            Optional<Instant> lastFailureAt, Optional<String> lastFailure, String observedBy) {
    }

    private final ErpRouting routing;

    ErpStates(ErpRouting routing) {
        this.routing = routing;
    }

    public ErpState of(String backend) {
        ErpHealth.Snapshot health = routing.health(backend).orElse(ErpHealth.Snapshot.NONE);
        return new ErpState(backend, health.postingCircuit(), health.lastSuccessAt(), health.lastFailureAt(),
                health.lastFailure(), ThisProcess.name());
    }
}
