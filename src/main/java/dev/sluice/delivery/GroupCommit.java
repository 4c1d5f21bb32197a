package dev.sluice.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Stores what callers submit together, in groups: while one group is being stored, what arrives
 * waits, and the next caller to get its turn stores everything waiting (up to a group) in one go.
 * Each caller gets its own result, or its own failure: when storing a group fails, each item of
 * it is stored alone, so one item's failure is never another's.
 *
 * @param <T> what is stored
 * @param <R> what storing one item answers
 */
final class GroupCommit<T, R> {

    private record Waiting<T, R>(T item, CompletableFuture<R> result) {
    }

    private final int maxGroup;
    private final Function<List<T>, List<R>> storeAll;
    private final Queue<Waiting<T, R>> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock storing = new ReentrantLock();

    /** {@code storeAll} stores a group at once and answers one result per item, in order. */
    GroupCommit(int maxGroup, Function<List<T>, List<R>> storeAll) {
        this.maxGroup = maxGroup;
        this.storeAll = storeAll;
    }

    /** Stores the item, with whatever else is waiting; returns once it is stored, or throws why not. */
    R submit(T item) {
        Waiting<T, R> mine = new Waiting<>(item, new CompletableFuture<>());
        waiting.add(mine);
        storing.lock();
        try {
            while (!mine.result().isDone()) {
                storeNextGroup();
            }
        } finally {
            storing.unlock();
        }
        try {
            return mine.result().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private void storeNextGroup() {
        List<Waiting<T, R>> group = new ArrayList<>();
        for (Waiting<T, R> next; group.size() < maxGroup && (next = waiting.poll()) != null; ) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            List<R> results = storeAll.apply(group.stream().map(Waiting::item).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException groupFailed) {
            for (Waiting<T, R> one : group) {
                try {
                    one.result().complete(storeAll.apply(List.of(one.item())).get(0));
                } catch (RuntimeException e) {
                    one.result().completeExceptionally(e);
                }
            }
        }
    }
}
