package dev.sluice.governance.ratelimit;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The Redis every gateway process shares, when {@code quarkus.redis.hosts} names one. */
@ApplicationScoped
public class SharedRedis {

    private final Redis client;
    private final RedisAPI api;

    SharedRedis(Vertx vertx, @ConfigProperty(name = "quarkus.redis.hosts") Optional<String> hosts) {
        this.client = hosts.filter(h -> !h.isBlank())
                .map(h -> Redis.createClient(vertx, new RedisOptions().setConnectionString(h)
                        .setMaxPoolSize(16).setMaxPoolWaiting(1024).setMaxWaitingHandlers(4096)))
                .orElse(null);
        this.api = client == null ? null : RedisAPI.api(client);
    }

    Optional<RedisAPI> api() {
        return Optional.ofNullable(api);
    }

    void close(@Observes ShutdownEvent event) {
        if (client != null) {
            client.close();
        }
    }
}
