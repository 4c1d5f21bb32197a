package dev.sluice.api;

import static dev.sluice.api.ProblemAssertions.assertProblem;
import static dev.sluice.support.Bodies.contract;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.TestKeycloak;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bodies over {@code sluice.limits.max-body-bytes} are refused with 413, whether the caller
 * announces the length or streams the body chunked. Runs its own gateway with a 4 KiB limit.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
@TestProfile(BodySizeLimitTest.SmallBodyLimit.class)
class BodySizeLimitTest extends ApiTest {

    static final int LIMIT = 4096;

    @TestHTTPResource("/api/v1/contracts")
    URI contracts;

    public static class SmallBodyLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sluice.limits.max-body-bytes", Integer.toString(LIMIT));
        }
    }

    /** A valid contract, padded with whitespace (still the same JSON) to {@code size} bytes. */
    private static byte[] contractOfSize(int size) throws JsonProcessingException {
        String json = new ObjectMapper().writeValueAsString(contract(unique("C")));
        assertThat(json.length()).isLessThan(size);
        return (json + " ".repeat(size - json.length())).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rejectsBodyWhoseContentLengthIsOverTheLimit() throws Exception {
        Response response = json().header("Idempotency-Key", UUID.randomUUID().toString())
                .body(contractOfSize(LIMIT + 1))
                .post("/api/v1/contracts");

        assertProblem(response, 413, "payload-too-large");
        assertThat(response.jsonPath().getString("detail")).contains("at most " + LIMIT);
    }

    @Test
    void acceptsBodyOfExactlyTheLimit() throws Exception {
        Response response = json().header("Idempotency-Key", UUID.randomUUID().toString())
                .body(contractOfSize(LIMIT))
                .post("/api/v1/contracts");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
    }

    @Test
    void rejectsChunkedBodyThatGrowsOverTheLimit() throws Exception {
        HttpResponse<String> response = postChunked(contractOfSize(LIMIT * 3));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = new ObjectMapper().readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("https://sluice.dev/problems/payload-too-large");
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        // no length was announced: the limit was found while reading the body
        assertThat(problem.path("detail").asText()).contains("larger than the " + LIMIT + " bytes");
        assertThat(response.headers().firstValue("X-Correlation-Id")).isPresent();
    }

    @Test
    void acceptsChunkedBodyOfExactlyTheLimit() throws Exception {
        HttpResponse<String> response = postChunked(contractOfSize(LIMIT));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    /**
     * Posts with {@code Transfer-Encoding: chunked} and no Content-Length. RestAssured cannot:
     * it reads an InputStream body into memory and sends its length.
     */
    private HttpResponse<String> postChunked(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(contracts)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Authorization", "Bearer " + TestKeycloak.get().token(TestKeycloak.ALL_SCOPES))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }
}
