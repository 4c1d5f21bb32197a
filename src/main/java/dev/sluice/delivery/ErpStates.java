package dev.sluice.delivery;

import dev.sluice.erp.ErpHealth;
import dev.sluice.erp.routing.ErpRouting;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
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
    private final CircuitBreakerMaintenance circuits;

    ErpStates(ErpRouting routing, CircuitBreakerMaintenance circuits) {
        this.routing = routing;
        this.circuits = circuits;
    }

    public ErpState of(String backend) {
        ErpHealth.Snapshot health = routing.health(backend).orElse(
                new ErpHealth.Snapshot(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        return new ErpState(backend, health.postingCircuit().orElseGet(() -> namedCircuit(backend)),
                health.lastSuccessAt(), health.lastFailureAt(), health.lastFailure(), ThisProcess.name());
    }

    /** The circuit of a backend that guards itself under the circuit's name (the sandbox). */
    private ErpHealth.Circuit namedCircuit(String backend) {
        try {
            return ErpHealth.Circuit.valueOf(circuits.currentState(ErpHealth.postingCircuit(backend)).name());
        } catch (IllegalArgumentException e) {
            // no circuit of that name: a remote backend whose circuit has not changed state yet
            return ErpHealth.Circuit.CLOSED;
        }
    }
}
