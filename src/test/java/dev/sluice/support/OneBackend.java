package dev.sluice.support;

import dev.sluice.erp.BackendSettings;
import dev.sluice.erp.ErpAdapterFactory;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.routing.ErpRouting;
import dev.sluice.erp.routing.RoutingPolicy;
import java.util.List;
import java.util.Map;

/** Routing with one ERP backend, the default for every legal entity. */
public final class OneBackend {

    private OneBackend() {
    }

    /**
     * {@code erp} as backend {@code name}. With {@code guardsItself}, the gateway puts no timeout
     * or circuit breaker around it (which needs the running application); without, it does.
     */
    public static ErpRouting routing(String name, ErpBackend erp, boolean guardsItself) {
        RoutingPolicy policy = RoutingPolicy.parse("routing.yaml", """
                default-backend: %s
                backends:
                  %s: { type: one }
                """.formatted(name, name), Map.<String, String>of()::get);
        return new ErpRouting(policy, List.of(new ErpAdapterFactory() {
            @Override
            public String type() {
                return "one";
            }

            @Override
            public ErpBackend create(BackendSettings settings) {
                return erp;
            }

            @Override
            public boolean guardsItself() {
                return guardsItself;
            }
        }));
    }
}
