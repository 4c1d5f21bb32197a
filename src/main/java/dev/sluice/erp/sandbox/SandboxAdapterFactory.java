package dev.sluice.erp.sandbox;

import dev.sluice.erp.BackendSettings;
import dev.sluice.erp.ErpAdapterFactory;
import dev.sluice.erp.ErpBackend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * The built-in sandbox ERP as a routing target. It lives in the gateway's own database, so it
 * takes no settings of its own; the gateway guards it as it guards every backend, from the
 * {@code guard} of its routing entry.
 */
@ApplicationScoped
class SandboxAdapterFactory implements ErpAdapterFactory {

    private final ErpBackend sandbox;

    SandboxAdapterFactory(@Named(DocumentJournal.BACKEND) ErpBackend sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public String type() {
        return DocumentJournal.BACKEND;
    }

    @Override
    public ErpBackend create(BackendSettings settings) {
        if (!settings.name().equals(DocumentJournal.BACKEND)) {
            throw settings.invalid("type", "sandbox is built in once, under the name sandbox, not " + settings.name());
        }
        settings.adapterProperties().keySet().stream().findFirst().ifPresent(key -> {
            throw settings.invalid(key, "is not a setting of the sandbox, which takes none");
        });
        return sandbox;
    }
}
