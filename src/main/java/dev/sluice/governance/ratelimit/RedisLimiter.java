package dev.sluice.governance.ratelimit;

import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;

/**
 * The limiter every gateway process shares: {@code take.lua} run atomically in Redis, one cell
 * per client and policy, the keys hash-tagged by client so a Redis Cluster keeps them on one slot.
 * A call answers within the configured timeout or fails; repeated failures open a breaker, during
 * which calls fail at once instead of waiting on a Redis that is gone.
 */
final class RedisLimiter implements Limiter {

    private final RedisScript script;
    private final String prefix;
    private final Duration timeout;
    private final LongConsumer latencyNanos;
    private final SharedRedis redis;
    private final Breaker breaker = new Breaker();

    RedisLimiter(SharedRedis redis, RedisAPI api, String prefix, Duration timeout, LongConsumer latencyNanos) {
        this.redis = redis;
        this.script = new RedisScript(api, "/ratelimit/take.lua");
        this.prefix = prefix;
        this.timeout = timeout;
        this.latencyNanos = latencyNanos;
    }

    /** Thrown (in the stage) when Redis did not answer: down, slow, or the breaker is open. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    @Override
    public CompletionStage<Decision> take(String clientId, Plan plan, long cost) {
        if (!breaker.allows()) {
            return CompletableFuture.failedFuture(new Unavailable("Redis breaker open", null));
        }
        long started = System.nanoTime();
        String tag = prefix + ":rl:{" + clientId + "}";
        List<String> args = List.of(Double.toString(1_000_000d / plan.rate()), Long.toString(plan.burst()),
                Long.toString(cost), Long.toString(plan.dailyQuota()));
        // the burst cell is the plan's own, so a changed plan starts with its whole burst; the day's count stays
        CompletableFuture<Response> answer = redis.within(
                script.run(List.of(tag + ":burst:" + plan.name(), tag + ":daily"), args), timeout);
        return answer.handle((response, failure) -> {
            latencyNanos.accept(System.nanoTime() - started);
            if (failure != null) {
                breaker.failed();
                throw new Unavailable("Redis did not answer: " + failure, failure);
            }
            breaker.succeeded();
            return Decision.of(response.get(0).toInteger() == 1, plan, cost, response.get(1).toLong(),
                    response.get(2).toLong(), response.get(6).toInteger() == 1, response.get(4).toLong(),
                    response.get(5).toLong(), response.get(7).toInteger() == 1, response.get(3).toLong(), false);
        });
    }
}
