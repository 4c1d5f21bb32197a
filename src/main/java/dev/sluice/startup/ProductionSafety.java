package dev.sluice.startup;

import dev.sluice.erp.BackendSettings;
import dev.sluice.erp.routing.RoutingPolicy;
import dev.sluice.policy.PolicyFile;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What production refuses to start with, each problem one line naming the setting, its
 * environment variable, and what to do. Every problem is found before any is reported, so an
 * operator fixes a deployment in one round.
 *
 * <ul>
 * <li>no database: replicas must share one PostgreSQL; the embedded one is for development;</li>
 * <li>a secret missing, or equal to a value shipped in this repository (the development realm's
 * client secrets, the development cursor key), for the gateway or an ERP credential;</li>
 * <li>the OIDC issuer or the Keycloak admin URL on plain HTTP to anything but this host;</li>
 * <li>an ERP backend URL on plain HTTP;</li>
 * <li>the sandbox ERP routed without {@code sluice.sandbox.allow-in-production=true}.</li>
 * </ul>
 */
public final class ProductionSafety {

    static final String DATABASE_URL = "quarkus.datasource.jdbc.url";
    static final String ISSUER = "quarkus.oidc.auth-server-url";
    static final String ADMIN_URL = "quarkus.keycloak.admin-client.server-url";
    static final String ADMIN_SECRET = "quarkus.keycloak.admin-client.client-secret";
    static final String CURSOR_KEY = "sluice.cursors.signing-key";
    static final String ROUTING_FILE = "sluice.routing.file";
    static final String SANDBOX_OPT_IN = "sluice.sandbox.allow-in-production";

    /**
     * Values this repository publishes: the development realm's client secrets
     * ({@code policies/keycloak/sluice-realm.json}) and the development settings
     * ({@code development.properties}). Anyone can read them, so no deployment may use them.
     */
    static final Set<String> SHIPPED_SECRETS = Set.of("sluice-gateway-secret", "crm-demo-secret", "psa-demo-secret",
            "sluice-security-admin-secret", "development-only-cursor-signing-key-not-for-production");

    /** Secrets of the gateway itself; each must be set. */
    private static final List<String> REQUIRED_SECRETS = List.of(ADMIN_SECRET, CURSOR_KEY);
    /** Secrets the gateway reads when they are set. */
    private static final List<String> OPTIONAL_SECRETS = List.of("quarkus.oidc.credentials.secret",
            "quarkus.oidc.credentials.client-secret.value", "quarkus.datasource.password");

    private final Function<String, Optional<String>> setting;
    private final Function<String, String> environment;

    /**
     * @param setting a configuration key's value, as the gateway would read it
     * @param environment the environment variables ERP credential references name
     */
    public ProductionSafety(Function<String, Optional<String>> setting, Function<String, String> environment) {
        this.setting = key -> setting.apply(key).map(String::strip).filter(v -> !v.isEmpty());
        this.environment = environment;
    }

    /** Every problem found, in the order of the list above; empty when production may start. */
    public List<String> problems() {
        Set<String> problems = new LinkedHashSet<>();
        if (setting.apply(DATABASE_URL).isEmpty()) {
            problems.add(named(DATABASE_URL) + " is not set: production runs on a PostgreSQL server every replica"
                    + " shares (set _USERNAME and _PASSWORD too); the embedded database is for sluice.mode=development");
        }
        for (String key : REQUIRED_SECRETS) {
            Optional<String> value = setting.apply(key);
            if (value.isEmpty()) {
                problems.add(named(key) + " is not set: give it a secret of your own");
            }
        }
        for (String key : Stream.concat(REQUIRED_SECRETS.stream(), OPTIONAL_SECRETS.stream()).toList()) {
            setting.apply(key).filter(SHIPPED_SECRETS::contains).ifPresent(value -> problems.add(named(key)
                    + " is a value published in the Sluice repository for development: give it a secret of your own"));
        }
        identityProvider(ISSUER, problems);
        identityProvider(ADMIN_URL, problems);
        routing(problems);
        return List.copyOf(problems);
    }

    private void identityProvider(String key, Set<String> problems) {
        Optional<String> value = setting.apply(key);
        if (value.isEmpty()) {
            problems.add(named(key) + " is not set: name your identity provider (https)");
            return;
        }
        Optional<URI> uri = uri(value.get());
        if (uri.isEmpty()) {
            problems.add(named(key) + " is not a URL: " + value.get());
        } else if ("http".equalsIgnoreCase(uri.get().getScheme()) && !loopback(uri.get().getHost())) {
            problems.add(named(key) + " is plain HTTP to " + uri.get().getHost()
                    + ": tokens and client secrets would cross the network readable; use https");
        }
    }

    private void routing(Set<String> problems) {
        String file = setting.apply(ROUTING_FILE).orElse("policies/routing.yaml");
        RoutingPolicy policy;
        try {
            policy = RoutingPolicy.parse(file, Files.readString(Path.of(file)), environment);
        } catch (NoSuchFileException e) {
            problems.add(named(ROUTING_FILE) + ": " + file + " does not exist in " + Path.of("").toAbsolutePath());
            return;
        } catch (IOException e) {
            problems.add(named(ROUTING_FILE) + ": " + file + " cannot be read (" + e + ")");
            return;
        } catch (PolicyFile.InvalidPolicyException e) {
            problems.add(e.getMessage());
            return;
        }
        for (BackendSettings backend : policy.backends().values()) {
            backend.properties().forEach((key, value) -> {
                if (key.endsWith("url") && uri(value).map(u -> "http".equalsIgnoreCase(u.getScheme())).orElse(false)) {
                    problems.add(file + " /backends/" + backend.name() + "/" + key + " is plain HTTP (" + value
                            + "): ERP credentials and ledger data would cross the network readable; use https");
                }
                if (value.startsWith("env:") || value.startsWith("file:")) {
                    credential(backend, key).filter(SHIPPED_SECRETS::contains).ifPresent(shipped -> problems.add(file
                            + " /backends/" + backend.name() + "/" + key + " (" + value + ") is a value published in"
                            + " the Sluice repository for development: give it a secret of your own"));
                }
            });
        }
        boolean optedIn = setting.apply(SANDBOX_OPT_IN).map(Boolean::parseBoolean).orElse(false);
        if (policy.routesTo("sandbox") && !optedIn) {
            problems.add(file + " routes to the sandbox ERP, which posts to no ledger: route to your ERP, or, for a"
                    + " demonstration, set " + named(SANDBOX_OPT_IN) + " to true (every answer then says so)");
        }
    }

    private static Optional<String> credential(BackendSettings backend, String key) {
        try {
            return Optional.of(backend.secret(key));
        } catch (BackendSettings.InvalidBackendSettingsException unresolved) {
            return Optional.empty(); // the routing reports it at start-up
        }
    }

    private static Optional<URI> uri(String text) {
        try {
            URI uri = new URI(text);
            return uri.getScheme() == null || uri.getHost() == null ? Optional.empty() : Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** This host only: a name or an address that never leaves it. */
    static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    /** A key with the environment variable that sets it: {@code a.b-c (A_B_C)}. */
    static String named(String key) {
        return key + " (" + environmentName(key) + ")";
    }

    /** The environment variable that sets a configuration key: {@code a.b-c} is {@code A_B_C}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
