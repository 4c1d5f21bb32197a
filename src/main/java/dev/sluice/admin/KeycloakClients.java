package dev.sluice.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;

/**
 * The OAuth clients of the realm, through Keycloak's admin API and the gateway's own service
 * account there. A Sluice client is a confidential client with a service account whose default
 * client scopes are exactly its Sluice scopes (plus {@code sluice-api}, which makes the token's
 * audience), and whose attributes hold what the gateway records about it.
 */
@ApplicationScoped
class KeycloakClients {

    static final String AUDIENCE_SCOPE = "sluice-api";
    static final String OWNER_TEAM = "sluice.owner-team";
    static final String RATE_PLAN = "sluice.rate-plan";
    static final String CONTACT = "sluice.contact";

    /** A client as Keycloak holds it. */
    record IdpClient(String clientId, boolean enabled, List<String> scopes, Map<String, String> attributes) {
    }

    /** Keycloak could not be reached or answered with a failure. */
    static class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Keycloak keycloak;
    private final String realm;

    KeycloakClients(Keycloak keycloak, @ConfigProperty(name = "quarkus.keycloak.admin-client.realm") String realm) {
        this.keycloak = keycloak;
        this.realm = realm;
    }

    Optional<IdpClient> find(String clientId) {
        return call(() -> realm().clients().findByClientId(clientId).stream().findFirst().map(this::describe));
    }

    /** Every client the gateway manages: those with a rate plan. */
    List<IdpClient> sluiceClients() {
        return call(() -> realm().clients().findAll().stream()
                .filter(c -> c.getAttributes() != null && c.getAttributes().containsKey(RATE_PLAN))
                .map(this::describe)
                .toList());
    }

    /** Creates the client and answers its secret. */
    String create(String clientId, String description, List<String> scopes, Map<String, String> attributes) {
        return call(() -> {
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(clientId);
            client.setName(clientId);
            client.setDescription(description);
            client.setEnabled(true);
            client.setProtocol("openid-connect");
            client.setPublicClient(false);
            client.setClientAuthenticatorType("client-secret");
            client.setServiceAccountsEnabled(true);
            client.setStandardFlowEnabled(false);
            client.setImplicitFlowEnabled(false);
            client.setDirectAccessGrantsEnabled(false);
            client.setFullScopeAllowed(false);
            client.setAttributes(new HashMap<>(attributes));
            client.setDefaultClientScopes(withAudience(scopes));
            client.setOptionalClientScopes(List.of());
            try (Response created = realm().clients().create(client)) {
                if (created.getStatus() != 201) {
                    throw new Unavailable("Keycloak refused to create client " + clientId + ": " + created.getStatus(), null);
                }
            }
            return resource(clientId).getSecret().getValue();
        });
    }

    void setScopes(String clientId, List<String> scopes) {
        call(() -> {
            ClientResource client = resource(clientId);
            Map<String, String> ids = realm().clientScopes().findAll().stream()
                    .collect(Collectors.toMap(ClientScopeRepresentation::getName, ClientScopeRepresentation::getId));
            List<String> wanted = withAudience(scopes);
            for (ClientScopeRepresentation current : client.getDefaultClientScopes()) {
                if (!wanted.contains(current.getName())) {
                    client.removeDefaultClientScope(current.getId());
                }
            }
            List<String> held = client.getDefaultClientScopes().stream().map(ClientScopeRepresentation::getName).toList();
            for (String scope : wanted) {
                if (!held.contains(scope)) {
                    client.addDefaultClientScope(ids.get(scope));
                }
            }
            return null;
        });
    }

    void setAttribute(String clientId, String name, String value) {
        call(() -> {
            ClientResource client = resource(clientId);
            ClientRepresentation representation = client.toRepresentation();
            Map<String, String> attributes = new HashMap<>(representation.getAttributes());
            attributes.put(name, value);
            representation.setAttributes(attributes);
            client.update(representation);
            return null;
        });
    }

    void setEnabled(String clientId, boolean enabled) {
        call(() -> {
            ClientResource client = resource(clientId);
            ClientRepresentation representation = client.toRepresentation();
            representation.setEnabled(enabled);
            client.update(representation);
            return null;
        });
    }

    /** A new secret; the old one stops working. */
    String rotateSecret(String clientId) {
        return call(() -> {
            ClientResource client = resource(clientId);
            String secret = client.generateNewSecret().getValue();
            // Keycloak may keep the previous secret valid for a grace period; not here
            client.invalidateRotatedSecret();
            return secret;
        });
    }

    private IdpClient describe(ClientRepresentation client) {
        List<String> scopes = realm().clients().get(client.getId()).getDefaultClientScopes().stream()
                .map(ClientScopeRepresentation::getName)
                .filter(name -> !name.equals(AUDIENCE_SCOPE))
                .sorted()
                .toList();
        return new IdpClient(client.getClientId(), Boolean.TRUE.equals(client.isEnabled()), scopes,
                client.getAttributes() == null ? Map.of() : client.getAttributes());
    }

    private ClientResource resource(String clientId) {
        ClientRepresentation client = realm().clients().findByClientId(clientId).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no client " + clientId));
        return realm().clients().get(client.getId());
    }

    private RealmResource realm() {
        return keycloak.realm(realm);
    }

    private static List<String> withAudience(List<String> scopes) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(AUDIENCE_SCOPE), scopes.stream()).toList();
    }

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (ProcessingException | WebApplicationException e) {
            throw new Unavailable("Keycloak's admin API failed: " + e.getMessage(), e);
        }
    }
}
