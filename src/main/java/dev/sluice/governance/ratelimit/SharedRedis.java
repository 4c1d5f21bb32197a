package dev.sluice.governance.ratelimit;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The Redis every gateway process shares, when {@code quarkus.redis.hosts} names one. */
@ApplicationScoped
public class SharedRedis {

    private final Vertx vertx;
    private final Redis client;
    private final RedisAPI api;

    SharedRedis(Vertx vertx, @ConfigProperty(name = "quarkus.redis.hosts") Optional<String> hosts) {
        this.vertx = vertx;
        this.client = hosts.filter(h -> !h.isBlank())
                .map(h -> Redis.createClient(vertx, new RedisOptions().setConnectionString(h)
                        .setMaxPoolSize(16).setMaxPoolWaiting(1024).setMaxWaitingHandlers(4096)))
                .orElse(null);
        this.api = client == null ? null : RedisAPI.api(client);
    }

    Optional<RedisAPI> api() {
        return Optional.ofNullable(api);
    }

    /**
     * {@code answer}, failed with a {@link TimeoutException} when it does not complete within
     * {@code timeout}. The timer is Vert.x's, so what follows a timeout runs on a thread of the
     * application, as what follows Redis' answer does (the JDK's own timeout would complete it on
     * a thread of its own, and a request resumed there is served without the application's
     * class loader).
     */
    <T> CompletableFuture<T> within(CompletableFuture<T> answer, Duration timeout) {
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> answer.completeExceptionally(
                new TimeoutException("no answer within " + timeout.toMillis() + " ms")));
        answer.whenComplete((value, failure) -> vertx.cancelTimer(timer));
        return answer;
    }

    void close(@Observes ShutdownEvent event) {
        if (client != null) {
            client.close();
        }
    }
}
