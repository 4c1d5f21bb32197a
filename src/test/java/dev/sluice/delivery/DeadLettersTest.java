package dev.sluice.delivery;

import static dev.sluice.support.Bodies.contract;
import static dev.sluice.support.Bodies.map;
import static dev.sluice.support.Bodies.project;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.support.ApiTest;
import dev.sluice.support.Faults;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.Metrics;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Dead letters: a write whose attempts run out holds its contract; operators find it, replay it
 * (the contract's later writes follow, in order) or discard it (they follow without it), and
 * every such action is in the audit log.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
@TestProfile(DeadLettersTest.TwoAttempts.class)
class DeadLettersTest extends ApiTest {

    public static class TwoAttempts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sluice.delivery.max-attempts", "2",
                    "sluice.delivery.initial-backoff", "PT0.05S",
                    "sluice.delivery.max-backoff", "PT0.1S",
                    "sluice.metrics.outbox-refresh", "PT0.2S");
        }
    }

    private static final String DEAD_LETTERS = "/admin/v1/dead-letters";

    @Inject
    CircuitBreakerMaintenance circuits;

    @AfterEach
    void clearFaults() {
        Faults.clear();
        circuits.resetAll();
    }

    @Test
    void aDeadLetterHoldsItsContractUntilReplayedAndThenEverythingPostsInOrder() {
        Held held = deadLetteredFirstWriteAndAHeldSecond();

        Response listed = given().queryParam("contractNumber", held.contractNumber).get(DEAD_LETTERS);
        listed.then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].operationId", equalTo(held.firstId))
                .body("items[0].errorCode", equalTo("UNREACHABLE"))
                .body("items[0].attempts", equalTo(2))
                .body("items[0].type", equalTo("PROJECT_UPSERT"));
        assertThat(given().get(held.second).<String>path("status")).as("the later write waits behind the dead letter")
                .isEqualTo("ACCEPTED");

        given().post(DEAD_LETTERS + "/" + held.firstId + "/replay").then().statusCode(200)
                .body("replayed", equalTo(1));

        Response first = awaitFinal(held.first, "POSTED");
        Response second = awaitFinal(held.second, "POSTED");
        assertThat(first.<String>path("postedAt")).isLessThanOrEqualTo(second.<String>path("postedAt"));
        assertThat(given().get("/api/v1/projects/" + held.projectCode).<String>path("name"))
                .as("the ERP holds the later write").isEqualTo("second");
        assertThat(given().get(DEAD_LETTERS).<List<String>>path("items.operationId")).doesNotContain(held.firstId);
        assertThat(given().queryParam("operation", "replayDeadLetter").get("/admin/v1/audit")
                .<List<String>>path("items.resource")).contains(held.firstId);
    }

    @Test
    void aDiscardedDeadLetterFailsAndItsContractMovesOn() {
        Held held = deadLetteredFirstWriteAndAHeldSecond();

        given().contentType("application/json").body(map("reason", "entered by hand in the ERP"))
                .post(DEAD_LETTERS + "/" + held.firstId + "/discard").then().statusCode(200)
                .body("status", equalTo("FAILED"));

        Response first = given().get(held.first);
        assertThat(first.<String>path("status")).isEqualTo("FAILED");
        assertThat(first.<String>path("problem.type")).isEqualTo("https://sluice.dev/problems/discarded");
        assertThat(first.<String>path("problem.detail")).isEqualTo("entered by hand in the ERP");
        awaitFinal(held.second, "POSTED");
        assertThat(given().queryParam("operation", "discardDeadLetter").get("/admin/v1/audit")
                .<List<String>>path("items.resource")).contains(held.firstId);
    }

    @Test
    void aFilteredReplayPutsBackEveryDeadLetterItSelects() {
        Held one = deadLetteredFirstWriteAndAHeldSecond();
        Held two = deadLetteredFirstWriteAndAHeldSecond();

        Response replayed = given().contentType("application/json").body(map("errorCode", "UNREACHABLE"))
                .post(DEAD_LETTERS + "/replay");

        replayed.then().statusCode(200);
        assertThat(replayed.<List<String>>path("operationIds")).contains(one.firstId, two.firstId);
        for (Held held : List.of(one, two)) {
            awaitFinal(held.first, "POSTED");
            awaitFinal(held.second, "POSTED");
        }
    }

    @Test
    void replayingOrDiscardingWhatIsNoDeadLetterIsNotFound() {
        String location = posted("/api/v1/contracts", contract(unique("C"))).path("operationId");
        given().post(DEAD_LETTERS + "/" + location + "/replay").then().statusCode(404);
        given().contentType("application/json").body(map("reason", "x"))
                .post(DEAD_LETTERS + "/" + location + "/discard").then().statusCode(404);
    }

    @Test
    void metricsShowTheDeadLetterTheOutboxBehindItAndTheFailedAttempts() {
        double unreachableBefore = Metrics.value("sluice_delivery_attempts_total", "backend=\"sandbox\"", "outcome=\"UNREACHABLE\"");

        Held held = deadLetteredFirstWriteAndAHeldSecond();

        // the oldest part's age reaches a second as time passes; the gauges refresh every 0.2 s
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(Metrics.value("sluice_dead_letters", "backend=\"sandbox\"")).as("dead letters").isEqualTo(1);
            assertThat(Metrics.value("sluice_outbox_depth", "backend=\"sandbox\"")).as("parts in the outbox: the dead letter and the write behind it")
                    .isEqualTo(2);
            assertThat(Metrics.value("sluice_outbox_oldest_age_seconds", "backend=\"sandbox\"")).as("age of the oldest part, s")
                    .isGreaterThanOrEqualTo(1);
        });
        assertThat(Metrics.value("sluice_delivery_attempts_total", "backend=\"sandbox\"", "outcome=\"UNREACHABLE\"") - unreachableBefore)
                .as("attempts the outage refused").isEqualTo(2);

        given().post(DEAD_LETTERS + "/" + held.firstId + "/replay").then().statusCode(200);
        awaitFinal(held.second, "POSTED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(Metrics.value("sluice_dead_letters", "backend=\"sandbox\"")).isZero();
            assertThat(Metrics.value("sluice_outbox_depth", "backend=\"sandbox\"")).isZero();
        });
    }

    // --- helpers -----------------------------------------------------------------------------

    private record Held(String contractNumber, String projectCode, String first, String firstId, String second) {
    }

    /** A project update dead-lettered while the ERP is out, and a second one of the same contract behind it. */
    private Held deadLetteredFirstWriteAndAHeldSecond() {
        String contractNumber = unique("C");
        String projectCode = unique("P");
        posted("/api/v1/contracts", contract(contractNumber));
        posted("/api/v1/projects", project(projectCode, contractNumber));
        Faults.set(Map.of("outage", true));
        Map<String, Object> first = project(projectCode, contractNumber);
        first.put("name", "first");
        Response accepted = write("/api/v1/projects", first);
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
        awaitFinal(accepted.header("Location"), "DEAD_LETTERED");
        Faults.clear();
        Map<String, Object> second = project(projectCode, contractNumber);
        second.put("name", "second");
        String secondLocation = write("/api/v1/projects", second).header("Location");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30))
                .until(() -> "ACCEPTED".equals(given().get(secondLocation).path("status")));
        return new Held(contractNumber, projectCode, accepted.header("Location"), accepted.path("operationId"),
                secondLocation);
    }
}
