package dev.sluice.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the gateway at the tests' real Keycloak ({@link TestKeycloak}). */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestKeycloak keycloak = TestKeycloak.get();
        return Map.of(
                "quarkus.oidc.auth-server-url", keycloak.issuer(),
                "quarkus.keycloak.admin-client.server-url", keycloak.baseUrl());
    }

    @Override
    public void stop() {
        // one Keycloak serves every test profile of the run; it stops with the JVM
    }
}
