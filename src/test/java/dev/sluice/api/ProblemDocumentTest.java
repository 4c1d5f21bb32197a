package dev.sluice.api;

import static dev.sluice.api.ProblemAssertions.assertNoLeaks;
import static dev.sluice.api.ProblemAssertions.assertProblem;
import static dev.sluice.api.ProblemAssertions.errors;
import static dev.sluice.support.Bodies.at;
import static dev.sluice.support.Bodies.contract;
import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies that are not JSON, requests no operation answers, unknown identifiers, and what every
 * problem carries (type, correlation id) and never carries (stack traces, class names, SQL).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class ProblemDocumentTest extends ApiTest {

    private static final String CORRELATION = "X-Correlation-Id";

    private static Response postRaw(String path, String body) {
        return json().header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post(path);
    }

    // --- bodies that are not (one) well-formed JSON value ------------------------------------

    @Test
    void rejectsMalformedJsonNamingLineAndColumn() {
        Response response = postRaw("/api/v1/time-approvals", "{\n  \"entries\": [,\n}");

        assertProblem(response, 400, "malformed-json");
        assertThat(response.jsonPath().getString("detail")).containsPattern("line 2, column \\d+");
    }

    @Test
    void rejectsBodyWithDuplicateMember() {
        Response response = postRaw("/api/v1/contracts",
                "{\"contractNumber\": \"" + unique("C") + "\", \"contractNumber\": \"" + unique("C") + "\"}");

        assertProblem(response, 400, "malformed-json");
        assertThat(response.jsonPath().getString("detail")).contains("contractNumber");
    }

    @Test
    void rejectsSecondJsonValueAfterTheBody() {
        String body = "{\"percentComplete\": \"50\", \"accepted\": false}\n{\"percentComplete\": \"60\", \"accepted\": false}";
        Response response = postRaw("/api/v1/projects/" + unique("P") + "/milestones/M1/completions", body);

        assertProblem(response, 400, "malformed-json");
    }

    @Test
    void rejectsGarbageAfterTheBody() {
        Response response = postRaw("/api/v1/projects/" + unique("P") + "/milestones/M1/completions",
                "{\"percentComplete\": \"50\", \"accepted\": false} trailing");

        assertProblem(response, 400, "malformed-json");
    }

    @Test
    void rejectsEmptyBodyOnWrite() {
        Response response = json().header("Idempotency-Key", UUID.randomUUID().toString()).body("")
                .post("/api/v1/projects");

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).contains(" REQUIRED");
    }

    // --- requests no operation answers ------------------------------------------------------

    @Test
    void rejectsBodyThatIsNotJsonMediaType() {
        Response response = given().contentType("text/plain").accept("application/json, application/problem+json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("contractNumber=C-1001")
                .post("/api/v1/contracts");

        assertProblem(response, 415, "unsupported-media-type");
        assertThat(response.jsonPath().getString("detail")).contains("text/plain");
    }

    @Test
    void answersUnknownRouteWithNoSuchRoute() {
        Response response = given().get("/api/v1/invoices/INV-1");

        assertProblem(response, 404, "no-such-route");
        assertThat(response.jsonPath().getString("instance")).isEqualTo("/api/v1/invoices/INV-1");
    }

    @Test
    void answersUnknownApiVersionWithNoSuchRoute() {
        assertProblem(given().get("/api/v2/contracts/C-1001"), 404, "no-such-route");
    }

    @Test
    void answersWrongMethodWithAllowListingTheDeclaredMethods() {
        Response response = given().get("/api/v1/contracts");

        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.header("Allow")).isEqualTo("POST");
    }

    @Test
    void listsTheAllowedMethodsWhenThePathHasATrailingSlash() {
        Response response = given().get("/api/v1/contracts/");

        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.header("Allow")).isEqualTo("POST");
    }

    @Test
    void answersDeleteOfAReadOnlyResourceWithAllowGet() {
        Response response = given().delete("/api/v1/projects/" + unique("P"));

        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.header("Allow")).isEqualTo("GET");
    }

    // --- unknown identifiers ----------------------------------------------------------------

    @Test
    void answersUnknownContractWithNotFound() {
        assertProblem(given().get("/api/v1/contracts/" + unique("C")), 404, "not-found");
    }

    @Test
    void answersUnknownProjectWithNotFound() {
        assertProblem(given().get("/api/v1/projects/" + unique("P")), 404, "not-found");
    }

    @Test
    void answersUnknownOperationWithNotFound() {
        assertProblem(given().get("/api/v1/operations/" + UUID.randomUUID()), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"customers/CUST-404", "employees/EMP-404", "items/NO-ITEM", "legal-entities/XX99",
            "currencies/XXX", "tax-codes/NO-TAX", "gl-accounts/9999"})
    void answersUnknownMasterDataRecordWithNotFound(String typeAndCode) {
        assertProblem(given().get("/api/v1/master-data/" + typeAndCode), 404, "not-found");
    }

    @Test
    void answersUnknownLineageCorrelationIdWithNotFound() {
        assertProblem(given().get("/api/v1/lineage/" + UUID.randomUUID()), 404, "not-found");
    }

    // --- nothing internal leaks -------------------------------------------------------------

    @Test
    void problemsRevealNoStackTraceClassNameOrSql() {
        Map<String, Object> wrongTypes = timeApproval(timeEntry(unique("TE"), unique("P")));
        at(wrongTypes, "entries", 0).put("version", "one");
        at(wrongTypes, "entries", 0).put("billable", "yes");
        Map<String, Object> impossibleDate = contract(unique("C"));
        impossibleDate.put("startDate", "2026-02-30");
        Map<String, Object> hugeNumber = contract(unique("C"));
        at(hugeNumber, "lines", 0).put("lineNumber", new java.math.BigInteger("123456789012345678901234567890"));

        List<Response> answers = List.of(
                postRaw("/api/v1/time-approvals", "{\"entries\": [{\"externalId\": }]}"),
                postRaw("/api/v1/contracts", "{\"a\": 1, \"a\": 2}"),
                json().header("Idempotency-Key", UUID.randomUUID().toString()).body(wrongTypes)
                        .post("/api/v1/time-approvals"),
                json().header("Idempotency-Key", UUID.randomUUID().toString()).body(impossibleDate)
                        .post("/api/v1/contracts"),
                json().header("Idempotency-Key", UUID.randomUUID().toString()).body(hugeNumber)
                        .post("/api/v1/contracts"),
                given().contentType("application/xml").body("<contract/>").post("/api/v1/contracts"),
                given().get("/api/v1/operations/not-a-uuid"),
                given().queryParam("limit", "99999999999999999999").get("/api/v1/master-data/customers"),
                given().queryParam("after", "%%%").get("/api/v1/master-data/customers"),
                given().get("/api/v1/contracts/" + unique("C")),
                given().get("/api/v1/nowhere"),
                given().put("/api/v1/time-approvals"));

        for (Response answer : answers) {
            assertThat(answer.statusCode()).as(answer.asString()).isBetween(400, 499);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertNoLeaks(answer);
        }
    }

    // --- correlation and trace context ------------------------------------------------------

    @Test
    void echoesTheCallersCorrelationIdInHeaderAndProblem() {
        String correlationId = "psa-" + UUID.randomUUID();

        Response response = given().header(CORRELATION, correlationId).get("/api/v1/contracts/" + unique("C"));

        assertProblem(response, 404, "not-found");
        assertThat(response.header(CORRELATION)).isEqualTo(correlationId);
        assertThat(response.jsonPath().getString("correlationId")).isEqualTo(correlationId);
    }

    @Test
    void generatesAUuidCorrelationIdWhenNoneIsSent() {
        Response response = given().get("/api/v1/projects/" + unique("P"));

        assertProblem(response, 404, "not-found");
        String generated = response.header(CORRELATION);
        assertThatCode(() -> UUID.fromString(generated)).as("a UUID: %s", generated).doesNotThrowAnyException();
        assertThat(response.jsonPath().getString("correlationId")).isEqualTo(generated);
    }

    @Test
    void echoesCorrelationIdOnSuccessfulAnswers() {
        String correlationId = "psa-" + UUID.randomUUID();

        Response response = given().header(CORRELATION, correlationId).get("/api/v1/master-data/currencies/USD");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header(CORRELATION)).isEqualTo(correlationId);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a-correlation-id-that-is-far-too-long-to-be-accepted-by-the-gateway-because-it-has-100-characters-x",
            "has spaces in it"})
    void rejectsInvalidCorrelationIdAndAnswersWithAGeneratedOne(String invalid) {
        Response response = given().header(CORRELATION, invalid).get("/api/v1/master-data/currencies/USD");

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).anyMatch(e -> e.startsWith("header:X-Correlation-Id "));
        String generated = response.header(CORRELATION);
        assertThat(generated).isNotEqualTo(invalid);
        assertThatCode(() -> UUID.fromString(generated)).as("a UUID: %s", generated).doesNotThrowAnyException();
        assertThat(response.jsonPath().getString("correlationId")).isEqualTo(generated);
    }

    @Test
    void rejectsMalformedTraceparent() {
        Response response = given().header("traceparent", "00-not-a-trace-01")
                .get("/api/v1/master-data/currencies/USD");

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsExactly("header:traceparent PATTERN");
    }

    @Test
    void acceptsWellFormedTraceparent() {
        given().header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .get("/api/v1/master-data/currencies/USD")
                .then().statusCode(200);
    }
}
