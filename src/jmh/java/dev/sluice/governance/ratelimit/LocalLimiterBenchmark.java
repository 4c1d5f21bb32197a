package dev.sluice.governance.ratelimit;

import java.time.Clock;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The in-process rate-limit decision per request: {@link LocalLimiter#take(String, Plan, long)}
 * (the generic cell rate algorithm and the daily count, as without Redis or while Redis cannot be
 * reached), cost 1, on the system clock as {@code RateLimits} builds it. The plan is high enough
 * never to refuse, so every call takes the admitting path; clients take turns, one request each,
 * among {@code clients} distinct clients whose cells already exist.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LocalLimiterBenchmark {

    /** A billion units a second, a billion at once, and a daily quota never reached. */
    private static final Plan UNLIMITED = new Plan("bench", 1e9, 1_000_000_000L, Long.MAX_VALUE / 2, true);

    @Param({"1", "1000"})
    public int clients;

    private LocalLimiter limiter;
    private String[] clientIds;

    /** Which client sends the next request; each benchmark thread takes its own turns. */
    @State(Scope.Thread)
    public static class Turn {
        int next;
    }

    @Setup
    public void setUp() {
        limiter = new LocalLimiter(Clock.systemUTC());
        clientIds = new String[clients];
        for (int i = 0; i < clients; i++) {
            clientIds[i] = "client-" + i;
            requireAdmitted(clientIds[i]);
        }
    }

    @Benchmark
    public CompletionStage<Decision> take(Turn turn) {
        int i = turn.next;
        turn.next = i + 1 == clientIds.length ? 0 : i + 1;
        return limiter.take(clientIds[i], UNLIMITED, 1);
    }

    /** The plan still admits: the benchmark measured the admitting path throughout. */
    @TearDown(Level.Iteration)
    public void stillAdmitting() {
        requireAdmitted(clientIds[0]);
    }

    private void requireAdmitted(String clientId) {
        Decision decision = limiter.take(clientId, UNLIMITED, 1).toCompletableFuture().join();
        if (!decision.admitted()) {
            throw new IllegalStateException("the benchmark plan refused " + clientId + ": " + decision);
        }
    }
}
