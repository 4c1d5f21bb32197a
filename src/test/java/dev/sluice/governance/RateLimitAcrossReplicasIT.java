package dev.sluice.governance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.support.ApiTest;
import dev.sluice.support.GatewayProcess;
import dev.sluice.support.PostgresResource;
import dev.sluice.support.RedisServer;
import dev.sluice.support.TestKeycloak;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One client's limit holds across replicas: three gateway processes share one Redis, and a
 * client sending twice its plan's rate, spread over all three, is admitted what the plan allows.
 */
class RateLimitAcrossReplicasIT extends ApiTest {

    private static final double RATE = 10;
    private static final int BURST = 10;
    private static final String PLANS = """
            expected-replicas: 3
            plans:
              metered: { rate: 10, burst: 10, daily-quota: 1000000, on-redis-failure: fail-open }
              roomy: { rate: 1000, burst: 1000, daily-quota: 1000000, on-redis-failure: fail-open }
            """;

    private final PostgresResource postgres = new PostgresResource();
    private final List<GatewayProcess> gateways = new ArrayList<>();
    private RedisServer redis;

    @AfterEach
    void stopEverything() {
        gateways.forEach(GatewayProcess::close);
        if (redis != null) {
            redis.close();
        }
        postgres.stop();
    }

    @Test
    void aClientAtTwiceItsRateAgainstThreeGatewaysIsAdmittedWhatItsPlanAllows() throws Exception {
        Path plans = Path.of("target/rate-limit-it/plans.yaml").toAbsolutePath();
        Files.createDirectories(plans.getParent());
        Files.writeString(plans, PLANS);
        redis = RedisServer.start();
        Map<String, String> database = postgres.start();
        Map<String, String> config = Map.of("quarkus.redis.hosts", redis.url(),
                "sluice.rate-limits.file", plans.toString(), "sluice.delivery.enabled", "false");
        List<java.util.concurrent.CompletableFuture<GatewayProcess>> starting = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String name = "replica-" + i;
            starting.add(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> GatewayProcess.start(name, database, config)));
        }
        for (var gateway : starting) {
            gateways.add(gateway.get());
        }
        // warm every replica up with another client (its own allowance), so timing is the plan's alone
        String other = TestKeycloak.get().token(TestKeycloak.OTHER_CLIENT);
        for (GatewayProcess gateway : gateways) {
            for (int i = 0; i < 3; i++) {
                given().baseUri(gateway.url()).auth().oauth2(other).get("/api/v1/master-data/employees/EMP-001");
            }
        }
        TestKeycloak.get().token(TestKeycloak.ALL_SCOPES);
        Thread.sleep(1000);

        int seconds = 20;
        int perSecond = (int) (2 * RATE);
        int requests = seconds * perSecond;
        List<Long> sentAt = new CopyOnWriteArrayList<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> admittedBy = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        List<Future<?>> sent = new CopyOnWriteArrayList<>();
        AtomicInteger next = new AtomicInteger();
        clock.scheduleAtFixedRate(() -> {
            int n = next.getAndIncrement();
            if (n >= requests) {
                return;
            }
            GatewayProcess gateway = gateways.get(n % gateways.size());
            sent.add(senders.submit(() -> {
                sentAt.add(System.nanoTime());
                Response answer = given().baseUri(gateway.url()).get("/api/v1/master-data/employees/EMP-001");
                statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                if (answer.statusCode() == 200) {
                    admittedBy.computeIfAbsent(gateway.name(), g -> new AtomicInteger()).incrementAndGet();
                }
            }));
        }, 0, 1000 / perSecond, TimeUnit.MILLISECONDS);
        while (next.get() < requests) {
            Thread.sleep(100);
        }
        clock.shutdown();
        for (Future<?> request : sent) {
            request.get();
        }
        senders.shutdown();

        assertThat(statuses.keySet()).as("answers other than admitted or rate-limited").containsOnly(200, 429);
        int admitted = statuses.get(200).get();
        double elapsed = (Collections.max(sentAt) - Collections.min(sentAt)) / 1e9;
        double allowed = BURST + RATE * elapsed;
        System.out.printf("Rate limit across 3 replicas: admitted %d of %d requests in %.2f s, the plan allows %.1f, "
                + "per replica %s%n", admitted, requests, elapsed, allowed, admittedBy);
        assertThat((double) admitted)
                .as("admitted of %d requests in %.2f s; the plan allows %.1f (burst %d + %.0f/s)", requests, elapsed,
                        allowed, BURST, RATE)
                .isBetween(allowed * 0.95, allowed * 1.05);
        assertThat(admittedBy.keySet()).as("replicas that admitted some").hasSize(3);
    }
}
