package dev.sluice.delivery;

import static dev.sluice.support.Bodies.contract;
import static dev.sluice.support.Bodies.project;
import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static dev.sluice.support.Bodies.workedOn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.support.ApiTest;
import dev.sluice.support.Deployment;
import dev.sluice.support.Faults;
import dev.sluice.support.GatewayProcess;
import dev.sluice.support.RoutingFiles;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Gateways as separate processes on one PostgreSQL, the way replicas run: a backlog accepted by
 * one is delivered by others, each contract by one process at a time, in acceptance order, once;
 * a process killed with SIGKILL, even between the ERP's answer and its own bookkeeping, loses and
 * doubles nothing.
 */
class SharedDatabaseIT extends ApiTest {

    /** Each contract: the contract, its project, then this many time batches of two one-hour entries. */
    private static final int BATCHES = 4;
    private static final BigDecimal RATE = new BigDecimal("150.00");

    @RegisterExtension
    final Deployment deployment = new Deployment();

    /** Operations of one contract in the order they were accepted. */
    private record Backlog(String contractNumber, String projectCode, List<String> correlationIds) {
    }

    @Test
    void twoGatewaysDeliverOneBacklogWithoutEverHoldingTheSameContractAtOnce() throws Exception {
        GatewayProcess accepting = start("accepting", Map.of("sluice.delivery.enabled", "false"));
        RestAssured.port = accepting.port();
        List<Backlog> backlog = acceptBacklog(16);
        // each call to the ERP takes 100 ms, so the backlog outlasts the start of either deliverer
        Faults.set(Map.of("fixedLatencyMs", 100));

        CompletableFuture<GatewayProcess> first = CompletableFuture.supplyAsync(() -> deliverer("deliverer-1"));
        CompletableFuture<GatewayProcess> second = CompletableFuture.supplyAsync(() -> deliverer("deliverer-2"));
        GatewayProcess one = first.get();
        GatewayProcess other = second.get();

        awaitBacklogPosted(backlog, Duration.ofSeconds(90));

        Set<String> processes = new HashSet<>();
        for (Backlog contract : backlog) {
            List<Attempt> attempts = attempts(contract);
            assertThat(attempts).as("one successful attempt per operation of " + contract.contractNumber())
                    .hasSize(contract.correlationIds().size());
            for (int i = 1; i < attempts.size(); i++) {
                Attempt before = attempts.get(i - 1);
                Attempt after = attempts.get(i);
                assertThat(after.started())
                        .as("%s: delivery of %s by %s started before %s by %s had finished", contract.contractNumber(),
                                after.correlationId(), after.process(), before.correlationId(), before.process())
                        .isAfterOrEqualTo(before.posted());
            }
            attempts.forEach(a -> processes.add(a.process()));
        }
        assertThat(processes).as("processes that delivered part of the backlog")
                .containsExactlyInAnyOrder(process(one), process(other));
        assertBooksHoldEveryAcceptedEntryOnce(backlog);
    }

    @Test
    void aGatewayKilledMidBacklogEvenRightAfterTheErpPostedIsReplacedWithoutLossOrDoubles() throws Exception {
        GatewayProcess accepting = start("accepting", Map.of("sluice.delivery.enabled", "false"));
        RestAssured.port = accepting.port();
        List<Backlog> backlog = acceptBacklog(10);
        int operations = backlog.size() * (2 + BATCHES);
        Faults.set(Map.of("fixedLatencyMs", 300));
        GatewayProcess doomed = deliverer("doomed");

        await().atMost(Duration.ofSeconds(60)).until(() -> count("select count(*) from operation where status = 'POSTED'") >= 10);
        // catch one delivery in the window between the ERP's commit and the outbox's: hold its
        // outbox row, let the ERP post, and kill the process while it waits to record the answer
        String caught;
        try (Connection hold = connect()) {
            hold.setAutoCommit(false);
            caught = holdTheNextDelivery(hold);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    count("select count(*) from sandbox.delivery where reference like '" + caught + ":%'") == 1);
            doomed.kill();
            hold.rollback();
        }
        String postingsOfCaught = "select count(*) from sandbox.posting where operation_id = '" + caught + "'";
        long postingsBeforeRestart = count(postingsOfCaught);
        assertThat(postingsBeforeRestart).as("revenue and billing the ERP posted for the caught time batch")
                .isGreaterThanOrEqualTo(2);
        long postedBeforeKill = count("select count(*) from operation where status = 'POSTED'");
        assertThat(postedBeforeKill).as("operations posted when the process was killed").isBetween(10L, operations - 1L);
        assertThat(status(caught)).as("the caught operation, posted by the ERP, not yet by the gateway")
                .isEqualTo("DELIVERING");

