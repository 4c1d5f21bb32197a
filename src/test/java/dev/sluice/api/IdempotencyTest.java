package dev.sluice.api;

import static dev.sluice.support.Bodies.contract;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.delivery.IdempotencyKeys;
import dev.sluice.governance.AuditTrail;
import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import dev.sluice.support.TestKeycloak;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The Idempotency-Key matrix beyond plain repeats (DuplicatesTest): keys are per client, a key is
 * "in use" while its first request is being accepted, a refused request gives its key back, and
 * keys are forgotten after their retention.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class IdempotencyTest extends ApiTest {

    @Inject
    DataSource dataSource;

    @Inject
    IdempotencyKeys keys;

    @Test
    void twoClientsMayUseTheSameKey() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = contract(unique("C"));

        Response mine = json().header("Idempotency-Key", key).body(body).post("/api/v1/contracts");
        Response theirs = json().header("Idempotency-Key", key)
                .header("Authorization", "Bearer " + TestKeycloak.get().token(TestKeycloak.OTHER_CLIENT))
                .body(body).post("/api/v1/contracts");

        assertThat(mine.statusCode()).isEqualTo(202);
        assertThat(theirs.statusCode()).isEqualTo(202);
        assertThat(theirs.<String>path("operationId")).isNotEqualTo(mine.<String>path("operationId"));
    }

    @Test
    void aRepeatWhileTheFirstIsStillBeingAcceptedIsToldSo() throws Exception {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = contract(unique("C"));
        CompletableFuture<Response> first;
        try (Connection holder = dataSource.getConnection(); Statement lock = holder.createStatement()) {
            // accepting appends to the audit chain; holding its lock holds the first request mid-acceptance
            lock.execute("select pg_advisory_lock(" + AuditTrail.CHAIN_LOCK + ")");
            Response repeat;
            try {
                first = CompletableFuture.supplyAsync(() ->
                        json().header("Idempotency-Key", key).body(body).post("/api/v1/contracts"));
                repeat = awaitClaimedThenRepeat(key, body);
            } finally {
                lock.execute("select pg_advisory_unlock(" + AuditTrail.CHAIN_LOCK + ")");
            }
            assertThat(repeat.statusCode()).as(repeat.asString()).isEqualTo(409);
            assertThat(repeat.<String>path("type")).isEqualTo("https://sluice.dev/problems/idempotency-key-in-use");
            assertThat(repeat.header("Retry-After")).isEqualTo("1");
        }
        Response answered = first.get(30, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(202);
        Response again = json().header("Idempotency-Key", key).body(body).post("/api/v1/contracts");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.<String>path("operationId")).isEqualTo(answered.<String>path("operationId"));
    }

    @Test
    void aRefusedRequestGivesItsKeyBack() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = contract(unique("C"));
        body.put("customerNumber", "CUST-404");
        json().header("Idempotency-Key", key).body(body).post("/api/v1/contracts").then().statusCode(422);

        body.put("customerNumber", "CUST-001");
        Response corrected = json().header("Idempotency-Key", key).body(body).post("/api/v1/contracts");

        assertThat(corrected.statusCode()).as("the corrected request under the same key").isEqualTo(202);
    }

    @Test
    void anExpiredKeyIsForgottenByThePurge() throws Exception {
        String key = UUID.randomUUID().toString();
        json().header("Idempotency-Key", key).body(contract(unique("C"))).post("/api/v1/contracts")
                .then().statusCode(202);
        try (Connection connection = dataSource.getConnection(); PreparedStatement expire = connection.prepareStatement(
                "update idempotency_record set expires_at = now() - interval '1 second' where idempotency_key = ?")) {
            expire.setString(1, key);
            assertThat(expire.executeUpdate()).isEqualTo(1);
        }

        keys.purge();

        Response other = json().header("Idempotency-Key", key).body(contract(unique("C"))).post("/api/v1/contracts");
        assertThat(other.statusCode()).as("a new body under the forgotten key").isEqualTo(202);
    }

    @Test
    void aKeyIsKeptForTheConfiguredRetention() throws Exception {
        String key = UUID.randomUUID().toString();
        json().header("Idempotency-Key", key).body(contract(unique("C"))).post("/api/v1/contracts")
                .then().statusCode(202);
        try (Connection connection = dataSource.getConnection(); PreparedStatement read = connection.prepareStatement(
                "select extract(epoch from expires_at - created_at) from idempotency_record where idempotency_key = ?")) {
            read.setString(1, key);
            var row = read.executeQuery();
            row.next();
            assertThat(row.getDouble(1)).as("seconds kept").isEqualTo(24 * 3600.0);
        }
    }

    private Response awaitClaimedThenRepeat(String key, Map<String, Object> body) throws Exception {
        for (int i = 0; i < 200; i++) {
            try (Connection connection = dataSource.getConnection(); PreparedStatement claimed =
                    connection.prepareStatement("select state from idempotency_record where idempotency_key = ?")) {
                claimed.setString(1, key);
                var row = claimed.executeQuery();
                if (row.next() && "CLAIMED".equals(row.getString(1))) {
                    return json().header("Idempotency-Key", key).body(body).post("/api/v1/contracts");
                }
            }
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(25);
        }
        throw new AssertionError("the first request never claimed its key");
    }
}
