package dev.sluice.governance.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import dev.sluice.platform.ReplicaCount;
import io.vertx.redis.client.RedisAPI;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps an ERP backend from being flooded: before each call the delivering worker takes a permit,
 * within the backend's limits from {@code policies/rate-limits.yaml} (calls at once, calls a
 * second), shared by every gateway process through Redis, or counted here without it. When the
 * backend answers 429 with Retry-After, every process waits that long before calling it again.
 */
@ApplicationScoped
public class ErpAllowance {

    private static final Logger LOG = Logger.getLogger(ErpAllowance.class);
    /** A permit lapses by itself if its process dies before giving it back. */
    private static final Duration PERMIT_LEASE = Duration.ofSeconds(60);

    private final RateLimitPolicies policies;
    private final MeterRegistry metrics;
    private final RedisScript take;
    private final RedisAPI redis;
    private final String prefix;
    private final Duration timeout;
    private final Breaker breaker = new Breaker();
    private final Map<String, LocalBackend> local = new ConcurrentHashMap<>();
    private final Clock clock;
    /** The processes alive, whose number each backend's limits are shared by without Redis. */
    private final ReplicaCount replicas;

    ErpAllowance(RateLimitPolicies policies, MeterRegistry metrics, SharedRedis shared, RateLimitConfig config,
            Clock clock, ReplicaCount replicas) {
        this.policies = policies;
        this.replicas = replicas;
        this.clock = clock;
        this.metrics = metrics;
        this.redis = shared.api().orElse(null);
        this.take = redis == null ? null : new RedisScript(redis, "/ratelimit/erp-take.lua");
        this.prefix = config.redisPrefix();
        this.timeout = config.redisTimeout();
    }

    /** A call's permit, or how long to wait before asking again. */
    public record Permit(boolean granted, long waitMillis, String id, boolean shared) {
        static final Permit UNLIMITED = new Permit(true, 0, null, false);
    }

    /** Takes a permit to call the backend now, or says how long to wait. */
    public Permit acquire(String backend) {
        Optional<BackendLimit> limit = policies.current().backend(backend);
        if (limit.isEmpty()) {
            return Permit.UNLIMITED;
        }
        String id = UUID.randomUUID().toString();
        Permit permit = null;
        if (take != null && breaker.allows()) {
            try {
                // the rate cell is the limit's own: a changed rate applies from the next call
                String rateCell = key(backend, "rate:" + limit.get().rate());
                var answer = take.run(List.of(rateCell, key(backend, "calls"), key(backend, "pause")),
                                List.of(Double.toString(1_000_000d / limit.get().rate()),
                                        Integer.toString(limit.get().concurrency()), id,
                                        Long.toString(PERMIT_LEASE.toNanos() / 1000)))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                breaker.succeeded();
                permit = new Permit(answer.get(0).toInteger() == 1, answer.get(1).toLong(), id, true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Permit(false, 100, null, false);
            } catch (Exception e) {
                breaker.failed();
                LOG.debugf("ERP allowance from Redis failed (%s); counting this process' share", e.toString());
            }
        }
        if (permit == null) {
            BackendLimit counted = take == null ? limit.get() : limit.get().share(replicas.alive());
            permit = local.computeIfAbsent(backend, b -> new LocalBackend()).acquire(counted, id, clock.millis() * 1000);
        }
        Counter.builder("sluice.erp.calls")
                .description("Calls to the ERP asked for by delivery workers: permitted, or told to wait")
                .tag("backend", backend)
                .tag("outcome", permit.granted() ? "permitted" : "waited")
                .register(metrics)
                .increment();
        return permit;
    }

    /** Gives a permit back once its call is answered. */
    public void release(String backend, Permit permit) {
        if (permit.id() == null || !permit.granted()) {
            return;
        }
        if (permit.shared()) {
            redis.zrem(List.of(key(backend, "calls"), permit.id()));
        } else {
            LocalBackend counted = local.get(backend);
            if (counted != null) {
                counted.release(permit.id());
            }
        }
    }

    /** The backend asked to be left alone for a while (its 429 and Retry-After): every process waits. */
    public void pause(String backend, Duration retryAfter) {
        long until = (clock.millis() + retryAfter.toMillis()) * 1000;
        local.computeIfAbsent(backend, b -> new LocalBackend()).pause(until);
        if (redis != null) {
            // the pause is kept on Redis' clock by the script; here it is set from ours, which is close enough
            redis.set(List.of(key(backend, "pause"), Long.toString(until), "PX",
                    Long.toString(Math.max(1, retryAfter.toMillis()))));
        }
    }

    private String key(String backend, String what) {
        return prefix + ":erp:{" + backend + "}:" + what;
    }

    /** The same arithmetic as {@code erp-take.lua}, in this process. */
    private static final class LocalBackend {
        private double rate;
        private double tat;
        private long pauseUntil;
        private final Map<String, Long> calls = new java.util.HashMap<>();

        synchronized Permit acquire(BackendLimit limit, String id, long now) {
            if (pauseUntil > now) {
                return new Permit(false, (pauseUntil - now + 999) / 1000, null, false);
            }
            calls.values().removeIf(lapse -> lapse <= now);
            if (calls.size() >= limit.concurrency()) {
                return new Permit(false, 20, null, false);
            }
            if (rate != limit.rate()) {
                // a changed rate applies from the next call
                rate = limit.rate();
                tat = 0;
            }
            double at = Math.max(tat, now);
            if (at > now) {
                return new Permit(false, (long) Math.ceil((at - now) / 1000), null, false);
            }
            tat = at + 1_000_000d / limit.rate();
            calls.put(id, now + PERMIT_LEASE.toNanos() / 1000);
            return new Permit(true, 0, id, false);
        }

        synchronized void release(String id) {
            calls.remove(id);
        }

        synchronized void pause(long until) {
            pauseUntil = Math.max(pauseUntil, until);
        }
    }
}
