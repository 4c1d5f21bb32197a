package dev.sluice.api;

import static dev.sluice.support.Bodies.acceptance;
import static dev.sluice.support.Bodies.at;
import static dev.sluice.support.Bodies.changeOrder;
import static dev.sluice.support.Bodies.contract;
import static dev.sluice.support.Bodies.map;
import static dev.sluice.support.Bodies.milestone;
import static dev.sluice.support.Bodies.project;
import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Duplicates of every write. A repeated Idempotency-Key is answered by the gateway from its
 * idempotency record; the same content under a new key is a new operation that reaches the ERP,
 * where the sandbox recognises it and changes nothing.
 *
 * <p>Not covered: two different clients using the same key. Until callers authenticate every
 * request belongs to the one client {@code anonymous}, so a second client cannot be simulated.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class DuplicatesTest extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERP_REFUSED = "https://sluice.dev/problems/erp-refused";
    private static final String KEY_REUSED = "https://sluice.dev/problems/idempotency-key-reused";

    @Inject
    DataSource dataSource;

    /** The five writes of the API. */
    enum Kind { CONTRACT, CHANGE_ORDER, PROJECT, TIME_APPROVAL, MILESTONE_COMPLETION }

    /** One write ready to send; what it needs in the ERP is already posted. */
    private record Write(String path, Map<String, Object> body) {
    }

    // --- a) same key, same body ------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theSameKeyAndBodyAnswerTheFirstAnswerAgain(Kind kind) throws Exception {
        Write write = fresh(kind);
        String key = UUID.randomUUID().toString();
        Response first = send(key, write.path(), write.body());
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(202);
        awaitFinal(first.header("Location"), "POSTED");

        Response repeat = send(key, write.path(), write.body());

        assertThat(repeat.statusCode()).isEqualTo(first.statusCode());
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
        assertThat(tree(repeat)).isEqualTo(tree(first));
    }

    @Test
    void aRepeatOfAWriteThatWaitedForTheErpAnswersTheFinished201Again() throws Exception {
        Map<String, Object> body = contract(unique("C"));
        String key = UUID.randomUUID().toString();
        Response first = json().header("Idempotency-Key", key).header("Prefer", "wait=10").body(body)
                .post("/api/v1/contracts");
        assertThat(first.statusCode()).as("the ERP posted it within the wait").isEqualTo(201);

        Response repeat = send(key, "/api/v1/contracts", body);

        assertThat(repeat.statusCode()).isEqualTo(201);
        assertThat(tree(repeat)).isEqualTo(tree(first));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRepeatedKeyPostsNothingAgain(Kind kind) {
        Write write = fresh(kind);
        String key = UUID.randomUUID().toString();
        String correlationId = unique("dup");
        Response first = send(key, correlationId, write.path(), write.body());
        send(key, correlationId, write.path(), write.body());
        awaitFinal(first.header("Location"), "POSTED");
        send(key, correlationId, write.path(), write.body());

        List<Map<String, Object>> steps = given().get("/api/v1/lineage/" + correlationId).then().statusCode(200)
                .extract().path("steps");
        assertThat(steps).extracting(s -> s.get("operationId")).containsOnly(first.<String>path("operationId"));
        assertThat(steps).extracting(s -> s.get("step")).containsOnlyOnce("ACCEPTED", "POSTED");
    }

    // --- b) same key, another request -------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theSameKeyWithAnotherBodyIsRefused(Kind kind) {
        Write write = fresh(kind);
        String key = UUID.randomUUID().toString();
        send(key, write.path(), write.body()).then().statusCode(202);

        Response other = send(key, write.path(), otherBody(kind, write.body()));

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.<String>path("type")).isEqualTo(KEY_REUSED);
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"CHANGE_ORDER", "MILESTONE_COMPLETION"})
    void theSameKeyAndBodyOnAnotherPathIsRefused(Kind kind) {
        Write write = fresh(kind);
        String key = UUID.randomUUID().toString();
        send(key, write.path(), write.body()).then().statusCode(202);

        Response other = send(key, otherPath(kind, write.path()), write.body());

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.<String>path("type")).isEqualTo(KEY_REUSED);
    }

    @Test
    void theSameKeyAndBodyOnAnotherOperationIsRefused() {
        String contractNumber = unique("C");
        posted("/api/v1/contracts", contract(contractNumber));
        String key = UUID.randomUUID().toString();
        Map<String, Object> order = changeOrder(unique("CO"));
        send(key, "/api/v1/contracts/" + contractNumber + "/change-orders", order).then().statusCode(202);
        String projectCode = unique("P");

        Response other = send(key, "/api/v1/projects", project(projectCode, contractNumber));

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.<String>path("type")).isEqualTo(KEY_REUSED);
    }

    // --- c) same content, new key -------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"CONTRACT", "CHANGE_ORDER", "PROJECT", "MILESTONE_COMPLETION"})
    void theSameContentUnderANewKeyIsANewOperation(Kind kind) {
        Write write = fresh(kind);
        Response first = posted(write.path(), write.body());

        Response second = posted(write.path(), write.body());

        assertThat(second.<String>path("operationId")).isNotEqualTo(first.<String>path("operationId"));
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"CONTRACT", "CHANGE_ORDER", "PROJECT", "MILESTONE_COMPLETION"})
    void theSameContentUnderANewKeyNamesTheSameErpDocument(Kind kind) {
        Write write = fresh(kind);
        Response first = posted(write.path(), write.body());

        Response second = posted(write.path(), write.body());

        assertThat(second.<List<Object>>path("erpReferences")).hasSize(1);
        assertThat(second.<String>path("erpReferences[0].documentType"))
                .isEqualTo(first.<String>path("erpReferences[0].documentType"));
        assertThat(second.<String>path("erpReferences[0].documentId"))
                .isEqualTo(first.<String>path("erpReferences[0].documentId"));
    }

    /** The sandbox journals every document revision it posts, with the operation that caused it. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void theSameContentUnderANewKeyJournalsNothingInTheErp(Kind kind) throws SQLException {
        Write write = fresh(kind);
        Response first = posted(write.path(), write.body());

        Response second = posted(write.path(), write.body());

        assertThat(documentsPostedBy(first.path("operationId"))).isEqualTo(1);
        assertThat(documentsPostedBy(second.path("operationId"))).isZero();
    }

    @Test
    void theSameTimeEntryVersionAgainPostsNoNewDocument() {
        String projectCode = postedProject(postedContract());
        Map<String, Object> approval = timeApproval(timeEntry(unique("TE"), projectCode));
        assertThat(posted("/api/v1/time-approvals", approval).<List<Object>>path("erpReferences")).hasSize(1);

        Response again = posted("/api/v1/time-approvals", approval);

        assertThat(again.<List<Object>>path("erpReferences")).isEmpty();
    }

    @Test
    void aHigherTimeEntryVersionPostsANewDocument() {
        String projectCode = postedProject(postedContract());
        Map<String, Object> entry = timeEntry(unique("TE"), projectCode);
        Response first = posted("/api/v1/time-approvals", timeApproval(entry));
        Map<String, Object> correction = map();
        correction.putAll(entry);
        correction.put("version", 2);
        correction.put("hours", "6.00");

        Response corrected = posted("/api/v1/time-approvals", timeApproval(correction));

        assertThat(corrected.<List<String>>path("erpReferences.documentType")).containsExactly("TIME_ENTRY");
        assertThat(corrected.<String>path("erpReferences[0].documentId"))
                .isNotEqualTo(first.<String>path("erpReferences[0].documentId"));
    }

    // --- d) a change order number reused with other terms --------------------------------------

    @Test
    void aChangeOrderNumberReusedWithOtherTermsIsRefusedByTheErp() {
        String contractNumber = postedContract();
        String path = "/api/v1/contracts/" + contractNumber + "/change-orders";
        String number = unique("CO");
        posted(path, changeOrder(number));
        Map<String, Object> otherTerms = changeOrder(number);
        at(otherTerms, "lineChanges", 0).put("amountDelta", "99000.00");

        Response refused = awaitFinal(write(path, otherTerms).header("Location"), "FAILED");

        assertThat(refused.<String>path("problem.type")).isEqualTo(ERP_REFUSED);
        assertThat(refused.<List<String>>path("problem.errors.code")).contains("CHANGE_ORDER_CONFLICT");
    }

    // --- fixtures ------------------------------------------------------------------------------

    private Write fresh(Kind kind) {
        return switch (kind) {
            case CONTRACT -> new Write("/api/v1/contracts", contract(unique("C")));
            case CHANGE_ORDER -> new Write("/api/v1/contracts/" + postedContract() + "/change-orders",
                    changeOrder(unique("CO")));
            case PROJECT -> new Write("/api/v1/projects", project(unique("P"), postedContract()));
            case TIME_APPROVAL -> new Write("/api/v1/time-approvals",
                    timeApproval(timeEntry(unique("TE"), postedProject(postedContract()))));
            case MILESTONE_COMPLETION -> {
                String contractNumber = postedContract();
                String projectCode = postedProject(contractNumber);
                yield new Write(completions(projectCode, milestone(contractNumber, "M1")), acceptance());
            }
        };
    }

    /** The same write with one member changed; still a valid request. */
    private static Map<String, Object> otherBody(Kind kind, Map<String, Object> body) {
        Map<String, Object> other = deepCopy(body);
        switch (kind) {
            case CONTRACT, CHANGE_ORDER, PROJECT -> other.put("description", "changed");
            case TIME_APPROVAL -> at(other, "entries", 0).put("hours", "6.00");
            case MILESTONE_COMPLETION -> other.put("note", "changed");
        }
        return other;
    }

    /** Another path of the same operation the body is valid for. */
    private String otherPath(Kind kind, String path) {
        return switch (kind) {
            case CHANGE_ORDER -> "/api/v1/contracts/" + postedContract() + "/change-orders";
            case MILESTONE_COMPLETION -> path.replace("-M1/completions", "-M2/completions");
            default -> throw new IllegalArgumentException(kind + " has one path only");
        };
    }

    private static Response send(String key, String path, Object body) {
        return json().header("Idempotency-Key", key).body(body).post(path);
    }

    private static Response send(String key, String correlationId, String path, Object body) {
        return json().header("Idempotency-Key", key).header("X-Correlation-Id", correlationId).body(body).post(path);
    }

    private static JsonNode tree(Response response) throws Exception {
        return JSON.readTree(response.asString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> body) {
        return JSON.convertValue(body, Map.class);
    }

    private int documentsPostedBy(String operationId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from sandbox.document where operation_id = ?")) {
            query.setObject(1, UUID.fromString(operationId));
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
