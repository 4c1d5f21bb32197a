package dev.sluice.erp.businesscentral;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The adapter names only what Business Central's API v2.0 $metadata defines, with the types it defines. */
class MetadataConformanceTest {

    private final VendorMetadata metadata = VendorMetadata.load();

    @Test
    void everyEntitySetPropertyAndActionTheAdapterUsesExistsInTheVendorMetadataWithItsType() {
        assertThat(metadata.registryProblems())
                .as("BcSchema names something BC's API v2.0 does not define as written")
                .isEmpty();
    }

    @Test
    void bodyCheckReportsAPropertyTheEntitySetDoesNotHave() throws Exception {
        // the check the write tests run over every body they capture must itself be able to fail
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        try {
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201)));
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + BcFixture.ROOT
                            + "projects")).POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"number\":\"C-1001\",\"customerNumber\":\"CUST-001\"}")).build(),
                    HttpResponse.BodyHandlers.discarding());
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + BcFixture.ROOT
                            + "timeRegistrationEntries")).POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"quantity\":\"7.5\"}")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(metadata.bodyProblems(server.getAllServeEvents()))
                    .anySatisfy(p -> assertThat(p).contains("has no property customerNumber"))
                    .anySatisfy(p -> assertThat(p).contains("quantity is Edm.Decimal"));
        } finally {
            server.stop();
        }
    }
}
