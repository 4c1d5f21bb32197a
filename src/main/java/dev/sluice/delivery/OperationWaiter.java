package dev.sluice.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Lets a request wait for its operation to finish ({@code Prefer: wait=N}). Deliveries in this
 * process wake waiters at once; a delivery by another process is seen by polling.
 */
@ApplicationScoped
public class OperationWaiter {

    private static final long POLL_MILLIS = 200;

    private final Operations operations;
    private final ConcurrentMap<UUID, Object> waiting = new ConcurrentHashMap<>();

    OperationWaiter(Operations operations) {
        this.operations = operations;
    }

    /** The operation once final, or as it stands when {@code patience} runs out. */
    public OperationSnapshot await(UUID id, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        Object monitor = waiting.computeIfAbsent(id, k -> new Object());
        try {
            while (true) {
                OperationSnapshot now = operations.find(id).orElseThrow();
                long left = deadline - System.nanoTime();
                if (now.status().isFinal() || left <= 0) {
                    return now;
                }
                synchronized (monitor) {
                    monitor.wait(Math.max(1, Math.min(POLL_MILLIS, left / 1_000_000)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return operations.find(id).orElseThrow();
        } finally {
            waiting.remove(id, monitor);
        }
    }

    void finished(UUID id) {
        Object monitor = waiting.get(id);
        if (monitor != null) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }
}
