package dev.sluice.support;

import dev.sluice.erp.BackendSettings;
import dev.sluice.erp.ErpAdapterFactory;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.routing.ErpRouting;
import dev.sluice.erp.routing.RoutingPolicy;
import java.util.List;
import java.util.Map;

/** Routing with one ERP backend, the default for every legal entity, behind the gateway's guard. */
public final class OneBackend {

    private OneBackend() {
    }

    /** {@code erp} as backend {@code name}, with the guard's default settings. */
    public static ErpRouting routing(String name, ErpBackend erp) {
        return new ErpRouting(policy(name), List.of(factory(erp)));
    }

    /** {@code erp} as backend {@code name}, called without the guard (outside the application). */
    public static ErpRouting unguarded(String name, ErpBackend erp) {
        return ErpRouting.unguarded(policy(name), List.of(factory(erp)));
    }

    private static RoutingPolicy policy(String name) {
        return RoutingPolicy.parse("routing.yaml", """
                default-backend: %s
                backends:
                  %s: { type: one }
                """.formatted(name, name), Map.<String, String>of()::get);
    }

    private static ErpAdapterFactory factory(ErpBackend erp) {
        return new ErpAdapterFactory() {
            @Override
            public String type() {
                return "one";
            }

            @Override
            public ErpBackend create(BackendSettings settings) {
                return erp;
            }
        };
    }
}
