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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One client's limit holds across replicas: three gateway processes share one Redis, and a
 * client sending three times its plan's burst, spread over all three, is admitted the burst and
 * not a request more.
 */
class RateLimitAcrossReplicasIT extends ApiTest {

    /** The burst of the plan the test client gets (the most restrictive: it has none of its own). */
    private static final int BURST = 30;
    /** One unit in 1,000 s: nothing refills while the test sends, so the count is exact. */
    private static final String PLANS = """
            plans:
              metered: { rate: 0.001, burst: 30, daily-quota: 1000000, on-redis-failure: fail-open }
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
    void aClientAtThreeTimesItsBurstAgainstThreeGatewaysIsAdmittedTheBurstOnce() throws Exception {
        Path plans = Path.of("target/rate-limit-it/plans.yaml").toAbsolutePath();
        Files.createDirectories(plans.getParent());
        Files.writeString(plans, PLANS);
        redis = RedisServer.start();
        Map<String, String> database = postgres.start();
        // Redis has seconds to answer: on a busy machine a slow answer must not pass for Redis being away
        Map<String, String> config = Map.of("quarkus.redis.hosts", redis.url(),
                "sluice.rate-limits.file", plans.toString(), "sluice.rate-limits.redis-timeout", "PT5S",
                "sluice.delivery.enabled", "false");
        List<CompletableFuture<GatewayProcess>> starting = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String name = "replica-" + i;
            starting.add(CompletableFuture.supplyAsync(() -> GatewayProcess.start(name, database, config)));
        }
        for (var gateway : starting) {
            gateways.add(gateway.get());
        }
        TestKeycloak.get().token(TestKeycloak.ALL_SCOPES);

        int requests = 3 * BURST;
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> admittedBy = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<?>> sent = new ArrayList<>();
        for (int n = 0; n < requests; n++) {
            GatewayProcess gateway = gateways.get(n % gateways.size());
            sent.add(senders.submit(() -> {
                Response answer = given().baseUri(gateway.url()).get("/api/v1/master-data/employees/EMP-001");
                statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                if (answer.statusCode() == 200) {
                    admittedBy.computeIfAbsent(gateway.name(), g -> new AtomicInteger()).incrementAndGet();
                }
            }));
        }
        for (Future<?> request : sent) {
            request.get();
        }
        senders.shutdown();

        assertThat(statuses.keySet()).as("answers other than admitted or rate-limited").containsOnly(200, 429);
        assertThat(statuses.get(200).get()).as("admitted of %d requests over 3 replicas (per replica %s)", requests,
                admittedBy).isEqualTo(BURST);
        assertThat(statuses.get(429).get()).as("refused").isEqualTo(requests - BURST);
        assertThat(admittedBy.keySet()).as("replicas that admitted some").hasSize(3);
    }
}
