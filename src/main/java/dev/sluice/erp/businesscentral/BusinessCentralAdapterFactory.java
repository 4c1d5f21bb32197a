package dev.sluice.erp.businesscentral;

import dev.sluice.erp.BackendSettings;
import dev.sluice.erp.ErpAdapterFactory;
import dev.sluice.erp.ErpBackend;
import dev.sluice.erp.http.ErpHttp;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/** Makes Business Central adapters, for backends of type {@code business-central}. */
@ApplicationScoped
public class BusinessCentralAdapterFactory implements ErpAdapterFactory {

    @Override
    public String type() {
        return BusinessCentralSettings.TYPE;
    }

    @Override
    public ErpBackend create(BackendSettings settings) {
        BusinessCentralSettings typed = BusinessCentralSettings.from(settings);
        return new BusinessCentralErp(typed, ErpHttp.client(typed.connectTimeout()), Clock.systemUTC());
    }
}
