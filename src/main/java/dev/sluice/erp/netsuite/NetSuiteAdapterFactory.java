package dev.sluice.erp.netsuite;

import dev.sluice.erp.BackendSettings;
import dev.sluice.erp.ErpAdapterFactory;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.http.ErpHttp;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Makes NetSuite adapters for backends of type {@code netsuite}. */
@ApplicationScoped
public class NetSuiteAdapterFactory implements ErpAdapterFactory {

    @Override
    public String type() {
        return "netsuite";
    }

    @Override
    public ErpBackend create(BackendSettings settings) {
        NetSuiteSettings parsed = NetSuiteSettings.from(settings);
        return new NetSuiteErp(parsed, ErpHttp.client(parsed.connectTimeout()), Clock.systemUTC());
    }
}
