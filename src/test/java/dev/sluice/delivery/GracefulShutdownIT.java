package dev.sluice.delivery;

import static dev.sluice.support.Bodies.contract;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.support.ApiTest;
import dev.sluice.support.Deployment;
import dev.sluice.support.Faults;
import dev.sluice.support.GatewayProcess;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A replica stopped as Kubernetes stops a pod (SIGTERM): its readiness goes down while it still
 * serves, so a load balancer can stop sending; it finishes what it is doing; and it hands the
 * deliveries it had claimed back at once, so another replica takes them over without waiting for
 * the leases to run out. Nothing is lost or doubled.
 */
class GracefulShutdownIT extends ApiTest {

    private static final int CONTRACTS = 16;
    /** Long enough that a lease left behind would hold its contract well past this test's waits. */
    private static final Map<String, String> DELIVERY = Map.of(
            "sluice.delivery.workers", "2",
            "sluice.delivery.batch-size", "8",
            "sluice.delivery.lease", "PT10M",
            "quarkus.shutdown.delay", "PT5S");

    @RegisterExtension
    final Deployment deployment = new Deployment();

    @Test
    void aStoppedReplicaStopsBeingReadyFinishesItsWorkAndHandsItsClaimsBack() throws Exception {
        GatewayProcess stopping = start("stopping");
        // each ERP call takes a second: the backlog outlasts the shutdown delay, in which the replica
        // still delivers, so the workers hold claims when delivery stops
        Faults.set(Map.of("fixedLatencyMs", 1000));
        List<String> contracts = new ArrayList<>();
        for (int i = 0; i < CONTRACTS; i++) {
            contracts.add(accepted(contract(unique("C"))));
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("select count(*) from outbox where lease_owner is not null") >= 4);

        stopping.terminate();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> given().baseUri(stopping.managementUrl()).get("/q/health/ready").statusCode() == 503);
        assertThat(stopping.alive()).as("the replica, while it reports not ready").isTrue();
        contracts.add(accepted(contract(unique("C"))));
        assertThat(stopping.awaitExit(Duration.ofSeconds(60))).as("exit status of the stopped replica").isZero();

        assertThat(count("select count(*) from outbox where lease_owner is not null"))
                .as("deliveries still leased to the stopped replica").isZero();
        assertThat(count("select count(*) from replica")).as("replicas counted alive once the only one stopped")
                .isZero();

        start("successor");
        Faults.clear();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                count("select count(*) from operation where status = 'POSTED'") == contracts.size());
        for (String contractNumber : contracts) {
            assertThat(count("select count(*) from sandbox.contract where contract_number = '" + contractNumber + "'"))
                    .as("contract %s in the ERP", contractNumber).isEqualTo(1);
        }
    }

    private GatewayProcess start(String name) {
        GatewayProcess gateway = deployment.start(name, DELIVERY);
        RestAssured.port = gateway.port();
        return gateway;
    }

    private static String accepted(Map<String, Object> body) {
        Response answer = json().header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .post("/api/v1/contracts");
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(202);
        return (String) body.get("contractNumber");
    }

    private long count(String sql) throws SQLException {
        return deployment.count(sql);
    }
}
