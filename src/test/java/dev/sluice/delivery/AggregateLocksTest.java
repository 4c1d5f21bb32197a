package dev.sluice.delivery;

import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.support.ApiTest;
import dev.sluice.support.KeycloakResource;
import dev.sluice.support.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Writes of one contract are numbered for delivery in the order they commit, whichever process
 * accepts them: a write waits while another process is accepting a write of the same contract,
 * which the test plays by holding that contract's lock in a transaction of its own.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KeycloakResource.class)
class AggregateLocksTest extends ApiTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String username;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @Test
    void aWriteWaitsWhileAnotherProcessIsAcceptingAWriteOfTheSameContract() throws Exception {
        String contractNumber = postedContract();
        String projectCode = postedProject(contractNumber);
        CompletableFuture<Response> write;
        try (Connection otherProcess = connect()) {
            otherProcess.setAutoCommit(false);
            try (PreparedStatement lock = otherProcess.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
                lock.setInt(1, AggregateLocks.SPACE);
                lock.setInt(2, AggregateLocks.key(Aggregates.contract(contractNumber)));
                lock.execute();
            }

            write = CompletableFuture.supplyAsync(() -> write("/api/v1/time-approvals",
                    timeApproval(timeEntry(unique("TE"), projectCode))));

            await("the write's acceptance waiting for the contract's lock").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50)).until(() -> waitingOnAdvisoryLocks() == 1);
            assertThat(write).as("the write, while the other process has not committed").isNotDone();
            otherProcess.commit();
        }
        Response accepted = write.get(30, TimeUnit.SECONDS);
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
        awaitFinal(accepted.header("Location"), "POSTED");
    }

    /** Backends waiting for an advisory lock, read afresh (a transaction sees one snapshot of them). */
    private long waitingOnAdvisoryLocks() throws SQLException {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement("select count(*) from pg_stat_activity"
                + " where datname = current_database() and wait_event_type = 'Lock' and wait_event = 'advisory'");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password.orElse(""));
    }
}
