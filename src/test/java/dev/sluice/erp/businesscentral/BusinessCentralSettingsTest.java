package dev.sluice.erp.businesscentral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.erp.BackendSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessCentralSettingsTest {

    private static BackendSettings settings(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "tenant-id", "contoso.onmicrosoft.com",
                "environment", "production",
                "company-id", "3f1c2a4e-8b1d-4c3e-9a7f-0d2b5e6c7a81",
                "legal-entity", "US01",
                "client-id", "env:BC_CLIENT_ID",
                "client-secret", "env:BC_CLIENT_SECRET"));
        properties.putAll(overrides);
        properties.values().removeIf(String::isEmpty);
        Map<String, String> environment = Map.of("BC_CLIENT_ID", "sluice-app", "BC_CLIENT_SECRET", "s3cret");
        return new BackendSettings("bc-us", "business-central", properties, environment::get);
    }

    @Test
    void defaultsToMicrosoftsEndpointsForTheTenant() {
        BusinessCentralSettings read = BusinessCentralSettings.from(settings(Map.of()));

        assertThat(read.companyRoot()).isEqualTo("https://api.businesscentral.dynamics.com/v2.0/contoso.onmicrosoft.com"
                + "/production/api/v2.0/companies(3f1c2a4e-8b1d-4c3e-9a7f-0d2b5e6c7a81)/");
        assertThat(read.tokenUrl()).hasToString(
                "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
        assertThat(read.clientSecret()).isEqualTo("s3cret");
        assertThat(read.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void namesTheMissingTenant() {
        assertThatThrownBy(() -> BusinessCentralSettings.from(settings(Map.of("tenant-id", ""))))
                .isInstanceOf(BackendSettings.InvalidBackendSettingsException.class)
                .hasMessage("/backends/bc-us/tenant-id: is required for a business-central backend");
    }

    @Test
    void refusesACompanyIdThatIsNotAGuid() {
        assertThatThrownBy(() -> BusinessCentralSettings.from(settings(Map.of("company-id", "CRONUS USA"))))
                .hasMessageContaining("/backends/bc-us/company-id: must be the company's id, a GUID");
    }

    @Test
    void refusesAnEnvironmentThatWouldChangeTheUrlPath() {
        assertThatThrownBy(() -> BusinessCentralSettings.from(settings(Map.of("environment", "prod/../x"))))
                .hasMessageContaining("/backends/bc-us/environment: must be an environment name");
    }

    @Test
    void refusesAClientSecretWrittenAsItsValue() {
        assertThatThrownBy(() -> BusinessCentralSettings.from(settings(Map.of("client-secret", "s3cret"))))
                .hasMessageContaining("/backends/bc-us/client-secret: is a credential: write a reference");
    }

    @Test
    void refusesAMalformedTimeout() {
        assertThatThrownBy(() -> BusinessCentralSettings.from(settings(Map.of("request-timeout", "soon"))))
                .hasMessageContaining("/backends/bc-us/request-timeout: is not a duration");
    }

    @Test
    void theFactoryCreatesTheAdapterUnderTheBackendsName() {
        assertThat(new BusinessCentralAdapterFactory().type()).isEqualTo("business-central");
        assertThat(new BusinessCentralAdapterFactory().create(settings(Map.of())).name()).isEqualTo("bc-us");
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(BusinessCentralSettings.from(settings(Map.of()))).asString().doesNotContain("s3cret");
    }
}
