package dev.sluice.platform;

import static dev.sluice.support.Bodies.contract;
import static dev.sluice.support.Bodies.project;
import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static dev.sluice.support.Bodies.workedOn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.support.ApiTest;
import dev.sluice.support.GatewayProcess;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway on its embedded defaults, as {@code scripts/run} starts it, killed with SIGKILL in
 * the middle of a stream of writes and started again at once: it starts on the first try (the
 * database server the killed process left running is stopped first), and every write it
 * acknowledged reaches the ERP exactly once.
 */
class EmbeddedRestartIT extends ApiTest {

    /** Writes in the stream: per contract, the contract, its project and one time batch. */
    private static final int CONTRACTS = 12;
    private static final BigDecimal RATE = new BigDecimal("150.00");

    private final Path data = Path.of("target/embedded-restart", UUID.randomUUID().toString()).toAbsolutePath();
    private final List<GatewayProcess> gateways = new ArrayList<>();

    @AfterEach
    void stop() {
        gateways.forEach(GatewayProcess::close);
        RestAssured.port = RestAssured.DEFAULT_PORT;
    }

    @Test
    void aGatewayKilledMidStreamStartsAgainAtOnceAndEveryAcknowledgedWritePostsOnce() throws Exception {
        AtomicReference<GatewayProcess> current = new AtomicReference<>(start("embedded-1"));
        assertThat(setting("fsync")).as("fsync of the embedded database").isEqualTo("on");
        assertThat(setting("synchronous_commit")).as("synchronous_commit of the embedded database").isEqualTo("on");

        AtomicInteger acknowledged = new AtomicInteger();
        List<String> contracts = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            for (int c = 0; c < CONTRACTS; c++) {
                String contractNumber = unique("C");
                String projectCode = unique("P");
                send(current, "/api/v1/contracts", contract(contractNumber));
                acknowledged.incrementAndGet();
                send(current, "/api/v1/projects", project(projectCode, contractNumber));
                acknowledged.incrementAndGet();
                send(current, "/api/v1/time-approvals", timeApproval(
                        workedOn(hour(projectCode), "2026-03-02"), workedOn(hour(projectCode), "2026-03-03")));
                acknowledged.incrementAndGet();
                contracts.add(contractNumber);
            }
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= 10);
        long serverOfTheKilled = postmasterPid();
        current.get().kill();
        assertThat(ProcessHandle.of(serverOfTheKilled).map(ProcessHandle::isAlive))
                .as("the killed gateway's database server, left running").contains(true);

        current.set(start("embedded-2"));
        assertThat(ProcessHandle.of(serverOfTheKilled).map(ProcessHandle::isAlive).orElse(false))
                .as("the orphaned database server, once the gateway started again").isFalse();
        stream.get();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                count("select count(*) from operation where status = 'POSTED'") == 3L * CONTRACTS);
        assertThat(count("select count(*) from operation")).as("operations: each acknowledged write once")
                .isEqualTo(3L * CONTRACTS);
        assertThat(count("select count(*) from outbox")).as("outbox parts left").isZero();
        for (String contractNumber : contracts) {
            assertThat(count("select count(*) from sandbox.contract where contract_number = '" + contractNumber + "'"))
                    .as("contract %s in the ERP", contractNumber).isEqualTo(1);
        }
        assertThat(count("select count(*) from sandbox.time_entry")).as("time entries in the ERP")
                .isEqualTo(2L * CONTRACTS);
        assertThat(single("select coalesce(sum(amount), 0) from sandbox.posting where kind = 'REVENUE'", BigDecimal.class))
                .as("revenue recognised for %d entries of one hour", 2 * CONTRACTS)
                .isEqualByComparingTo(RATE.multiply(BigDecimal.valueOf(2L * CONTRACTS)));
    }

    private GatewayProcess start(String name) {
        GatewayProcess gateway = GatewayProcess.start(name, Map.of(),
                Map.of("sluice.embedded-database.data-directory", data.toString()));
        gateways.add(gateway);
        RestAssured.port = gateway.port();
        return gateway;
    }

    /**
     * Sends a write until the gateway acknowledges it, as a client behind a load balancer does:
     * a connection that fails (the process died) is tried again, with the same Idempotency-Key,
     * at whichever gateway runs now.
     */
    private static void send(AtomicReference<GatewayProcess> gateway, String path, Map<String, Object> body) {
        String key = UUID.randomUUID().toString();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            Response answer = given().port(gateway.get().port()).contentType(ContentType.JSON)
                    .accept("application/json, application/problem+json").header("Idempotency-Key", key)
                    .body(body).post(path);
            assertThat(answer.statusCode()).as(path + ": " + answer.asString()).isIn(202, 503);
            return answer.statusCode() == 202;
        });
    }

    private static Map<String, Object> hour(String projectCode) {
        Map<String, Object> entry = timeEntry(unique("TE"), projectCode);
        entry.put("hours", "1.00");
        return entry;
    }

    /** The process id of the database server running on the data directory, from its {@code postmaster.pid}. */
    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
    }

    private Connection connect() throws IOException, SQLException {
        // postmaster.pid: pid, data directory, start time, port, ...
        int port = Integer.parseInt(Files.readAllLines(data.resolve("postmaster.pid")).get(3).strip());
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    private String setting(String name) throws Exception {
        return single("show " + name, String.class);
    }

    private long count(String sql) throws Exception {
        return single(sql, Long.class);
    }

    private <T> T single(String sql, Class<T> type) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getObject(1, type);
        }
    }
}
