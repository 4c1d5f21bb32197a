package dev.sluice.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the HTTP tests: requests carry a token of the all-scopes test client (see
 * {@link BearerTokens}), every answer is checked against the contract, and writes get a fresh
 * Idempotency-Key unless a test gives one. Business keys are made unique per test so tests
 * sharing one gateway do not see each other's documents.
 */
public abstract class ApiTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @BeforeAll
    static void authenticateAndCheckEveryAnswerAgainstTheContract() {
        if (RestAssured.filters().stream().noneMatch(f -> f instanceof ContractConformance)) {
            RestAssured.filters(new BearerTokens(), new ContractConformance());
        }
    }

    /** A business key no other test uses, e.g. {@code C-7f3a2b}. */
    protected static String unique(String prefix) {
        return prefix + "-" + Integer.toString(SEQUENCE.incrementAndGet(), 36) + UUID.randomUUID().toString().substring(0, 6);
    }

    protected static RequestSpecification json() {
        return given().contentType(ContentType.JSON).accept("application/json, application/problem+json");
    }

    protected static Response write(String path, Object body) {
        return json().header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post(path);
    }

    /** Writes and waits until the ERP posted it; fails when it did not. */
    protected static Response posted(String path, Object body) {
        Response accepted = write(path, body);
        if (accepted.statusCode() != 202) {
            throw new AssertionError(path + " was not accepted: " + accepted.asString());
        }
        return awaitFinal(accepted.header("Location"), "POSTED");
    }

    /** A contract shaped like {@link Bodies#contract}, posted to the ERP; answers its number. */
    protected static String postedContract() {
        String contractNumber = unique("C");
        posted("/api/v1/contracts", Bodies.contract(contractNumber));
        return contractNumber;
    }

    /** A project shaped like {@link Bodies#project} on the contract, posted to the ERP; answers its code. */
    protected static String postedProject(String contractNumber) {
        String projectCode = unique("P");
        posted("/api/v1/projects", Bodies.project(projectCode, contractNumber));
        return projectCode;
    }

    protected static String completions(String projectCode, String milestoneCode) {
        return "/api/v1/projects/" + projectCode + "/milestones/" + milestoneCode + "/completions";
    }

    /** Waits until every operation is POSTED; fails at once when one ends FAILED or DEAD_LETTERED. */
    protected static void awaitAllPosted(List<String> locations, Duration limit) {
        await().atMost(limit).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (String location : locations) {
                String status = given().get(location).path("status");
                if ("FAILED".equals(status) || "DEAD_LETTERED".equals(status)) {
                    throw new IllegalStateException(location + " finished " + status + ": "
                            + given().get(location).asString());
                }
                if (!"POSTED".equals(status)) {
                    throw new AssertionError(location + " is " + status + ", not yet POSTED");
                }
            }
        });
    }

    protected static Response awaitFinal(String location, String expectedStatus) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            String status = given().get(location).path("status");
            return !"ACCEPTED".equals(status) && !"DELIVERING".equals(status);
        });
        Response operation = given().get(location);
        String status = operation.path("status");
        if (!expectedStatus.equals(status)) {
            throw new AssertionError(location + " finished " + status + ", expected " + expectedStatus + ": "
                    + operation.asString());
        }
        return operation;
    }
}
