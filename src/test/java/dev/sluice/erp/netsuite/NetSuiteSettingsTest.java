package dev.sluice.erp.netsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.erp.BackendSettings;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NetSuiteSettingsTest {

    private final NetSuiteFixture netsuite = new NetSuiteFixture();

    @AfterEach
    void stop() {
        netsuite.close();
    }

    private NetSuiteSettings with(String key, String value) {
        Map<String, String> properties = netsuite.properties();
        if (value == null) {
            properties.remove(key);
        } else {
            properties.put(key, value);
        }
        return NetSuiteSettings.from(netsuite.settings(properties));
    }

    @Test
    void theBaseUrlDefaultsToTheAccountsSuiteTalkDomain() {
        NetSuiteSettings settings = with("base-url", null);

        assertThat(settings.baseUrl()).hasToString("https://1234567-sb1.suitetalk.api.netsuite.com");
        assertThat(settings.tokenUrl()).hasToString(
                "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token");
    }

    @Test
    void aMissingAccountIdIsNamed() {
        assertThatThrownBy(() -> with("account-id", null))
                .isInstanceOf(BackendSettings.InvalidBackendSettingsException.class)
                .hasMessage("/backends/netsuite-test/account-id: is required for a netsuite backend");
    }

    @Test
    void aClientIdWrittenInTheFileIsRefused() {
        assertThatThrownBy(() -> with("client-id", "client-123"))
                .isInstanceOf(BackendSettings.InvalidBackendSettingsException.class)
                .hasMessageContaining("/backends/netsuite-test/client-id").hasMessageContaining("env:NAME");
    }

    @Test
    void anUnknownAlgorithmIsRefused() {
        assertThatThrownBy(() -> with("algorithm", "RS256"))
                .hasMessageContaining("algorithm: must be one of PS256, ES256");
    }

    @Test
    void aKeyThatDoesNotFitTheAlgorithmIsRefused() {
        assertThatThrownBy(() -> with("algorithm", "ES256"))
                .hasMessageContaining("private-key: is not an EC key, which algorithm ES256 needs");
    }

    @Test
    void aKeyThatIsNotPemPkcs8IsRefused() {
        Map<String, String> properties = netsuite.properties();
        BackendSettings settings = new BackendSettings("netsuite-test", "netsuite", properties,
                Map.of("NS_CLIENT_ID", "x", "NS_PRIVATE_KEY", "-----BEGIN RSA PRIVATE KEY-----\nabc")::get);

        assertThatThrownBy(() -> NetSuiteSettings.from(settings)).hasMessageContaining("PEM PKCS#8");
    }
}
