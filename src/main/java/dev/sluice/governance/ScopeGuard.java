package dev.sluice.governance;

import dev.sluice.contract.ApiContracts;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * An operation without a declared scope would be open to any valid token. The gateway refuses
 * to start rather than serve one; the build refuses it earlier (ContractLintTest).
 */
@ApplicationScoped
public class ScopeGuard {

    void everyOperationDeclaresItsScope(@Observes StartupEvent start) {
        List<String> open = ApiContracts.all().stream()
                .flatMap(c -> c.operations().values().stream())
                .filter(o -> o.scopes().isEmpty())
                .map(o -> o.operationId() + " (" + o.contract().resource() + ")")
                .toList();
        if (!open.isEmpty()) {
            throw new IllegalStateException("Operations without a declared OAuth scope: " + open);
        }
    }
}
