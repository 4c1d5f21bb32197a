package dev.sluice.admin;

import static dev.sluice.support.Bodies.contract;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.support.ApiTest;
import dev.sluice.governance.AuditWatch;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.Metrics;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Someone with database access changes an audit record behind the trigger's back; verify finds
 * it. In a database of its own (a profile of its own), so the broken chain troubles no other test.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
@TestProfile(AuditTamperingTest.OwnDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTamperingTest extends ApiTest {

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sluice.test.profile", "audit-tampering");
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    AuditWatch watch;

    @Test
    @Order(1)
    void verifyFindsARecordChangedDirectlyInTheDatabaseAndHoldsAgainOnceItIsRestored() throws Exception {
        for (int i = 0; i < 3; i++) {
            json().header("Idempotency-Key", UUID.randomUUID().toString()).body(contract(unique("C")))
                    .post("/api/v1/contracts").then().statusCode(202);
        }
        given().get("/admin/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
        long tampered;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            ResultSet second = statement.executeQuery("select id from audit_record order by id offset 1 limit 1");
            second.next();
            tampered = second.getLong(1);
            // as a superuser can: with triggers off for this session
            statement.execute("set session_replication_role = replica");
            statement.executeUpdate("update audit_record set status = status + 1 where id = " + tampered);
        }

        double brokenBefore = Metrics.value("sluice_audit_verifications_total", "result=\"broken\"");
        given().get("/admin/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("firstBrokenId", equalTo((int) tampered));
        assertThat(Metrics.value("sluice_audit_verifications_total", "result=\"broken\""))
                .as("broken verifications counted").isEqualTo(brokenBefore + 1);
        // the scheduled walk publishes it, for the alert on the chain
        watch.verify();
        assertThat(Metrics.value("sluice_audit_chain_intact")).isZero();

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("set session_replication_role = replica");
            statement.executeUpdate("update audit_record set status = status - 1 where id = " + tampered);
        }
        given().get("/admin/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
        watch.verify();
        assertThat(Metrics.value("sluice_audit_chain_intact")).isEqualTo(1);
        assertThat(Metrics.value("sluice_audit_records_verified")).isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(2)
    void verifyFindsARecordRemovedDirectlyFromTheDatabase() throws Exception {
        for (int i = 0; i < 3; i++) {
            json().header("Idempotency-Key", UUID.randomUUID().toString()).body(contract(unique("C")))
                    .post("/api/v1/contracts").then().statusCode(202);
        }
        long removed;
        long following;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            ResultSet last = statement.executeQuery("select id from audit_record order by id desc limit 2");
            last.next();
            following = last.getLong(1);
            last.next();
            removed = last.getLong(1);
            statement.execute("set session_replication_role = replica");
            statement.executeUpdate("delete from audit_record where id = " + removed);
        }

        given().get("/admin/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("firstBrokenId", equalTo((int) following));
    }
}
