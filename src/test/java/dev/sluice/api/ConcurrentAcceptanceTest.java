package dev.sluice.api;

import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Writes that arrive together are stored together, in one transaction; each caller still gets
 * its own operation, its own answer to a repeat of its key, and its own audit record in one
 * unbroken chain.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class ConcurrentAcceptanceTest extends ApiTest {

    private static final int WRITERS = 48;

    @Test
    void manyWritesAtOnceAreEachAcceptedAnsweredAndAudited() {
        String projectCode = postedProject(postedContract());
        List<String> keys = IntStream.range(0, WRITERS).mapToObj(i -> UUID.randomUUID().toString()).toList();
        List<String> entries = IntStream.range(0, WRITERS).mapToObj(i -> unique("TE")).toList();
        long checkedBefore = given().get("/admin/v1/audit/verify").<Number>path("checked").longValue();

        ExecutorService callers = Executors.newFixedThreadPool(WRITERS);
        List<Response> answers;
        try {
            List<CompletableFuture<Response>> calls = IntStream.range(0, WRITERS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> json().header("Idempotency-Key", keys.get(i))
                            .body(timeApproval(timeEntry(entries.get(i), projectCode))).post("/api/v1/time-approvals"),
                            callers))
                    .toList();
            answers = calls.stream().map(CompletableFuture::join).toList();
        } finally {
            callers.shutdown();
        }

        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.asString()).isEqualTo(202));
        Set<String> operations = answers.stream().map(a -> a.<String>path("operationId")).collect(Collectors.toSet());
        assertThat(operations).hasSize(WRITERS);
        for (int i = 0; i < WRITERS; i += 7) {
            Response again = json().header("Idempotency-Key", keys.get(i))
                    .body(timeApproval(timeEntry(entries.get(i), projectCode))).post("/api/v1/time-approvals");
            assertThat(again.<String>path("operationId")).as("the repeat of key " + i)
                    .isEqualTo(answers.get(i).<String>path("operationId"));
        }
        awaitAllPosted(answers.stream().map(a -> a.header("Location")).toList(), Duration.ofSeconds(60));

        Response verified = given().get("/admin/v1/audit/verify");
        assertThat(verified.<Boolean>path("valid")).isTrue();
        assertThat(verified.<Number>path("checked").longValue()).isGreaterThanOrEqualTo(checkedBefore + WRITERS);
    }
}
