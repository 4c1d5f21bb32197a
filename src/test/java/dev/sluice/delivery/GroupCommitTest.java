package dev.sluice.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private final List<List<String>> stored = new CopyOnWriteArrayList<>();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final CountDownLatch firstGroupMayFinish = new CountDownLatch(1);

    @AfterEach
    void stop() {
        firstGroupMayFinish.countDown();
        callers.shutdownNow();
    }

    /** Stores a group, answering each item upper-cased; the first group waits until let go. */
    private List<String> store(List<String> group) {
        stored.add(group);
        if (stored.size() == 1) {
            try {
                firstGroupMayFinish.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (group.size() > 1 && group.contains("bad")) {
            throw new IllegalStateException("the group holds a bad item");
        }
        if (group.equals(List.of("bad"))) {
            throw new IllegalArgumentException("bad cannot be stored");
        }
        return group.stream().map(String::toUpperCase).toList();
    }

    @Test
    void whatArrivesWhileAGroupIsStoredIsStoredTogetherNext() {
        GroupCommit<String, String> commit = new GroupCommit<>(64, this::store);
        CompletableFuture<String> first = submit(commit, "first");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> stored.size() == 1);
        List<CompletableFuture<String>> others = IntStream.range(0, 10).mapToObj(i -> submit(commit, "w" + i)).toList();
        awaitAllWaiting(others.size());

        firstGroupMayFinish.countDown();

        assertThat(first.join()).isEqualTo("FIRST");
        assertThat(others).allSatisfy(f -> assertThat(f.join()).isIn(
                IntStream.range(0, 10).mapToObj(i -> "W" + i).toList()));
        assertThat(others.stream().map(CompletableFuture::join).distinct()).hasSize(10);
        assertThat(stored).hasSize(2);
        assertThat(stored.get(1)).hasSize(10);
    }

    @Test
    void aGroupIsNoLargerThanItsLimit() {
        GroupCommit<String, String> commit = new GroupCommit<>(4, this::store);
        CompletableFuture<String> first = submit(commit, "first");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> stored.size() == 1);
        List<CompletableFuture<String>> others = IntStream.range(0, 10).mapToObj(i -> submit(commit, "w" + i)).toList();
        awaitAllWaiting(others.size());

        firstGroupMayFinish.countDown();

        others.forEach(CompletableFuture::join);
        first.join();
        assertThat(stored.subList(1, stored.size())).extracting(List::size).containsExactly(4, 4, 2);
    }

    @Test
    void whenAGroupFailsEachItemIsStoredAloneAndOnlyTheFailingOneFails() {
        GroupCommit<String, String> commit = new GroupCommit<>(64, this::store);
        CompletableFuture<String> first = submit(commit, "first");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> stored.size() == 1);
        CompletableFuture<String> before = submit(commit, "before");
        awaitAllWaiting(1);
        CompletableFuture<String> bad = submit(commit, "bad");
        awaitAllWaiting(2);
        CompletableFuture<String> after = submit(commit, "after");
        awaitAllWaiting(3);

        firstGroupMayFinish.countDown();

        assertThat(first.join()).isEqualTo("FIRST");
        assertThat(before.join()).isEqualTo("BEFORE");
        assertThat(after.join()).isEqualTo("AFTER");
        assertThatThrownBy(bad::join).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad cannot be stored");
        assertThat(stored.subList(1, stored.size())).containsExactly(
                List.of("before", "bad", "after"), List.of("before"), List.of("bad"), List.of("after"));
    }

    private CompletableFuture<String> submit(GroupCommit<String, String> commit, String item) {
        return CompletableFuture.supplyAsync(() -> commit.submit(item), callers);
    }

    /** Waits until this many callers besides the one storing wait for their turn. */
    private static void awaitAllWaiting(int callers) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getState() == Thread.State.WAITING)
                .filter(t -> List.of(t.getStackTrace()).stream()
                        .anyMatch(frame -> frame.getClassName().equals(GroupCommit.class.getName())))
                .count() >= callers);
    }
}
