package dev.sluice.delivery;

import static dev.sluice.support.Bodies.changeOrder;
import static dev.sluice.support.Bodies.contract;
import static dev.sluice.support.Bodies.project;
import static dev.sluice.support.Bodies.timeApproval;
import static dev.sluice.support.Bodies.timeEntry;
import static dev.sluice.support.Bodies.workedOn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.support.ApiTest;
import dev.sluice.support.Bodies;
import dev.sluice.support.Deployment;
import dev.sluice.support.GatewayProcess;
import dev.sluice.support.RedisServer;
import dev.sluice.support.TestKeycloak;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rolling update under load: three gateways on one PostgreSQL and one Redis are stopped with
 * SIGTERM and replaced one after another while clients keep writing and reading through a small
 * load balancer, which sends each request to the next gateway it believes alive and sends it again
 * elsewhere (a write with its Idempotency-Key) when the connection fails before an answer. Every
 * accepted write reaches the ERP once, each contract's writes in the order they were accepted; no
 * answer is a server error other than a 503 that says when to come back; a metered client stays
 * within its plan across the roll; and each stopped gateway exits cleanly within its grace period.
 */
class RollingUpdateIT extends ApiTest {

    private static final int GATEWAYS = 3;
    private static final int CONTRACTS = 6;
    private static final int WRITERS = 3;
    /**
     * The grace period a stopped gateway must be gone within: Kubernetes' default, and what
     * docs/operations.md asks for without the shutdown delay (the tests' gateways have none):
     * 20 s for requests in flight and 10 s for the sandbox's longest delivery.
     */
    private static final Duration GRACE = Duration.ofSeconds(30);
    /** How long a gateway started while the others serve the stream may take to be ready, on a busy machine. */
    private static final Duration STARTING = Duration.ofMinutes(3);
    /** The metered client's plan: a burst of 10, refilled at 2 a second. */
    private static final int METERED_BURST = 10;
    private static final double METERED_RATE = 2;
    /** The writing client's plan: far above what it sends. */
    private static final int ROOMY_BURST = 100000;
    /** What the metered client reads. */
    private static final String READ = "/api/v1/master-data/employees/EMP-001";
    private static final String PLANS = """
            plans:
              metered: { rate: 2, burst: 10, daily-quota: 1000000, on-redis-failure: fail-open }
              roomy: { rate: 100000, burst: 100000, daily-quota: 1000000000, on-redis-failure: fail-open }
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final Deployment deployment = new Deployment();
    private RedisServer redis;

    @AfterEach
    void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    /** A write the client got 202 or 201 for, with when it was first sent and when it was answered. */
    private record Accepted(String key, String correlationId, String contractNumber, String kind, String businessKey,
            String operationId, long sentAt, long answeredAt) {
    }

    @Test
    void everyWriteAcceptedDuringARollingUpdatePostsOnceInOrderAndNoAnswerIsAServerError() throws Exception {
        Path plans = Path.of("target/rolling-update-it", UUID.randomUUID() + ".yaml").toAbsolutePath();
        Files.createDirectories(plans.getParent());
        Files.writeString(plans, PLANS);
        redis = RedisServer.start();
        // Redis has seconds to answer: on a busy machine a slow answer must not pass for Redis being away
        Map<String, String> config = Map.of("quarkus.redis.hosts", redis.url(),
                "sluice.rate-limits.file", plans.toString(), "sluice.rate-limits.redis-timeout", "PT5S");

        List<GatewayProcess> first = startAll(config);
        Balancer balancer = new Balancer();
        first.forEach(balancer::add);
        String writer = register(first, "roomy", ROOMY_BURST, List.of("contracts:write", "contracts:read",
                "projects:write", "time:write", "operations:read", "masterdata:read"));
        String metered = register(first, "metered", METERED_BURST, List.of("masterdata:read"));

        Traffic traffic = new Traffic(balancer, writer, metered);
        traffic.setUp();
        traffic.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> traffic.accepted.size() >= 30);

        Map<String, Integer> exits = new LinkedHashMap<>();
        for (int i = 0; i < GATEWAYS; i++) {
            GatewayProcess stopping = first.get(i);
            balancer.stopping(stopping);
            stopping.terminate();
            exits.put(stopping.name(), stopping.awaitExit(GRACE));
            GatewayProcess successor = deployment.start("successor-" + (i + 1), config, STARTING);
            balancer.add(successor);
            int before = traffic.accepted.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> traffic.accepted.size() >= before + 30);
        }
        traffic.stop();

        List<Accepted> accepted = List.copyOf(traffic.accepted.values());
        System.out.printf("Rolling update: %s; %d writes accepted (%d time approvals, %d amendments), %d reads;"
                + " metered client: %d admitted, %d refused in %.1f s; exit codes %s%n", balancer.summary(),
                accepted.size(), count(accepted, "time"), count(accepted, "amendment"), traffic.reads.get(),
                traffic.meteredAdmitted.get(), traffic.meteredRefused.get(), traffic.meteredSeconds(), exits);
        awaitDelivered(writer, Duration.ofSeconds(120));

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(exits).as("exit codes of the gateways stopped with SIGTERM")
                .containsOnlyKeys("gateway-1", "gateway-2", "gateway-3")
                .allSatisfy((name, code) -> assertThat(code).as(name).isZero());
        softly.assertThat(balancer.serverErrors).as("answers that were server errors other than a 503 with Retry-After")
                .isEmpty();
        softly.assertThat(traffic.refused).as("writes and reads answered otherwise than accepted or read").isEmpty();
        softly.assertThat(balancer.failuresAtRunningGateways).as("connections that failed at gateways not being stopped")
                .isEmpty();
        softly.assertThat(balancer.retriedAfterStopping.get())
                .as("requests that met a stopping or stopped gateway and were answered by another").isPositive();

        assertEachAcceptedWritePostedOnce(softly, writer, accepted);
        assertEachContractPostedInAcceptanceOrder(softly, accepted);

        double allowed = (METERED_BURST + METERED_RATE * traffic.meteredSeconds()) * 1.05;
        softly.assertThat(traffic.meteredAdmitted.get())
                .as("requests of the metered client admitted in %.1f s (plan: burst %d, %s a second)",
                        traffic.meteredSeconds(), METERED_BURST, METERED_RATE)
                .isLessThanOrEqualTo((int) Math.floor(allowed))
                .isGreaterThanOrEqualTo(METERED_BURST);
        softly.assertThat(traffic.meteredRefused.get()).as("requests of the metered client refused").isPositive();
        softly.assertThat(traffic.meteredOther).as("answers to the metered client other than 200 and 429").isEmpty();
        softly.assertAll();
    }

    // --- the deployment ----------------------------------------------------------------------

    private List<GatewayProcess> startAll(Map<String, String> config) throws Exception {
        ExecutorService starting = Executors.newFixedThreadPool(GATEWAYS);
        try {
            List<Future<GatewayProcess>> started = new ArrayList<>();
            for (int i = 1; i <= GATEWAYS; i++) {
                String name = "gateway-" + i;
                started.add(starting.submit(() -> deployment.start(name, config, STARTING)));
            }
            List<GatewayProcess> gateways = new ArrayList<>();
            for (Future<GatewayProcess> gateway : started) {
                gateways.add(gateway.get());
            }
            return gateways;
        } finally {
            starting.shutdown();
        }
    }

    /**
     * Registers a client on the plan through the admin API (through the first gateway; the others
     * read the registry again within a second); answers its id once every gateway charges it to
     * that plan.
     */
    private String register(List<GatewayProcess> gateways, String plan, int burst, List<String> scopes) {
        String name = unique("rolling-" + plan).toLowerCase();
        Response registered = given().baseUri(gateways.get(0).url()).contentType(ContentType.JSON)
                .body(Bodies.map("name", name, "ownerTeam", "rolling-update-test", "scopes", scopes,
                        "ratePlan", plan, "contact", "tests@example.com"))
                .post("/admin/v1/clients");
        assertThat(registered.statusCode()).as(registered.asString()).isEqualTo(201);
        secrets.put(name, registered.path("clientSecret"));
        for (GatewayProcess gateway : gateways) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    String.valueOf(given().baseUri(gateway.url()).auth().oauth2(token(name)).get(READ)
                            .header("RateLimit-Policy")).startsWith("\"burst\";q=" + burst + ";"));
        }
        return name;
    }

    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    private String token(String clientId) {
        return TestKeycloak.get().token(clientId, secrets.get(clientId));
    }

    // --- the load balancer -------------------------------------------------------------------

    /**
     * A client-side load balancer: round-robin over the gateways it believes alive. A gateway that
     * refuses connections is dropped; a connection that fails before an answer, or a 503 or a 409
     * that says when to come back, sends the same request to another gateway.
     */
    private static final class Balancer {

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        private final List<GatewayProcess> alive = new CopyOnWriteArrayList<>();
        private final Set<GatewayProcess> stopping = ConcurrentHashMap.newKeySet();
        private final AtomicInteger turn = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger connectionFailures = new AtomicInteger();
        final AtomicInteger comeBackLater = new AtomicInteger();
        final AtomicInteger retriedAfterStopping = new AtomicInteger();
        final List<String> failuresAtRunningGateways = new CopyOnWriteArrayList<>();
        final List<String> serverErrors = new CopyOnWriteArrayList<>();

        void add(GatewayProcess gateway) {
            alive.add(gateway);
        }

        /** The test is about to stop the gateway; the balancer learns of it only from failed connections. */
        void stopping(GatewayProcess gateway) {
            stopping.add(gateway);
        }

        /** Sends the request until a gateway answers it with something other than "come back later". */
        HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
            requests.incrementAndGet();
            GatewayProcess failed = null;
            boolean metStopping = false;
            for (int attempt = 1; ; attempt++) {
                GatewayProcess gateway = next(failed);
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path))
                        .timeout(Duration.ofSeconds(30))
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body));
                headers.forEach(request::header);
                attempts.incrementAndGet();
                HttpResponse<String> answer;
                try {
                    answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    connectionFailures.incrementAndGet();
                    if (stopping.contains(gateway)) {
                        metStopping = true;
                    } else {
                        failuresAtRunningGateways.add(gateway.name() + ": " + e);
                    }
                    if (e instanceof ConnectException) {
                        alive.remove(gateway);
                    }
                    failed = gateway;
                    if (attempt >= 50) {
                        throw new UncheckedIOException(method + " " + path + " failed " + attempt + " times", e);
                    }
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                int status = answer.statusCode();
                Optional<String> retryAfter = answer.headers().firstValue("Retry-After");
                if (status >= 500 && !(status == 503 && retryAfter.isPresent())) {
                    serverErrors.add(gateway.name() + " answered " + method + " " + path + " with " + status + ": "
                            + answer.body());
                }
                if ((status == 503 || status == 409) && retryAfter.isPresent() && attempt < 50) {
                    comeBackLater.incrementAndGet();
                    failed = gateway;
                    pause(250);
                    continue;
                }
                if (metStopping && status < 300) {
                    retriedAfterStopping.incrementAndGet();
                }
                return answer;
            }
        }

        private GatewayProcess next(GatewayProcess avoid) {
            while (true) {
                List<GatewayProcess> now = List.copyOf(alive);
                if (!now.isEmpty()) {
                    int index = Math.floorMod(turn.getAndIncrement(), now.size());
                    return now.get(now.get(index) == avoid ? (index + 1) % now.size() : index);
                }
                pause(50);
            }
        }

        String summary() {
            return String.format("%d requests in %d attempts, %d connections failed (%d at gateways not being"
                    + " stopped), %d answers to come back later, %d requests answered after meeting a stopping gateway",
                    requests.get(), attempts.get(), connectionFailures.get(), failuresAtRunningGateways.size(),
                    comeBackLater.get(), retriedAfterStopping.get());
        }
    }

    // --- the stream of writes and reads --------------------------------------------------------

    private final class Traffic {

        private final Balancer balancer;
        private final String writer;
        private final String metered;
        private final List<String> contracts = new ArrayList<>();
        private final Map<String, String> projects = new HashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 2);
        private final List<Future<?>> started = new ArrayList<>();
        private final AtomicInteger day = new AtomicInteger();
        final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
        final List<String> refused = new CopyOnWriteArrayList<>();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger meteredAdmitted = new AtomicInteger();
        final AtomicInteger meteredRefused = new AtomicInteger();
        final List<String> meteredOther = new CopyOnWriteArrayList<>();
        private volatile long meteredFrom;
        private volatile long meteredUntil;

        Traffic(Balancer balancer, String writer, String metered) {
            this.balancer = balancer;
            this.writer = writer;
            this.metered = metered;
        }

        /** The contracts the stream writes to, each with a project, posted before the stream starts. */
        void setUp() throws Exception {
            for (int c = 0; c < CONTRACTS; c++) {
                String contractNumber = unique("C");
                String projectCode = unique("P");
                write("/api/v1/contracts", contract(contractNumber), contractNumber, "contract", contractNumber, false);
                write("/api/v1/projects", project(projectCode, contractNumber), contractNumber, "project", projectCode,
                        false);
                contracts.add(contractNumber);
                projects.put(contractNumber, projectCode);
            }
            assertThat(refused).as("set-up writes refused").isEmpty();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                    count("select count(*) from operation where status = 'POSTED'") == 2L * CONTRACTS);
        }

        void start() {
            for (int w = 0; w < WRITERS; w++) {
                started.add(threads.submit(() -> repeat(this::writeOne)));
            }
            started.add(threads.submit(() -> repeat(this::readOne)));
            started.add(threads.submit(this::meter));
        }

        void stop() throws Exception {
            running.set(false);
            for (Future<?> thread : started) {
                thread.get(120, TimeUnit.SECONDS);
            }
            threads.shutdown();
        }

        double meteredSeconds() {
            return (meteredUntil - meteredFrom) / 1e9;
        }

        private void repeat(Runnable step) {
            while (running.get()) {
                step.run();
                pause(100);
            }
        }

        /** A time approval of one hour, or (one in four) an amendment, to a contract picked at random. */
        private void writeOne() {
            String contractNumber = contracts.get(ThreadLocalRandom.current().nextInt(contracts.size()));
            boolean wait = ThreadLocalRandom.current().nextInt(10) == 0;
            if (ThreadLocalRandom.current().nextInt(4) == 0) {
                String number = unique("CO");
                Map<String, Object> order = changeOrder(number);
                order.put("lineChanges", Bodies.list(Bodies.map("lineNumber", 3, "amountDelta", "1000.00",
                        "estimatedCostDelta", "500.00")));
                write("/api/v1/contracts/" + contractNumber + "/change-orders", order, contractNumber, "amendment",
                        number, wait);
            } else {
                String externalId = unique("TE");
                Map<String, Object> entry = timeEntry(externalId, projects.get(contractNumber));
                entry.put("hours", "1.00");
                workedOn(entry, LocalDate.of(2026, 1, 5).plusDays(day.getAndIncrement() % 300).toString());
                write("/api/v1/time-approvals", timeApproval(entry), contractNumber, "time", externalId, wait);
            }
        }

        private void write(String path, Map<String, Object> body, String contractNumber, String kind,
                String businessKey, boolean wait) {
            String key = UUID.randomUUID().toString();
            String correlationId = UUID.randomUUID().toString();
            Map<String, String> headers = new LinkedHashMap<>(Map.of("Authorization", "Bearer " + token(writer),
                    "Content-Type", "application/json", "Accept", "application/json, application/problem+json",
                    "Idempotency-Key", key, "X-Correlation-Id", correlationId));
            if (wait) {
                headers.put("Prefer", "wait=1");
            }
            long sentAt = System.nanoTime();
            HttpResponse<String> answer = balancer.send("POST", path, json(body), headers);
            long answeredAt = System.nanoTime();
            if (answer.statusCode() == 202 || answer.statusCode() == 201) {
                String operationId = read(answer.body()).path("operationId").asText();
                accepted.put(key, new Accepted(key, correlationId, contractNumber, kind, businessKey, operationId,
                        sentAt, answeredAt));
            } else {
                refused.add("POST " + path + ": " + answer.statusCode() + " " + answer.body());
            }
        }

        /** The contract as the ERP holds it, or a write the client was answered for. */
        private void readOne() {
            List<Accepted> known = List.copyOf(accepted.values());
            String path = ThreadLocalRandom.current().nextBoolean() || known.isEmpty()
                    ? "/api/v1/contracts/" + contracts.get(ThreadLocalRandom.current().nextInt(contracts.size()))
                    : "/api/v1/operations/" + known.get(ThreadLocalRandom.current().nextInt(known.size())).operationId();
            HttpResponse<String> answer = balancer.send("GET", path, null, Map.of(
                    "Authorization", "Bearer " + token(writer), "Accept", "application/json, application/problem+json"));
            reads.incrementAndGet();
            if (answer.statusCode() != 200) {
                refused.add("GET " + path + ": " + answer.statusCode() + " " + answer.body());
            }
        }

        /** A client reading as fast as it can, far above its plan's rate, for as long as the stream runs. */
        private void meter() {
            meteredFrom = System.nanoTime();
            while (running.get()) {
                HttpResponse<String> answer = balancer.send("GET", READ, null,
                        Map.of("Authorization", "Bearer " + token(metered), "Accept", "application/json"));
                if (answer.statusCode() == 200) {
                    meteredAdmitted.incrementAndGet();
                } else if (answer.statusCode() == 429) {
                    meteredRefused.incrementAndGet();
                } else {
                    meteredOther.add(answer.statusCode() + " " + answer.body());
                }
                pause(50);
            }
            meteredUntil = System.nanoTime();
        }
    }

    // --- what the database holds -------------------------------------------------------------

    /** Waits until nothing of the writer's waits for delivery; fails at once when a write failed or was given up. */
    private void awaitDelivered(String writer, Duration limit) {
        await().atMost(limit).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            long given = count("select count(*) from operation where status in ('FAILED', 'DEAD_LETTERED')");
            if (given > 0) {
                throw new IllegalStateException(given + " operations failed or were dead-lettered: " + rows(
                        "select cast(id as text), status, cast(problem as text) from operation"
                                + " where status in ('FAILED', 'DEAD_LETTERED') limit 5"));
            }
            assertThat(count("select count(*) from operation where client_id = '" + writer + "'"
                    + " and status not in ('POSTED')")).as("operations not yet posted").isZero();
            assertThat(count("select count(*) from outbox")).as("outbox parts left").isZero();
        });
    }

    private void assertEachAcceptedWritePostedOnce(SoftAssertions softly, String writer, List<Accepted> accepted)
            throws SQLException {
        Set<String> operations = accepted.stream().map(Accepted::operationId).collect(Collectors.toSet());
        softly.assertThat(operations).as("operations, one per Idempotency-Key the client was answered for")
                .hasSize(accepted.size());
        Map<String, String> stored = map("select cast(id as text), status from operation where client_id = '"
                + writer + "'");
        softly.assertThat(stored.keySet())
                .as("operations the database holds of the client: exactly those it was answered for")
                .containsExactlyInAnyOrderElementsOf(operations);
        softly.assertThat(stored.values()).as("their states").containsOnly("POSTED");
        softly.assertThat(notOnce(operations, "select cast(operation_id as text), count(*) from sandbox.document"
                + " group by operation_id")).as("operations without exactly one document in the ERP").isEmpty();
        softly.assertThat(notOnce(operations, "select split_part(reference, ':', 1), count(*) from sandbox.delivery"
                + " group by 1")).as("operations without exactly one delivery the ERP took").isEmpty();
        softly.assertThat(notOnce(operations, "select cast(operation_id as text), count(*) from lineage_event"
                + " where step = 'POSTED' group by operation_id")).as("operations without exactly one POSTED step")
                .isEmpty();
        softly.assertThat(count("select count(*) from sandbox.time_entry")).as("time entries in the ERP")
                .isEqualTo(count(accepted, "time"));
    }

    /** Of the rows {@code sql} selects (an operation and a count), those whose operation is not one of {@code operations} or whose count is not 1; and the operations it has no row of. */
    private Map<String, String> notOnce(Set<String> operations, String sql) throws SQLException {
        Map<String, String> wrong = new TreeMap<>();
        Map<String, String> counted = map(sql);
        counted.forEach((operation, count) -> {
            if (!operations.contains(operation)) {
                wrong.put(operation, count + " (not an operation the client was answered for)");
            } else if (!count.equals("1")) {
                wrong.put(operation, count);
            }
        });
        operations.stream().filter(o -> !counted.containsKey(o)).forEach(o -> wrong.put(o, "0"));
        return wrong;
    }

    /**
     * Per contract, the ERP's documents (numbered as it posts them) follow the order the writes
     * were accepted: the audit chain, appended in the transaction that accepts a write and held
     * until it commits, numbers them in commit order across every gateway. The ERP's own record of
     * the contract lists its amendments in that order. And what the client itself saw: a write it
     * sent after another was answered is posted after it.
     */
    private void assertEachContractPostedInAcceptanceOrder(SoftAssertions softly, List<Accepted> accepted)
            throws SQLException {
        Map<String, Long> posting = numbers("select cast(operation_id as text),"
                + " min(cast(substring(document_id from '[0-9]+$') as bigint)) from sandbox.document group by 1");
        Map<String, Long> acceptance = numbers("select correlation_id, min(id) from audit_record group by 1");
        List<Accepted> unknown = accepted.stream()
                .filter(w -> !posting.containsKey(w.operationId()) || !acceptance.containsKey(w.correlationId()))
                .toList();
        softly.assertThat(unknown).as("accepted writes without a document in the ERP or a record in the audit log")
                .isEmpty();
        Map<String, String> held = map("select contract_number, cast(state as text) from sandbox.contract");
        Map<String, Attempt> attempts = attempts();
        List<String> overlapping = new ArrayList<>();
        Map<String, List<Accepted>> byContract = accepted.stream().filter(w -> !unknown.contains(w))
                .collect(Collectors.groupingBy(Accepted::contractNumber, TreeMap::new, Collectors.toList()));
        List<String> causality = new ArrayList<>();
        byContract.forEach((contractNumber, writes) -> {
            List<Accepted> inAcceptanceOrder = writes.stream()
                    .sorted(Comparator.comparing(w -> acceptance.get(w.correlationId()))).toList();
            List<Accepted> inPostingOrder = writes.stream()
                    .sorted(Comparator.comparing(w -> posting.get(w.operationId()))).toList();
            softly.assertThat(describe(inPostingOrder, acceptance, posting))
                    .as("writes to %s in the order the ERP posted them", contractNumber)
                    .containsExactlyElementsOf(describe(inAcceptanceOrder, acceptance, posting));
            for (int i = 1; i < inPostingOrder.size(); i++) {
                Attempt before = attempts.get(inPostingOrder.get(i - 1).operationId());
                Attempt after = attempts.get(inPostingOrder.get(i).operationId());
                if (after.started().isBefore(before.posted())) {
                    overlapping.add(inPostingOrder.get(i).businessKey() + " started at " + after.started() + ", before "
                            + inPostingOrder.get(i - 1).businessKey() + " was posted at " + before.posted());
                }
            }

            List<String> amendments = new ArrayList<>();
            read(held.getOrDefault(contractNumber, "{}")).path("changeOrders")
                    .forEach(o -> amendments.add(o.path("changeOrderNumber").asText()));
            softly.assertThat(amendments).as("amendments of %s as the ERP holds them", contractNumber)
                    .containsExactlyElementsOf(inAcceptanceOrder.stream().filter(w -> w.kind().equals("amendment"))
                            .map(Accepted::businessKey).toList());

            List<Accepted> byAnswer = writes.stream().sorted(Comparator.comparingLong(Accepted::answeredAt)).toList();
            for (Accepted later : writes) {
                for (Accepted earlier : byAnswer) {
                    if (earlier.answeredAt() >= later.sentAt()) {
                        break;
                    }
                    if (posting.get(later.operationId()) < posting.get(earlier.operationId())) {
                        causality.add(later.kind() + " " + later.businessKey() + " posted before " + earlier.kind()
                                + " " + earlier.businessKey() + ", which was answered before it was sent");
                    }
                }
            }
        });
        softly.assertThat(causality).as("writes posted before one the client had been answered for first").isEmpty();
        softly.assertThat(overlapping).as("deliveries of a contract that started before the one ahead of it was posted")
                .isEmpty();
    }

    /** When the delivery that posted an operation started, and when it was posted, from its lineage. */
    private record Attempt(OffsetDateTime started, OffsetDateTime posted) {
    }

    private Map<String, Attempt> attempts() throws SQLException {
        Map<String, Attempt> attempts = new HashMap<>();
        try (Connection connection = deployment.connect();
                PreparedStatement query = connection.prepareStatement("select cast(operation_id as text),"
                        + " max(at) filter (where step = 'DELIVERING'), max(at) filter (where step = 'POSTED')"
                        + " from lineage_event group by operation_id");
                ResultSet row = query.executeQuery()) {
            while (row.next()) {
                attempts.put(row.getString(1), new Attempt(row.getObject(2, OffsetDateTime.class),
                        row.getObject(3, OffsetDateTime.class)));
            }
        }
        return attempts;
    }

    private static List<String> describe(List<Accepted> writes, Map<String, Long> acceptance,
            Map<String, Long> posting) {
        return writes.stream().map(w -> w.kind() + " " + w.businessKey() + " (accepted #"
                + acceptance.get(w.correlationId()) + ", document " + posting.get(w.operationId()) + ")").toList();
    }

    private static long count(List<Accepted> accepted, String kind) {
        return accepted.stream().filter(w -> w.kind().equals(kind)).count();
    }

    private long count(String sql) throws SQLException {
        return deployment.count(sql);
    }

    /** The first two columns of every row, as text. */
    private Map<String, String> map(String sql) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        try (Connection connection = deployment.connect();
                PreparedStatement query = connection.prepareStatement(sql);
                ResultSet row = query.executeQuery()) {
            while (row.next()) {
                rows.put(row.getString(1), row.getString(2));
            }
        }
        return rows;
    }

    private Map<String, Long> numbers(String sql) throws SQLException {
        return map(sql).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> Long.parseLong(e.getValue())));
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = deployment.connect();
                PreparedStatement query = connection.prepareStatement(sql);
                ResultSet row = query.executeQuery()) {
            int columns = row.getMetaData().getColumnCount();
            while (row.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(row.getString(i));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
