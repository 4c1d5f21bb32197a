package dev.sluice.admin;

import dev.sluice.contract.ApiContracts;
import dev.sluice.domain.Page;
import dev.sluice.domain.Violation;
import dev.sluice.governance.ClientRegistry;
import dev.sluice.governance.ratelimit.RateLimitPolicies;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * What security teams do with OAuth clients. Keycloak holds each client's credentials and
 * scopes; the gateway mirrors what it needs per request (enabled, rate plan) in its database,
 * writing the mirror only after Keycloak took the change.
 */
@ApplicationScoped
public class ClientAdministration {

    private static final Logger LOG = Logger.getLogger(ClientAdministration.class);

    /** A client as the admin API shows it; never with its secret. */
    public record ClientView(String clientId, String name, String ownerTeam, String contact, List<String> scopes,
            String ratePlan, boolean enabled, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** A client just registered, with the secret shown this once. */
    public record Registered(ClientView client, String secret) {
    }

    private final KeycloakClients keycloak;
    private final ClientRegistry registry;
    private final RateLimitPolicies plans;

    ClientAdministration(KeycloakClients keycloak, ClientRegistry registry, RateLimitPolicies plans) {
        this.keycloak = keycloak;
        this.registry = registry;
        this.plans = plans;
    }

    public Registered register(String name, String ownerTeam, List<String> scopes, String ratePlan, String contact) {
        check(scopes, ratePlan);
        if (row(name).isPresent() || idp(() -> keycloak.find(name)).isPresent()) {
            throw new ProblemException(ProblemKind.CLIENT_EXISTS, "A client named " + name + " exists; choose another name");
        }
        String secret = idp(() -> keycloak.create(name, "Registered through Sluice by " + ownerTeam, scopes,
                Map.of(KeycloakClients.OWNER_TEAM, ownerTeam, KeycloakClients.RATE_PLAN, ratePlan,
                        KeycloakClients.CONTACT, contact)));
        OffsetDateTime now = now();
        ClientView client = QuarkusTransaction.requiringNew().call(() -> {
            OAuthClientRow row = new OAuthClientRow();
            row.clientId = name;
            row.name = name;
            row.ownerTeam = ownerTeam;
            row.contact = contact;
            row.ratePlan = ratePlan;
            row.scopes = String.join(" ", scopes);
            row.enabled = true;
            row.createdAt = now;
            row.updatedAt = now;
            row.persist();
            return view(row);
        });
        registry.planChanged(name, ratePlan);
        return new Registered(client, secret);
    }

    public Page<ClientView> list(String afterClientId, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<OAuthClientRow> rows = OAuthClientRow.<OAuthClientRow>find("clientId > ?1 order by clientId",
                    afterClientId == null ? "" : afterClientId).page(0, limit + 1).list();
            List<ClientView> items = rows.stream().limit(limit).map(ClientAdministration::view).toList();
            return new Page<>(items, rows.size() > limit ? items.get(items.size() - 1).clientId() : null);
        });
    }

    public Optional<ClientView> find(String clientId) {
        return QuarkusTransaction.requiringNew().call(() -> row(clientId).map(ClientAdministration::view));
    }

    public ClientView change(String clientId, List<String> scopes, String ratePlan) {
        known(clientId);
        check(scopes == null ? List.of() : scopes, ratePlan);
        if (scopes != null) {
            idp(() -> {
                keycloak.setScopes(clientId, scopes);
                return null;
            });
        }
        if (ratePlan != null) {
            idp(() -> {
                keycloak.setAttribute(clientId, KeycloakClients.RATE_PLAN, ratePlan);
                return null;
            });
        }
        ClientView changed = update(clientId, row -> {
            if (scopes != null) {
                row.scopes = String.join(" ", scopes);
            }
            if (ratePlan != null) {
                row.ratePlan = ratePlan;
            }
        });
        if (ratePlan != null) {
            registry.planChanged(clientId, ratePlan);
        }
        return changed;
    }

    /** A new secret, answered once; the old one stops working. */
    public String rotateSecret(String clientId) {
        known(clientId);
        String secret = idp(() -> keycloak.rotateSecret(clientId));
        update(clientId, row -> { });
        return secret;
    }

    public ClientView setEnabled(String clientId, boolean enabled) {
        known(clientId);
        idp(() -> {
            keycloak.setEnabled(clientId, enabled);
            return null;
        });
        ClientView client = update(clientId, row -> row.enabled = enabled);
        registry.changed(clientId, enabled);
        return client;
    }

    /**
     * Brings the mirror up to date with the clients Keycloak holds for Sluice (those with a
     * rate plan, such as the development realm's demo clients).
     */
    @Scheduled(every = "${sluice.clients.sync-interval}", delayed = "${sluice.clients.sync-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sync() {
        List<KeycloakClients.IdpClient> clients;
        try {
            clients = keycloak.sluiceClients();
        } catch (KeycloakClients.Unavailable e) {
            LOG.warnf("OAuth clients not synchronised from Keycloak: %s", e.getMessage());
            return;
        }
        OffsetDateTime now = now();
        // every replica syncs, at start-up too, possibly at the same moment: an upsert, never a duplicate
        QuarkusTransaction.requiringNew().run(() -> {
            for (KeycloakClients.IdpClient client : clients) {
                OAuthClientRow.getEntityManager().createNativeQuery("""
                        insert into oauth_client (client_id, name, owner_team, contact, rate_plan, scopes, enabled,
                                                  created_at, updated_at)
                        values (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
                        on conflict (client_id) do update set owner_team = excluded.owner_team,
                            contact = excluded.contact, rate_plan = excluded.rate_plan, scopes = excluded.scopes,
                            enabled = excluded.enabled, updated_at = excluded.updated_at""")
                        .setParameter(1, client.clientId())
                        .setParameter(2, client.attributes().getOrDefault(KeycloakClients.OWNER_TEAM, "unknown"))
                        .setParameter(3, client.attributes().getOrDefault(KeycloakClients.CONTACT, "unknown"))
                        .setParameter(4, client.attributes().get(KeycloakClients.RATE_PLAN))
                        .setParameter(5, String.join(" ", client.scopes()))
                        .setParameter(6, client.enabled())
                        .setParameter(7, now)
                        .executeUpdate();
            }
        });
    }

    void syncAtStart(@Observes StartupEvent start) {
        sync();
    }

    private void check(List<String> scopes, String ratePlan) {
        Set<String> known = ApiContracts.scopes();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < scopes.size(); i++) {
            if (!known.contains(scopes.get(i))) {
                violations.add(new Violation("/scopes/" + i, "UNKNOWN_SCOPE", "no scope " + scopes.get(i)
                        + " in the Sluice contracts; known: " + String.join(" ", known)));
            }
        }
        if (ratePlan != null && !plans.planNames().contains(ratePlan)) {
            violations.add(new Violation("/ratePlan", "UNKNOWN_RATE_PLAN", "no rate plan " + ratePlan + "; known: "
                    + String.join(" ", plans.planNames().stream().sorted().toList())));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.of(ProblemKind.VALIDATION_FAILED, violations);
        }
    }

    private void known(String clientId) {
        if (find(clientId).isEmpty()) {
            throw new ProblemException(ProblemKind.NOT_FOUND, "No client " + clientId);
        }
    }

    private ClientView update(String clientId, Consumer<OAuthClientRow> change) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OAuthClientRow row = OAuthClientRow.findById(clientId);
            change.accept(row);
            row.updatedAt = now();
            return view(row);
        });
    }

    private static Optional<OAuthClientRow> row(String clientId) {
        return QuarkusTransaction.requiringNew().call(() -> OAuthClientRow.<OAuthClientRow>findByIdOptional(clientId));
    }

    private static <T> T idp(Supplier<T> call) {
        try {
            return call.get();
        } catch (KeycloakClients.Unavailable e) {
            LOG.warn("Keycloak's admin API failed", e);
            throw new ProblemException(ProblemKind.SERVICE_UNAVAILABLE,
                    "The identity provider cannot be reached now; nothing was changed", List.of(),
                    Map.of("Retry-After", "5"));
        }
    }

    private static ClientView view(OAuthClientRow row) {
        List<String> scopes = row.scopes.isBlank() ? List.of() : Arrays.asList(row.scopes.split(" "));
        return new ClientView(row.clientId, row.name, row.ownerTeam, row.contact, scopes, row.ratePlan, row.enabled,
                row.createdAt, row.updatedAt);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
