package dev.sluice.erp;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Two ERPs for one gateway: a WireMock NetSuite and a WireMock Business Central on dynamic
 * ports, stubbed as {@link NetSuiteStubs} and {@link BusinessCentralStubs} say, and a routing
 * file (from {@code erp/two-erps/routing.yaml}) in a temp dir sending US01 to the one and UK01
 * to the other, with the credentials in files beside it. The servers are injected into fields
 * annotated {@link NetSuite} and {@link BusinessCentral}.
 */
public class TwoErpsResource implements QuarkusTestResourceLifecycleManager {

    /** The WireMock NetSuite of backend {@code netsuite-us}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface NetSuite {
    }

    /** The WireMock Business Central of backend {@code business-central-uk}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface BusinessCentral {
    }

    private WireMockServer netsuite;
    private WireMockServer businessCentral;
    private Path directory;

    @Override
    public Map<String, String> start() {
        netsuite = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        businessCentral = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        netsuite.start();
        businessCentral.start();
        NetSuiteStubs.stub(netsuite);
        BusinessCentralStubs.stub(businessCentral);
        try {
            directory = Files.createTempDirectory("sluice-two-erps");
            Map<String, String> values = Map.of(
                    "netsuite.base-url", netsuite.baseUrl(),
                    "netsuite.client-id-file", secret("netsuite-client-id", "two-erps-netsuite-client").toString(),
                    "netsuite.private-key-file", secret("netsuite-key.pem", privateKeyPem()).toString(),
                    "bc.base-url", businessCentral.baseUrl(),
                    "bc.tenant", BusinessCentralStubs.TENANT,
                    "bc.company", BusinessCentralStubs.COMPANY,
                    "bc.client-id-file", secret("bc-client-id", "9b2d6c1e-two-erps-app").toString(),
                    "bc.client-secret-file", secret("bc-client-secret", "two-erps-secret").toString());
            String routing = template();
            for (Map.Entry<String, String> value : values.entrySet()) {
                routing = routing.replace("${" + value.getKey() + "}", value.getValue());
            }
            Path file = directory.resolve("routing.yaml");
            Files.writeString(file, routing);
            return Map.of("sluice.routing.file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(netsuite,
                new TestInjector.AnnotatedAndMatchesType(NetSuite.class, WireMockServer.class));
        injector.injectIntoFields(businessCentral,
                new TestInjector.AnnotatedAndMatchesType(BusinessCentral.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (netsuite != null) {
            netsuite.stop();
        }
        if (businessCentral != null) {
            businessCentral.stop();
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp dir left behind harms nothing
            }
        }
    }

    private Path secret(String name, String value) throws IOException {
        return Files.writeString(directory.resolve(name), value + "\n");
    }

    private static String template() throws IOException {
        try (InputStream in = TwoErpsResource.class.getResourceAsStream("/erp/two-erps/routing.yaml")) {
            if (in == null) {
                throw new IllegalStateException("erp/two-erps/routing.yaml is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A fresh RSA key as NetSuite's M2M set-up takes it: PEM PKCS#8. */
    private static String privateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
