package dev.sluice.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real Keycloak the tests run against, started once per test JVM by {@code scripts/keycloak}
 * (the same script the run command uses) with an in-memory database, and stopped when the JVM
 * ends. On top of the development realm it registers the test clients and a signing key whose
 * private half the tests hold, so they can mint tokens the realm's JWKS vouches for.
 */
public final class TestKeycloak {

    /** Holds every API scope. */
    public static final String ALL_SCOPES = "sluice-test-all";
    /** Holds every API scope too: a second integrator, to test that clients do not see each other's writes. */
    public static final String OTHER_CLIENT = "sluice-test-other";
    /** Holds no scope at all. */
    public static final String NO_SCOPES = "sluice-test-none";
    public static final String SECRET = "test-secret";

    public static final List<String> API_SCOPES = List.of("contracts:read", "contracts:write", "projects:read",
            "projects:write", "time:write", "milestones:write", "operations:read", "masterdata:read", "lineage:read");
    public static final List<String> ADMIN_SCOPES = List.of("admin:clients", "admin:audit", "admin:operations");

    /**
     * Quarkus loads test classes anew for every test profile, so the one Keycloak of the run is
     * found through system properties, which every class loader of the JVM shares.
     */
    private static final String URL_PROPERTY = "sluice.test.keycloak.url";
    private static final String KEY_PROPERTY = "sluice.test.keycloak.signing-key";
    private static final String KID_PROPERTY = "sluice.test.keycloak.signing-kid";