        Faults.clear();
        GatewayProcess successor = deliverer("successor");
        awaitBacklogPosted(backlog, Duration.ofSeconds(90));

        assertBooksHoldEveryAcceptedEntryOnce(backlog);
        for (Backlog contract : backlog) {
            List<Attempt> attempts = attempts(contract);
            for (int i = 1; i < attempts.size(); i++) {
                assertThat(attempts.get(i).posted()).as("posting order of " + contract.contractNumber())
                        .isAfter(attempts.get(i - 1).posted());
            }
        }
        // the caught operation was delivered again by the successor, and the ERP recognised it
        List<Map<String, Object>> steps = lineageOfOperation(caught);
        List<Object> delivered = steps.stream().filter(s -> "POSTED".equals(s.get("step")))
                .map(s -> s.get("deliveredBy")).toList();
        assertThat(delivered).as("POSTED steps of the caught operation").hasSize(1);
        assertThat((String) delivered.get(0)).contains(process(successor));
        assertThat(count("select count(*) from sandbox.delivery where reference like '" + caught + ":%'"))
                .as("deliveries the ERP recorded under the caught operation's reference").isEqualTo(1);
        assertThat(count(postingsOfCaught)).as("postings of the caught time batch after its redelivery")
                .isEqualTo(postingsBeforeRestart);
    }

    @Test
    void aLeaseThatCouldRunOutDuringAnErpCallIsRefusedAtStartUp() throws Exception {
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> start("short-lease", Map.of("sluice.delivery.lease", "PT5S")));
        String log = java.nio.file.Files.readString(java.nio.file.Path.of(
                refused.getMessage().substring(refused.getMessage().lastIndexOf("see ") + 4)));
        assertThat(log).contains("sluice.delivery.lease (PT5S) must be longer than the longest ERP delivery timeout "
                + "(PT10S: guard.post-timeout of a backend in policies/routing.yaml)");
    }

    // --- the backlog ---------------------------------------------------------------------------

    private List<Backlog> acceptBacklog(int contracts) {
        List<Backlog> backlog = new ArrayList<>();
        for (int c = 0; c < contracts; c++) {
            String contractNumber = unique("C");
            String projectCode = unique("P");
            List<String> correlationIds = new ArrayList<>();
            correlationIds.add(accept("/api/v1/contracts", contract(contractNumber)));
            correlationIds.add(accept("/api/v1/projects", project(projectCode, contractNumber)));
            for (int b = 0; b < BATCHES; b++) {
                correlationIds.add(accept("/api/v1/time-approvals",
                        timeApproval(entry(projectCode, 2 * b), entry(projectCode, 2 * b + 1))));
            }
            backlog.add(new Backlog(contractNumber, projectCode, correlationIds));
        }
        return backlog;
    }

    private static String accept(String path, Map<String, Object> body) {
        String correlationId = UUID.randomUUID().toString();
        Response accepted = json().header("Idempotency-Key", UUID.randomUUID().toString())
                .header("X-Correlation-Id", correlationId).body(body).post(path);
        assertThat(accepted.statusCode()).as(path + " accepted: " + accepted.asString()).isEqualTo(202);
        return correlationId;
    }

    private static Map<String, Object> entry(String projectCode, int day) {
        Map<String, Object> entry = timeEntry(unique("TE"), projectCode);
        entry.put("hours", "1.00");
        return workedOn(entry, java.time.LocalDate.parse("2026-03-02").plusDays(day).toString());
    }

    // --- processes -----------------------------------------------------------------------------

    private GatewayProcess start(String name, Map<String, String> config) {
        return deployment.start(name, config);
    }

    /** A delivering gateway with a short lease, so a dead process' claims are taken over soon. */
    private GatewayProcess deliverer(String name) {
        return deployment.start(name, Map.of(
                "sluice.delivery.workers", "2",
                "sluice.delivery.batch-size", "2",
                "sluice.delivery.lease", "PT3S",
                // a lease must outlast the ERP call it covers
                "sluice.routing.file", RoutingFiles.sandboxGuardedWith("{ post-timeout: 2s }"),
                "sluice.delivery.initial-backoff", "PT0.1S",
                "sluice.delivery.max-backoff", "PT0.5S"));
    }

    /** How lineage names a process: {@code host/pid}, followed by {@code -worker}. */
    private static String process(GatewayProcess gateway) {
        return "/" + gateway.pid() + "-";
    }

    // --- what happened -------------------------------------------------------------------------

    /** A successful delivery: when its attempt started and when it was posted, and by whom. */
    private record Attempt(String correlationId, String process, OffsetDateTime started, OffsetDateTime posted) {
    }

    /** The successful attempts of a contract's operations, in the order they were accepted. */
    private static List<Attempt> attempts(Backlog contract) {
        List<Attempt> attempts = new ArrayList<>();
        for (String correlationId : contract.correlationIds()) {
            List<Map<String, Object>> steps = given().get("/api/v1/lineage/" + correlationId).path("steps");
            Map<String, Object> posted = steps.stream().filter(s -> "POSTED".equals(s.get("step"))).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError(correlationId + " has no POSTED step: " + steps));
            String deliveredBy = (String) posted.get("deliveredBy");
            Map<String, Object> started = steps.stream()
                    .filter(s -> "DELIVERING".equals(s.get("step")) && deliveredBy.equals(s.get("deliveredBy")))
                    .reduce((a, b) -> b).orElseThrow();
            attempts.add(new Attempt(correlationId, "/" + deliveredBy.substring(deliveredBy.indexOf('/') + 1,
                    deliveredBy.lastIndexOf('-') + 1), OffsetDateTime.parse((String) started.get("at")),
                    OffsetDateTime.parse((String) posted.get("at"))));
        }
        return attempts;
    }

    private List<Map<String, Object>> lineageOfOperation(String operationId) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "select correlation_id from operation where id = cast(? as uuid)")) {
            query.setString(1, operationId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return given().get("/api/v1/lineage/" + row.getString(1)).path("steps");
            }
        }
    }

    private void awaitBacklogPosted(List<Backlog> backlog, Duration limit) throws SQLException {
        long operations = backlog.stream().mapToLong(b -> b.correlationIds().size()).sum();
        await().atMost(limit).pollInterval(Duration.ofMillis(250)).until(() ->
                count("select count(*) from operation where status = 'POSTED'") == operations);
        assertThat(count("select count(*) from outbox")).as("outbox rows left").isZero();
    }

    /** Every accepted entry is in the sandbox's books once: 1 hour at 150.00, recognised once. */
    private void assertBooksHoldEveryAcceptedEntryOnce(List<Backlog> backlog) throws SQLException {
        long entries = (long) backlog.size() * BATCHES * 2;
        assertThat(count("select count(*) from sandbox.time_entry")).as("time entries in the ERP").isEqualTo(entries);
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "select coalesce(sum(amount), 0) from sandbox.posting where kind = 'REVENUE'");
                ResultSet row = query.executeQuery()) {
            row.next();
            assertThat(row.getBigDecimal(1)).as("revenue recognised for %d entries of 1 hour at %s", entries, RATE)
                    .isEqualByComparingTo(RATE.multiply(BigDecimal.valueOf(entries)));
        }
        Map<String, Long> contracts = new LinkedHashMap<>();
        for (Backlog contract : backlog) {
            contracts.put(contract.contractNumber(), count(
                    "select count(*) from sandbox.contract where contract_number = '" + contract.contractNumber() + "'"));
        }
        assertThat(contracts.values()).as("each contract once in the ERP").allMatch(n -> n == 1);
    }

    /**
     * Locks the outbox row of an operation the dying process has just started to deliver, so it
     * can call the ERP but not record the answer; answers the operation's id.
     */
    private String holdTheNextDelivery(Connection hold) {
        String[] caught = new String[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
            try (PreparedStatement query = hold.prepareStatement("""
                    select cast(o.operation_id as text) from outbox o join operation op on op.id = o.operation_id
                    where op.status = 'DELIVERING' and op.type = 'TIME_APPROVAL' and o.lease_until > now()
                      and not exists (select 1 from sandbox.delivery d
                                      where d.reference like cast(o.operation_id as text) || ':%')
                    limit 1 for update of o skip locked""");
                    ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    caught[0] = row.getString(1);
                    return true;
                }
                hold.rollback();
                return false;
            }
        });
        return caught[0];
    }

    private String status(String operationId) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "select status from operation where id = cast(? as uuid)")) {
            query.setString(1, operationId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private long count(String sql) throws SQLException {
        return deployment.count(sql);
    }

    private Connection connect() throws SQLException {
        return deployment.connect();
    }
}
