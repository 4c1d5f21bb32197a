package dev.sluice.governance.ratelimit;

import dev.sluice.governance.ClientRegistry;
import dev.sluice.platform.ReplicaCount;
import dev.sluice.problem.ProblemException;
import dev.sluice.problem.ProblemKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Charges requests to their client's plan. With Redis configured ({@code quarkus.redis.hosts})
 * the count is shared by every gateway process; without it, each process counts alone. When
 * Redis cannot be reached, a fail-open plan is counted in this process at its share of the plan
 * (limits divided by the expected replicas), a fail-closed plan refuses with 503.
 */
@ApplicationScoped
public class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class);

    private final RateLimitPolicies policies;
    private final ClientRegistry clients;
    private final MeterRegistry metrics;
    private final Limiter shared;
    private final Clock clock;
    /** The processes alive, whose number a fail-open plan is shared by while Redis is away. */
    private final ReplicaCount replicas;
    private final LocalLimiter local;
    private final LocalLimiter degradedLimiter;
    private final Duration timeout;
    private final Timer redisLatency;
    private final AtomicLong degradedSince = new AtomicLong();
    private final Counter degradedSeconds;
    private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();

    RateLimits(RateLimitPolicies policies, ClientRegistry clients, MeterRegistry metrics, RateLimitConfig config,
            SharedRedis redis, Clock clock, ReplicaCount replicas) {
        this.policies = policies;
        this.replicas = replicas;
        this.clock = clock;
        this.local = new LocalLimiter(clock);
        this.degradedLimiter = new LocalLimiter(clock);
        this.clients = clients;
        this.metrics = metrics;
        this.timeout = config.redisTimeout();
        this.redisLatency = Timer.builder("sluice.rate.limit.redis")
                .description("Time to a rate-limit decision from Redis")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
        this.shared = redis.api()
                .<Limiter>map(api -> new RedisLimiter(redis, api, config.redisPrefix(), config.redisTimeout(),
                        nanos -> redisLatency.record(nanos, TimeUnit.NANOSECONDS)))
                .orElse(null);
        this.degradedSeconds = Counter.builder("sluice.rate.limit.degraded.seconds")
                .description("Time spent deciding rate limits without Redis")
                .baseUnit("seconds")
                .register(metrics);
        Gauge.builder("sluice.rate.limit.degraded", degradedSince, since -> since.get() == 0 ? 0 : 1)
                .description("1 while Redis cannot be reached and plans are applied per their Redis-failure rule")
                .register(metrics);
        LOG.infof("Rate limits counted %s", shared == null ? "in this process (no quarkus.redis.hosts)"
                : "in Redis, shared by every gateway process");
    }

    /** Where the count is kept, and whether that store is answering. */
    public record Mode(String store, boolean degraded, long degradedForSeconds) {
    }

    public Mode mode() {
        long since = degradedSince.get();
        return new Mode(shared == null ? "in-process" : "redis", since != 0,
                since == 0 ? 0 : (clock.millis() - since) / 1000);
    }

    /** What requests of an operation cost; {@link RateLimitPolicy#PER_ENTRY} when the body decides. */
    public int cost(String operationId) {
        return policies.current().cost(operationId);
    }

    /** Charges the request now (blocking up to the Redis timeout); throws the refusal as a problem. */
    public Decision charge(String clientId, long cost) {
        try {
            return chargeAsync(clientId, cost).toCompletableFuture().get(timeout.toMillis() * 2 + 1000,
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw unavailable(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(1);
        }
    }

    /** Charges the request; the stage fails with the refusal as a problem. */
    public CompletionStage<Decision> chargeAsync(String clientId, long cost) {
        Plan plan = policies.current().plan(clients.ratePlan(clientId));
        CompletionStage<Decision> decided;
        if (shared == null) {
            decided = local.take(clientId, plan, cost);
        } else {
            decided = shared.take(clientId, plan, cost).handle((decision, failure) -> {
                if (failure == null) {
                    recovered();
                    return CompletableFuture.completedFuture(decision);
                }
                degraded(failure);
                if (!plan.failOpen()) {
                    count(clientId, plan, "unavailable", "none");
                    return CompletableFuture.<Decision>failedFuture(unavailable(1));
                }
                return CompletableFuture.completedFuture(
                        degradedLimiter.decide(clientId, plan.share(replicas.alive()), cost, true));
            }).thenCompose(stage -> stage);
        }
        return decided.thenApply(decision -> {
            count(clientId, plan, decision.admitted() ? "admitted" : "rejected",
                    decision.admitted() ? "none" : String.join("+", decision.violated()));
            if (!decision.admitted()) {
                throw refusal(decision);
            }
            return decision;
        });
    }

    /** The headers that describe a decision, for every answer to an admitted or refused request. */
    public static Map<String, String> headers(Decision decision) {
        StringBuilder policy = new StringBuilder();
        for (Decision.PolicyState state : decision.policies()) {
            if (!policy.isEmpty()) {
                policy.append(", ");
            }
            policy.append('"').append(state.name()).append("\";q=").append(state.quota()).append(";w=")
                    .append(state.windowSeconds());
        }
        Decision.PolicyState nearest = decision.nearest();
        String limit = "\"" + nearest.name() + "\";r=" + nearest.remaining() + ";t=" + nearest.resetSeconds();
        return Map.of("RateLimit-Policy", policy.toString(), "RateLimit", limit);
    }

    private static ProblemException refusal(Decision decision) {
        Map<String, String> headers = new java.util.HashMap<>(headers(decision));
        headers.put("Retry-After", Long.toString(decision.retryAfterSeconds()));
        List<String> violated = decision.violated();
        String detail = violated.contains("daily")
                ? "The daily quota of " + decision.plan().dailyQuota() + " units of plan " + decision.plan().name()
                        + " is used up; it renews at midnight UTC"
                : decision.cost() > decision.plan().burst()
                        ? "This request costs " + decision.cost() + " units, more than the burst of "
                                + decision.plan().burst() + " of plan " + decision.plan().name()
                                + "; it is admitted once the whole burst is available again"
                        : "Plan " + decision.plan().name() + " allows " + decision.plan().burst() + " units at once and "
                                + java.math.BigDecimal.valueOf(decision.plan().rate()).stripTrailingZeros()
                                        .toPlainString()
                                + " per second; this request costs " + decision.cost();
        return ProblemException.quotaExceeded(detail, violated, headers);
    }

    private static ProblemException unavailable(long retryAfterSeconds) {
        return new ProblemException(ProblemKind.SERVICE_UNAVAILABLE,
                "Rate limits cannot be checked now and this client's plan admits nothing unchecked; try again shortly",
                List.of(), Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    private void count(String clientId, Plan plan, String outcome, String violated) {
        counters.computeIfAbsent(new CounterKey(clientId, plan.name(), outcome, violated), key ->
                Counter.builder("sluice.rate.limit.requests")
                        .description("Requests charged to rate-limit plans, by outcome and, when rejected, the policies"
                                + " exceeded")
                        .tag("client", key.client())
                        .tag("plan", key.plan())
                        .tag("outcome", key.outcome())
                        .tag("policy", key.policy())
                        .register(metrics))
                .increment();
    }

    private record CounterKey(String client, String plan, String outcome, String policy) {
    }

    private void degraded(Throwable failure) {
        long now = clock.millis();
        if (degradedSince.compareAndSet(0, now)) {
            LOG.warnf("Rate limits cannot reach Redis (%s); each plan's on-redis-failure rule applies",
                    failure.getMessage());
        }
    }

    private void recovered() {
        long since = degradedSince.getAndSet(0);
        if (since != 0) {
            double seconds = (clock.millis() - since) / 1000d;
            degradedSeconds.increment(seconds);
            LOG.infof("Rate limits reach Redis again after %.1f s", seconds);
        }
    }
}
