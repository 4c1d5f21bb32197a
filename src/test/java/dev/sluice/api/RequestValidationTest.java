package dev.sluice.api;

import static dev.sluice.api.ProblemAssertions.assertProblem;
import static dev.sluice.api.ProblemAssertions.errors;
import static dev.sluice.support.Bodies.acceptance;
import static dev.sluice.support.Bodies.at;
import static dev.sluice.support.Bodies.changeOrder;
import static dev.sluice.support.Bodies.contract;
import static dev.sluice.support.Bodies.project;
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
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests that do not match the contract's schemas and parameters: 400 invalid-request with
 * every violation listed at its pointer, and the headers every write shares (Idempotency-Key,
 * Prefer).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class RequestValidationTest extends ApiTest {

    private static Response writeWithKey(String key, String path, Object body) {
        return json().header("Idempotency-Key", key).body(body).post(path);
    }

    // --- body schema ------------------------------------------------------------------------

    @Test
    void rejectsMembersOfTheWrongType() {
        Map<String, Object> body = timeApproval(timeEntry(unique("TE"), unique("P")));
        at(body, "entries", 0).put("version", "one");
        at(body, "entries", 0).put("billable", "yes");

        Response response = write("/api/v1/time-approvals", body);

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsExactlyInAnyOrder(
                "/entries/0/version WRONG_TYPE",
                "/entries/0/billable WRONG_TYPE");
    }

    @Test
    void rejectsUnknownMemberAtItsPointer() {
        Map<String, Object> body = contract(unique("C"));
        at(body, "lines", 0).put("discount", "10.00");

        Response response = write("/api/v1/contracts", body);

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsExactly("/lines/0/discount UNKNOWN_FIELD");
    }

    @Test
    void rejectsUnknownTopLevelMember() {
        Map<String, Object> body = project(unique("P"), unique("C"));
        body.put("colour", "blue");

        Response response = write("/api/v1/projects", body);

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsExactly("/colour UNKNOWN_FIELD");
    }

    @Test
    void rejectsMissingRequiredMemberAtParentSlashMember() {
        Map<String, Object> body = contract(unique("C"));
        at(body, "lines", 0, "rates", 0).remove("hourlyRate");

        Response response = write("/api/v1/contracts", body);

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsExactly("/lines/0/rates/0/hourlyRate REQUIRED");
    }

    @Test
    void rejectsMoneyWithThreeDecimals() {
        Map<String, Object> body = contract(unique("C"));
        at(body, "lines", 0).put("notToExceed", "100000.000");

        Response response = write("/api/v1/contracts", body);

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsExactly("/lines/0/notToExceed PATTERN");
    }

    @Test
    void rejectsBusinessKeyWithASpace() {
        Map<String, Object> body = contract("C 1001");

        Response response = write("/api/v1/contracts", body);

        assertProblem(response, 400, "invalid-request");
        // the milestone codes the fixture derives from the contract number carry the space too
        assertThat(errors(response)).contains("/contractNumber PATTERN")
                .allMatch(e -> e.endsWith(" PATTERN"));
    }

    @Test
    void rejectsStringLongerThanItsMaxLength() {
        Map<String, Object> body = project(unique("P"), unique("C"));
        body.put("name", "n".repeat(201));

        Response response = write("/api/v1/projects", body);

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsExactly("/name TOO_LONG");
    }

    @Test
    void listsEverySchemaViolationOfOneRequest() {
        String projectCode = unique("P");
        Map<String, Object> body = timeApproval(timeEntry(unique("TE"), projectCode),
                timeEntry(unique("TE"), projectCode), timeEntry(unique("TE"), projectCode));
        at(body, "entries", 0).put("version", "one");
        at(body, "entries", 0).put("description", "d".repeat(1001));
        at(body, "entries", 1).remove("workDate");
        at(body, "entries", 1).put("overtime", true);
        at(body, "entries", 2).put("hours", "7.505");
        at(body, "entries", 2).put("employeeNumber", "EMP 001");

        Response response = write("/api/v1/time-approvals", body);

        assertProblem(response, 400, "invalid-request");
        assertThat(response.jsonPath().getString("detail")).isEqualTo("6 violations");
        assertThat(errors(response)).containsExactlyInAnyOrder(
                "/entries/0/version WRONG_TYPE",
                "/entries/0/description TOO_LONG",
                "/entries/1/workDate REQUIRED",
                "/entries/1/overtime UNKNOWN_FIELD",
                "/entries/2/hours PATTERN",
                "/entries/2/employeeNumber PATTERN");
    }

    @Test
    void listsHeaderAndBodyViolationsTogether() {
        Map<String, Object> body = project(unique("P"), unique("C"));
        body.remove("projectManager");

        Response response = json().header("traceparent", "not-a-traceparent").body(body).post("/api/v1/projects");

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsExactlyInAnyOrder(
                "header:Idempotency-Key REQUIRED",
                "header:traceparent PATTERN",
                "/projectManager REQUIRED");
    }

    // --- Idempotency-Key --------------------------------------------------------------------

    static Stream<Arguments> everyWrite() {
        String contractNumber = unique("C");
        String projectCode = unique("P");
        return Stream.of(
                Arguments.of("/api/v1/contracts", contract(contractNumber)),
                Arguments.of("/api/v1/contracts/" + contractNumber + "/change-orders", changeOrder(unique("CO"))),
                Arguments.of("/api/v1/projects", project(projectCode, contractNumber)),
                Arguments.of("/api/v1/time-approvals", timeApproval(timeEntry(unique("TE"), projectCode))),
                Arguments.of("/api/v1/projects/" + projectCode + "/milestones/M1/completions", acceptance()));
    }

    @ParameterizedTest
    @MethodSource("everyWrite")
    void rejectsWriteWithoutIdempotencyKey(String path, Map<String, Object> body) {
        Response response = json().body(body).post(path);

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsExactly("header:Idempotency-Key REQUIRED");
    }

    @Test
    void rejectsIdempotencyKeyLongerThan255Characters() {
        Response response = writeWithKey("k".repeat(256), "/api/v1/contracts", contract(unique("C")));

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).contains("header:Idempotency-Key TOO_LONG")
                .allMatch(e -> e.startsWith("header:Idempotency-Key "));
    }

    @Test
    void acceptsIdempotencyKeyOf255Characters() {
        Response response = writeWithKey("k".repeat(200) + UUID.randomUUID().toString().substring(0, 36)
                + "k".repeat(19), "/api/v1/contracts", contract(unique("C")));

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
    }

    @Test
    void treatsQuotedIdempotencyKeyAsTheSameKeyAsTheBareOne() {
        String key = "abc-123-" + UUID.randomUUID();
        Map<String, Object> body = contract(unique("C"));

        Response quoted = writeWithKey("\"" + key + "\"", "/api/v1/contracts", body);
        Response bare = writeWithKey(key, "/api/v1/contracts", body);

        assertThat(quoted.statusCode()).as(quoted.asString()).isEqualTo(202);
        assertThat(bare.statusCode()).as(bare.asString()).isEqualTo(202);
        assertThat(bare.jsonPath().getString("operationId")).isEqualTo(quoted.jsonPath().getString("operationId"));
        assertThat(bare.header("Location")).isEqualTo(quoted.header("Location"));
    }

    // --- path and query parameters ----------------------------------------------------------

    @Test
    void rejectsContractNumberPathParameterOutsideTheBusinessKeyPattern() {
        Response response = given().get("/api/v1/contracts/{contractNumber}", "C 1001");

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsExactly("path:contractNumber PATTERN");
    }

    @Test
    void rejectsWriteToContractNumberOutsideTheBusinessKeyPattern() {
        Response response = write("/api/v1/contracts/C!1001/change-orders", changeOrder(unique("CO")));

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsExactly("path:contractNumber PATTERN");
    }

    @Test
    void rejectsOperationIdThatIsNotAUuid() {
        Response response = given().get("/api/v1/operations/not-a-uuid");

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsExactly("path:operationId FORMAT");
    }

    @ParameterizedTest
    @CsvSource({"0, OUT_OF_RANGE", "201, OUT_OF_RANGE", "abc, WRONG_TYPE"})
    void rejectsPageLimitOutsideOneTo200(String limit, String code) {
        Response response = given().queryParam("limit", limit).get("/api/v1/master-data/customers");

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsExactly("query:limit " + code);
    }

    @Test
    void acceptsPageLimitOf200() {
        given().queryParam("limit", 200).get("/api/v1/master-data/employees").then().statusCode(200);
    }

    @Test
    void followsTheNextLinkOfAPage() {
        Response first = given().queryParam("limit", 1).get("/api/v1/master-data/customers");

        Response second = given().get(first.jsonPath().getString("next"));

        assertThat(second.statusCode()).as(second.asString()).isEqualTo(200);
        assertThat(second.jsonPath().getList("items.customerNumber", String.class)).hasSize(1)
                .doesNotContainAnyElementsOf(first.jsonPath().getList("items.customerNumber", String.class));
    }

    @Test
    void rejectsTamperedCursor() {
        String after = cursorAfterFirstCustomer();
        // the first character's six bits all carry data (the last one's may be padding)
        String tampered = (after.charAt(0) == 'A' ? 'B' : 'A') + after.substring(1);

        Response response = given().queryParam("limit", 1).queryParam("after", tampered)
                .get("/api/v1/master-data/customers");

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsExactly("query:after INVALID_CURSOR");
    }

    @Test
    void rejectsCursorThatIsNotBase64() {
        Response response = given().queryParam("after", "A").get("/api/v1/master-data/customers");

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsExactly("query:after INVALID_CURSOR");
    }

    private static String cursorAfterFirstCustomer() {
        String next = given().queryParam("limit", 1).get("/api/v1/master-data/customers").path("next");
        assertThat(next).contains("after=");
        return next.substring(next.indexOf("after=") + "after=".length()).split("&")[0];
    }

    // --- Prefer: wait -----------------------------------------------------------------------

    @Test
    void answers201WithThePostedOperationWhenPreferWaitIsHonoured() {
        String contractNumber = unique("C");
        posted("/api/v1/contracts", contract(contractNumber));

        Response response = json().header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Prefer", "wait=5")
                .body(project(unique("P"), contractNumber))
                .post("/api/v1/projects");

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        assertThat(response.jsonPath().getString("status")).isEqualTo("POSTED");
        assertThat(response.header("Preference-Applied")).isEqualTo("wait=5");
        assertThat(response.header("Location"))
                .isEqualTo("/api/v1/operations/" + response.jsonPath().getString("operationId"));
    }
}
