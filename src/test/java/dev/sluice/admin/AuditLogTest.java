package dev.sluice.admin;

import static dev.sluice.support.Bodies.contract;
import static dev.sluice.support.Bodies.map;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.api.Cursors;
import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import dev.sluice.support.TestKeycloak;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The audit log: what it records of writes and admin actions, how it is read, what guards it. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class AuditLogTest extends ApiTest {

    private static final String AUDIT = "/admin/v1/audit";

    @Inject
    DataSource dataSource;

    @Test
    void anAcceptedWriteIsRecordedWithWhoWhatAndTheBodysDigest() {
        String correlationId = "audit-" + UUID.randomUUID();
        String contractNumber = unique("C");
        json().header("Idempotency-Key", UUID.randomUUID().toString()).header("X-Correlation-Id", correlationId)
                .body(contract(contractNumber)).post("/api/v1/contracts").then().statusCode(202);

        Response found = given().queryParam("correlationId", correlationId).get(AUDIT);

        found.then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].clientId", equalTo(TestKeycloak.ALL_SCOPES))
                .body("items[0].operation", equalTo("upsertContract"))
                .body("items[0].resource", equalTo(contractNumber))
                .body("items[0].status", equalTo(202));
        assertThat(found.<String>path("items[0].subject")).isNotBlank();
        assertThat(found.<String>path("items[0].bodySha256")).matches("[0-9a-f]{64}");
    }

    @Test
    void theSameBodyHasTheSameDigestWhicheverWayItsMembersAreOrdered() {
        String first = "audit-" + UUID.randomUUID();
        String second = "audit-" + UUID.randomUUID();
        Map<String, Object> body = contract(unique("C"));
        String reordered = "{\"lines\":" + toJson(body.get("lines")) + "," + toJson(body).substring(1)
                .replaceFirst(",\"lines\":\\[.*]}$", "}");
        json().header("Idempotency-Key", UUID.randomUUID().toString()).header("X-Correlation-Id", first)
                .body(body).post("/api/v1/contracts").then().statusCode(202);
        json().header("Idempotency-Key", UUID.randomUUID().toString()).header("X-Correlation-Id", second)
                .body(reordered).post("/api/v1/contracts").then().statusCode(202);

        assertThat(digestOf(second)).isEqualTo(digestOf(first));
    }

    @Test
    void adminActionsAreRecordedWhetherTheySucceedOrNot() {
        String correlationId = "audit-" + UUID.randomUUID();
        json().header("X-Correlation-Id", correlationId).body(map("name", "psa-demo", "ownerTeam", "t",
                "scopes", List.of("time:write"), "ratePlan", "standard", "contact", "t@example.com"))
                .post("/admin/v1/clients").then().statusCode(409);

        given().queryParam("correlationId", correlationId).get(AUDIT).then().statusCode(200)
                .body("items[0].operation", equalTo("registerClient"))
                .body("items[0].status", equalTo(409));
    }

    @Test
    void filtersByClientOperationAndTime() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        String other = "Bearer " + TestKeycloak.get().token(TestKeycloak.OTHER_CLIENT);
        json().header("Authorization", other).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(contract(unique("C"))).post("/api/v1/contracts").then().statusCode(202);

        Response byClient = given().queryParam("clientId", TestKeycloak.OTHER_CLIENT)
                .queryParam("operation", "upsertContract").queryParam("from", before.toString())
                .queryParam("limit", 200).get(AUDIT);

        byClient.then().statusCode(200);
        assertThat(byClient.<List<String>>path("items.clientId")).isNotEmpty().containsOnly(TestKeycloak.OTHER_CLIENT);
        assertThat(byClient.<List<String>>path("items.operation")).containsOnly("upsertContract");
        given().queryParam("clientId", TestKeycloak.OTHER_CLIENT).queryParam("to", before.toString()).get(AUDIT)
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void pagesFollowTheirNextLinkWithTheFiltersKept() {
        for (int i = 0; i < 3; i++) {
            json().header("Idempotency-Key", UUID.randomUUID().toString()).body(contract(unique("C")))
                    .post("/api/v1/contracts").then().statusCode(202);
        }
        Response first = given().queryParam("operation", "upsertContract").queryParam("limit", 2).get(AUDIT);
        String next = first.path("next");

        assertThat(next).contains("operation=upsertContract").contains("limit=2");
        Response second = given().get(next);
        second.then().statusCode(200);
        assertThat(second.<Integer>path("items[0].id")).isGreaterThan(first.<Integer>path("items[1].id"));
    }

    @Test
    void refusesACursorItDidNotHandOutOrThatHoldsNoRecordId() {
        for (int i = 0; i < 2; i++) {
            json().header("Idempotency-Key", UUID.randomUUID().toString()).body(contract(unique("C")))
                    .post("/api/v1/contracts").then().statusCode(202);
        }
        String handedOut = after(given().queryParam("limit", 1).get(AUDIT).path("next"));
        given().queryParam("limit", 1).queryParam("after", handedOut).get(AUDIT).then().statusCode(200);
        // the first character's six bits all carry data (the last one's may be padding)
        String flipped = (handedOut.charAt(0) == 'A' ? 'B' : 'A') + handedOut.substring(1);
        String ofAnotherKey = new Cursors(() -> "cursor-key-of-another-gateway-0123456").encode(1L);
        // signed by this gateway, but it continues after a customer number, not an audit record
        String ofCustomers = after(given().queryParam("limit", 1).get("/api/v1/master-data/customers").path("next"));

        for (String cursor : List.of(flipped, ofAnotherKey, ofCustomers)) {
            given().queryParam("after", cursor).get(AUDIT).then().statusCode(400)
                    .body("type", equalTo("https://sluice.dev/problems/invalid-request"))
                    .body("errors.size()", equalTo(1))
                    .body("errors[0].pointer", equalTo("query:after"))
                    .body("errors[0].code", equalTo("INVALID_CURSOR"));
        }
    }

    @Test
    void theChainVerifies() {
        json().header("Idempotency-Key", UUID.randomUUID().toString()).body(contract(unique("C")))
                .post("/api/v1/contracts").then().statusCode(202);

        Response verified = given().get(AUDIT + "/verify");

        verified.then().statusCode(200).body("valid", equalTo(true));
        assertThat(verified.<Integer>path("checked")).isPositive();
        assertThat(verified.<Object>path("firstBrokenId")).isNull();
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveARecord() throws Exception {
        json().header("Idempotency-Key", UUID.randomUUID().toString()).body(contract(unique("C")))
                .post("/api/v1/contracts").then().statusCode(202);

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(catchThrowable(() -> statement.executeUpdate("update audit_record set status = 200")))
                    .hasMessageContaining("append-only");
            assertThat(catchThrowable(() -> statement.executeUpdate("delete from audit_record")))
                    .hasMessageContaining("append-only");
            assertThat(catchThrowable(() -> statement.executeUpdate("truncate audit_record")))
                    .hasMessageContaining("append-only");
        }
    }

    private String digestOf(String correlationId) {
        return given().queryParam("correlationId", correlationId).get(AUDIT).path("items[0].bodySha256");
    }

    private static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cursor a {@code next} link continues after. */
    private static String after(String next) {
        assertThat(next).contains("after=");
        return next.substring(next.indexOf("after=") + "after=".length()).split("&")[0];
    }
}
