package dev.sluice.governance.ratelimit;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The limiter of one process: the same generic cell rate algorithm and daily count as the Redis
 * script ({@code ratelimit.lua}), on this process' clock. It serves when no Redis is configured,
 * and, at a share of each plan, while Redis cannot be reached.
 */
final class LocalLimiter implements Limiter {

    private static final long DAY_MICROS = 86_400_000_000L;

    private final Clock clock;
    private final ConcurrentMap<String, Cell> cells = new ConcurrentHashMap<>();

    LocalLimiter(Clock clock) {
        this.clock = clock;
    }

    /** One client's state: the theoretical arrival time of its next unit, and its count today. */
    private static final class Cell {
        String plan;
        double tat;
        long day;
        long used;
    }

    @Override
    public CompletionStage<Decision> take(String clientId, Plan plan, long cost) {
        return CompletableFuture.completedFuture(decide(clientId, plan, cost, false));
    }

    Decision decide(String clientId, Plan plan, long cost, boolean degraded) {
        long now = clock.millis() * 1000;
        Cell cell = cells.computeIfAbsent(clientId, k -> new Cell());
        synchronized (cell) {
            if (!plan.name().equals(cell.plan)) {
                // a changed plan starts with its whole burst; the day's count stays
                cell.plan = plan.name();
                cell.tat = 0;
            }
            double interval = 1_000_000d / plan.rate();
            double tau = plan.burst() * interval;
            double tat = Math.max(cell.tat, now);
            long day = now / DAY_MICROS;
            if (cell.day != day) {
                cell.day = day;
                cell.used = 0;
            }
            double newTat = tat + cost * interval;
            boolean burstOk = cost > plan.burst() ? tat <= now : newTat - tau <= now;
            boolean dailyOk = cell.used + cost <= plan.dailyQuota();
            boolean admitted = burstOk && dailyOk;
            if (admitted) {
                tat = newTat;
                cell.tat = tat;
                cell.used += cost;
            }
            long remaining = Math.max(0, (long) Math.floor((now + tau - tat) / interval));
            double retry = 0;
            if (!burstOk) {
                retry = cost > plan.burst() ? tat - now : newTat - tau - now;
            }
            long dayEnd = (day + 1) * DAY_MICROS;
            if (!dailyOk) {
                retry = Math.max(retry, dayEnd - now);
            }
            return Decision.of(admitted, plan, cost, remaining, microsToMillis(tat - now), !burstOk, cell.used,
                    microsToMillis(dayEnd - now), !dailyOk, microsToMillis(retry), degraded);
        }
    }

    private static long microsToMillis(double micros) {
        return (long) Math.ceil(micros / 1000);
    }
}
