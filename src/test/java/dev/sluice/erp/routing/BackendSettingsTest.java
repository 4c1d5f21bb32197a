package dev.sluice.erp.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.erp.BackendSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendSettingsTest {

    private static BackendSettings settings(Map<String, String> properties, Map<String, String> environment) {
        return new BackendSettings("netsuite-us", "netsuite", properties, environment::get);
    }

    @Test
    void credentialsResolveFromTheEnvironmentOrAFile(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("key.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n");
        BackendSettings settings = settings(Map.of("client-id", "env:NS_CLIENT", "private-key", "file:" + key),
                Map.of("NS_CLIENT", "consumer-1"));

        assertThat(settings.secret("client-id")).isEqualTo("consumer-1");
        assertThat(settings.secret("private-key")).startsWith("-----BEGIN PRIVATE KEY-----").endsWith("-----");
    }

    @Test
    void aCredentialWrittenInTheFileOrMissingFromTheEnvironmentIsRefusedByName() {
        BackendSettings settings = settings(Map.of("client-id", "consumer-1", "client-secret", "env:NS_SECRET"),
                Map.of());

        assertThatThrownBy(() -> settings.secret("client-id"))
                .hasMessage("/backends/netsuite-us/client-id: is a credential: write a reference, env:NAME or "
                        + "file:/path, never the value itself");
        assertThatThrownBy(() -> settings.secret("client-secret"))
                .hasMessage("/backends/netsuite-us/client-secret: refers to the environment variable NS_SECRET, "
                        + "which is not set");
        assertThatThrownBy(() -> settings.required("account-id"))
                .hasMessage("/backends/netsuite-us/account-id: is required for a netsuite backend");
    }

    @Test
    void durationsAreReadInEveryWrittenFormAndNonsenseIsNamed() {
        BackendSettings settings = settings(Map.of("a", "PT2S", "b", "750ms", "c", "30s", "d", "2m", "e", "soon",
                "f", "0s"), Map.of());

        assertThat(settings.duration("a", null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.duration("b", null)).isEqualTo(Duration.ofMillis(750));
        assertThat(settings.duration("c", null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.duration("d", null)).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.duration("unset", Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> settings.duration("e", null)).hasMessageContaining("/backends/netsuite-us/e: is not a duration");
        assertThatThrownBy(() -> settings.duration("f", null)).hasMessageContaining("must be positive");
    }

    @Test
    void urlsMustBeAbsoluteHttp() {
        BackendSettings settings = settings(Map.of("base-url", "https://example.test/", "bad", "ftp://x"), Map.of());

        assertThat(settings.uri("base-url").toString()).as("a trailing slash dropped").isEqualTo("https://example.test");
        assertThatThrownBy(() -> settings.uri("bad")).hasMessageContaining("must be an absolute http(s) URL");
    }
}
