package dev.sluice.erp.sandbox;

import dev.sluice.erp.BackendSettings;
import dev.sluice.erp.ErpAdapterFactory;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.Guarded;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The built-in sandbox ERP as a routing target. It lives in the gateway's own database, so it
 * takes no settings; its guards are configured as {@code dev.sluice.erp.GuardedErp/...}.
 */
@ApplicationScoped
class SandboxAdapterFactory implements ErpAdapterFactory {

    private final ErpBackend sandbox;

    SandboxAdapterFactory(@Guarded ErpBackend sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public String type() {
        return Journal.BACKEND;
    }

    @Override
    public ErpBackend create(BackendSettings settings) {
        if (!settings.name().equals(Journal.BACKEND)) {
            throw settings.invalid("type", "sandbox is built in once, under the name sandbox, not " + settings.name());
        }
        settings.properties().keySet().stream().findFirst().ifPresent(key -> {
            throw settings.invalid(key, "is not a setting of the sandbox, which takes none");
        });
        return sandbox;
    }

    @Override
    public boolean guardsItself() {
        return true;
    }
}
