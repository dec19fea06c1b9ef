package dev.callgate.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Racers on threads of their own, released together by a barrier once every one of them is ready.
 * Their answers come back in racer order; what a racer throws (an exception it does not turn into an
 * answer, or a failed assertion) fails the race, with every other racer's failure attached.
 */
public final class Race {
    /** How long a race may take before it counts as hung: far beyond any race of a few calls each. */
    private static final long TIMEOUT_SECONDS = 120;

    private Race() {
    }

    /** One racer's run; {@code index} is its place, 0 to count − 1. */
    @FunctionalInterface
    public interface Racer<T> {
        T run(int index) throws Exception;
    }

    /** Runs {@code count} racers at once (none: no answers); their answers (null allowed) in racer order. */
    public static <T> List<T> run(int count, Racer<T> racer) {
        if (count == 0) {
            return List.of();
        }
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CyclicBarrier start = new CyclicBarrier(count);
            List<Future<T>> runs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                runs.add(threads.submit(() -> {
                    start.await();
                    return racer.run(index);
                }));
            }
            return answers(runs);
        } finally {
            threads.shutdownNow();
        }
    }

    private static <T> List<T> answers(List<Future<T>> runs) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        List<T> answers = new ArrayList<>();
        AssertionError failed = null;
        for (int i = 0; i < runs.size(); i++) {
            try {
                answers.add(runs.get(i).get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                AssertionError failure = new AssertionError("racer " + i + " of " + runs.size() + " failed: " + e.getCause(), e.getCause());
                if (failed == null) {
                    failed = failure;
                } else {
                    failed.addSuppressed(failure);
                }
            } catch (TimeoutException e) {
                throw new AssertionError("racer " + i + " of " + runs.size() + " did not finish within " + TIMEOUT_SECONDS + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while racer " + i + " ran", e);
            }
        }
        if (failed != null) {
            throw failed;
        }
        return answers;
    }
}