    private static TestKeycloak running;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final Path pidFile;
    private final KeyPair signingKey;
    private String signingKeyId;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant refreshAt) {
    }

    private TestKeycloak(String baseUrl, Path pidFile, KeyPair signingKey) {
        this.baseUrl = baseUrl;
        this.pidFile = pidFile;
        this.signingKey = signingKey;
    }

    public static TestKeycloak get() {
        synchronized (System.getProperties()) {
            if (running == null) {
                running = System.getProperty(URL_PROPERTY) == null ? start() : attach();
            }
            return running;
        }
    }

    private static TestKeycloak attach() {
        try {
            String[] key = System.getProperty(KEY_PROPERTY).split(":");
            java.security.KeyFactory rsa = java.security.KeyFactory.getInstance("RSA");
            KeyPair pair = new KeyPair(
                    rsa.generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(key[0]))),
                    rsa.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(Base64.getDecoder().decode(key[1]))));
            TestKeycloak keycloak = new TestKeycloak(System.getProperty(URL_PROPERTY), null, pair);
            keycloak.signingKeyId = System.getProperty(KID_PROPERTY);
            return keycloak;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String issuer() {
        return baseUrl + "/realms/sluice";
    }

    public KeyPair signingKey() {
        return signingKey;
    }

    public String signingKeyId() {
        return signingKeyId;
    }

    /** An access token of a client (client credentials), reused until a minute before it expires. */
    public String token(String clientId, String secret) {
        Token token = tokens.get(clientId + ":" + secret);
        if (token == null || Instant.now().isAfter(token.refreshAt())) {
            JsonNode answer = tokenResponse(clientId, secret);
            token = new Token(answer.path("access_token").asText(),
                    Instant.now().plusSeconds(answer.path("expires_in").asLong() - 60));
            tokens.put(clientId + ":" + secret, token);
        }
        return token.value();
    }

    public String token(String clientId) {
        return token(clientId, SECRET);
    }

    /** The token endpoint's whole answer (a 4xx answer is returned too, for the tests that expect one). */
    public JsonNode tokenResponse(String clientId, String secret) {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(secret);
        return send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** Forgets cached tokens of a client, e.g. after its secret changed. */
    public void forget(String clientId) {
        tokens.keySet().removeIf(k -> k.startsWith(clientId + ":"));
    }

    private static TestKeycloak start() {
        Path project = Path.of("").toAbsolutePath();
        Path work = project.resolve("target/keycloak-test");
        try {
            Files.createDirectories(work);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path pidFile = work.resolve("keycloak.pid");
            Process script = new ProcessBuilder(project.resolve("scripts/keycloak").toString(), "start",
                    "--port", Integer.toString(port), "--in-memory", "--pid-file", pidFile.toString(),
                    "--log", work.resolve("keycloak.log").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("start.log").toFile())
                    .start();
            if (script.waitFor() != 0) {
                throw new IllegalStateException("scripts/keycloak start failed; see " + work.resolve("start.log")
                        + " and " + work.resolve("keycloak.log"));
            }
            TestKeycloak keycloak = new TestKeycloak("http://127.0.0.1:" + port, pidFile, newKeyPair());
            Runtime.getRuntime().addShutdownHook(new Thread(keycloak::stop, "test-keycloak-stop"));
            keycloak.prepare();
            System.setProperty(URL_PROPERTY, keycloak.baseUrl);
            System.setProperty(KEY_PROPERTY, Base64.getEncoder().encodeToString(keycloak.signingKey.getPublic().getEncoded())
                    + ":" + Base64.getEncoder().encodeToString(keycloak.signingKey.getPrivate().getEncoded()));
            System.setProperty(KID_PROPERTY, keycloak.signingKeyId);
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        try {
            new ProcessBuilder(Path.of("scripts/keycloak").toAbsolutePath().toString(), "stop", "--pid-file",
                    pidFile.toString()).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The test clients, and a signing key the tests hold, added to the development realm. */
    private void prepare() {
        String admin = adminToken();
        createClient(admin, ALL_SCOPES, concat(API_SCOPES, ADMIN_SCOPES));
        createClient(admin, OTHER_CLIENT, API_SCOPES);
        createClient(admin, NO_SCOPES, List.of());
        String realmId = send(adminRequest(admin, "/admin/realms/sluice").GET().build()).path("id").asText();
        Map<String, Object> component = Map.of(
                "name", "sluice-test-signing-key",
                "providerId", "rsa",
                "providerType", "org.keycloak.keys.KeyProvider",
                "parentId", realmId,
                "config", Map.of("priority", List.of("10"), "enabled", List.of("true"), "active", List.of("true"),
                        "algorithm", List.of("RS256"), "privateKey", List.of(pem())));
        send(adminRequest(admin, "/admin/realms/sluice/components").POST(body(component)).build());
        BigInteger modulus = ((RSAPublicKey) signingKey.getPublic()).getModulus();
        JsonNode keys = send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/certs")).GET().build());
        for (JsonNode key : keys.path("keys")) {
            if (new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText())).equals(modulus)) {
                signingKeyId = key.path("kid").asText();
            }
        }
        if (signingKeyId == null) {
            throw new IllegalStateException("The test signing key is not in the realm's JWKS");
        }
    }

    /**
     * Adds a new signing key to the realm, preferred over every other, as a key rotation does:
     * tokens issued from now on name a key id the gateway has not seen yet.
     */
    public void rotateSigningKey() {
        String admin = adminToken();
        String realmId = send(adminRequest(admin, "/admin/realms/sluice").GET().build()).path("id").asText();
        Map<String, Object> component = Map.of(
                "name", "sluice-test-rotated-key-" + System.nanoTime(),
                "providerId", "rsa-generated",
                "providerType", "org.keycloak.keys.KeyProvider",
                "parentId", realmId,
                "config", Map.of("priority", List.of(Long.toString(1000 + System.currentTimeMillis() % 1000)),
                        "enabled", List.of("true"), "active", List.of("true"), "algorithm", List.of("RS256")));
        send(adminRequest(admin, "/admin/realms/sluice/components").POST(body(component)).build());
        tokens.clear();
    }

    private void createClient(String admin, String clientId, List<String> scopes) {
        Map<String, Object> client = Map.of(
                "clientId", clientId,
                "enabled", true,
                "protocol", "openid-connect",
                "publicClient", false,
                "secret", SECRET,
                "serviceAccountsEnabled", true,
                "standardFlowEnabled", false,
                "directAccessGrantsEnabled", false,
                "defaultClientScopes", concat(List.of("sluice-api"), scopes));
        send(adminRequest(admin, "/admin/realms/sluice/clients").POST(body(client)).build());
    }

    private String adminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=admin";
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build()).path("access_token").asText();
    }

    private HttpRequest.Builder adminRequest(String token, String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500 || (response.statusCode() >= 300
                    && !request.uri().getPath().endsWith("/token"))) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.BodyPublisher body(Object value) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String pem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(signingKey.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
