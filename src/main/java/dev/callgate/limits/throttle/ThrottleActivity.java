package dev.callgate.limits.throttle;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What this node's throttle did lately, for the operator: each bucket's admitted and throttled calls
 * in {@value #SLOT_SECONDS}-second slots over the last {@value #SLOTS} slots (ten minutes), and the last
 * {@value #REFUSALS_KEPT} refusals with the message each caller got. It is memory only, bounded, and
 * per node. It also counts each bucket's running totals for the metrics endpoint, so that a call finds all it
 * counts in one lookup.
 */
public final class ThrottleActivity {
    public static final int SLOT_SECONDS = 10;
    public static final int SLOTS = 60;
    static final int REFUSALS_KEPT = 100;
    private static final long SLOT_MILLIS = SLOT_SECONDS * 1000L;
    // Stripes of the refusal log, a power of two: each thread writes to the stripe of its id.
    private static final int STRIPES = 8;

    private final Clock clock;
    private final MeterRegistry registry;
    private final ConcurrentMap<BucketKey, Tally> tallies = new ConcurrentHashMap<>();
    // The last refusals, in stripes: the event loops refuse in parallel, and a sequence number or a cell shared by
    // all of them would move between their cores on every refusal. Each stripe keeps its own last ones.
    private final RefusalLog[] logs = new RefusalLog[STRIPES];

    ThrottleActivity(Clock clock, MeterRegistry registry) {
        this.clock = clock;
        this.registry = registry;
        for (int i = 0; i < STRIPES; i++) {
            logs[i] = new RefusalLog();
        }
    }

    /** One bucket's recent calls: one slot per {@value #SLOT_SECONDS} seconds, oldest first, the current slot last. */
    public record Bucket(String accountId, String region, String service, String operation, List<Slot> slots) {
    }

    /** The calls of one slot, which starts at {@code startMillis}. */
    public record Slot(long startMillis, long admitted, long throttled) {
    }

    /** A throttled call: when, whose bucket, and the message its caller got. */
    public record Refusal(long atMillis, String accountId, String region, String service, String operation, String message) {
    }

    void admitted(BucketKey key) {
        tallyOf(key).count(slotNow(), true);
    }

    void throttled(BucketKey key, String message) {
        long now = clock.millis();
        tallyOf(key).count(now / SLOT_MILLIS, false);
        Refusal refusal = new Refusal(now, key.accountId(), key.region(), key.service(), key.operation(), message);
        logs[(int) Thread.currentThread().getId() & (STRIPES - 1)].keep(refusal);
    }

    private Tally tallyOf(BucketKey key) {
        return tallies.computeIfAbsent(key, this::registered);
    }

    /** A new bucket's tally, with its running totals on the metrics endpoint (which holds it weakly: this map keeps it). */
    private Tally registered(BucketKey key) {
        Tally tally = new Tally();
        for (boolean admitted : new boolean[] {true, false}) {
            FunctionCounter.builder("callgate.api.calls", tally, t -> t.total(admitted))
                    .description("AWS API calls by throttle outcome")
                    .tag("account", key.accountId())
                    .tag("region", key.region())
                    .tag("service", key.service())
                    .tag("operation", key.operation())
                    .tag("outcome", admitted ? "admitted" : "throttled")
                    .register(registry);
        }
        return tally;
    }

    /** The buckets that had calls in the window, of one account or (null) of all, by account, region, service and operation. */
    public List<Bucket> buckets(String accountId) {
        long current = slotNow();
        List<Bucket> buckets = new ArrayList<>();
        for (Map.Entry<BucketKey, Tally> entry : tallies.entrySet()) {
            BucketKey key = entry.getKey();
            if (accountId == null || accountId.equals(key.accountId())) {
                List<Slot> slots = entry.getValue().window(current);
                if (slots.stream().anyMatch(s -> s.admitted() + s.throttled() > 0)) {
                    buckets.add(new Bucket(key.accountId(), key.region(), key.service(), key.operation(), slots));
                }
            }
        }
        buckets.sort(Comparator.comparing(Bucket::accountId).thenComparing(Bucket::region).thenComparing(Bucket::service)
                .thenComparing(Bucket::operation));
        return buckets;
    }

    /** The kept refusals of the window, of one account or (null) of all, newest first. */
    public List<Refusal> refusals(String accountId) {
        long since = (slotNow() - SLOTS + 1) * SLOT_MILLIS;
        List<Kept> kept = new ArrayList<>();
        for (RefusalLog log : logs) {
            log.addTo(kept);
        }
        return kept.stream()
                .filter(k -> k.refusal().atMillis() >= since && (accountId == null || accountId.equals(k.refusal().accountId())))
                .sorted(Comparator.comparingLong(Kept::nanos).reversed())
                .limit(REFUSALS_KEPT)
                .map(Kept::refusal)
                .toList();
    }

    /** Forgets the recent calls and refusals; the running totals of the metrics endpoint stay. */
    void clear() {
        tallies.values().forEach(Tally::clearWindow);
        for (RefusalLog log : logs) {
            log.clear();
        }
    }

    private long slotNow() {
        return clock.millis() / SLOT_MILLIS;
    }

    /** A kept refusal: its number in its stripe, and when it came on the monotonic clock, which orders all stripes. */
    private record Kept(long sequence, long nanos, Refusal refusal) {
    }

    /** One stripe's last {@value #REFUSALS_KEPT} refusals, each in the cell of its sequence number modulo their number. */
    private static final class RefusalLog {
        private final AtomicReferenceArray<Kept> cells = new AtomicReferenceArray<>(REFUSALS_KEPT);
        private final AtomicLong refused = new AtomicLong();

        void keep(Refusal refusal) {
            long sequence = refused.getAndIncrement();
            Kept kept = new Kept(sequence, System.nanoTime(), refusal);
            int cell = (int) (sequence % REFUSALS_KEPT);
            // A refusal numbered a whole ring later may have taken the cell first: the newer one stays.
            Kept there;
            do {
                there = cells.get(cell);
                if (there != null && there.sequence() > sequence) {
                    return;
                }
            } while (!cells.compareAndSet(cell, there, kept));
        }

        void addTo(List<Kept> kept) {
            for (int i = 0; i < REFUSALS_KEPT; i++) {
                Kept cell = cells.get(i);
                if (cell != null) {
                    kept.add(cell);
                }
            }
        }

        void clear() {
            for (int i = 0; i < REFUSALS_KEPT; i++) {
                cells.set(i, null);
            }
        }
    }

    /**
     * A bucket's counts on this node: its running totals and its recent slots, in a ring whose cell holding an older
     * slot than the one counted starts again from zero. One lock and a cell's three numbers side by side: both event
     * loops count the same buckets, and every cache line a call writes moves between their cores. Ints, not longs:
     * every account that calls gets tallies that live as long as the server, and a slot's number (ten-second slots
     * since 1970) and its calls fit in an int for centuries.
     */
    private static final class Tally {
        private static final int SLOT = 0;
        private static final int ADMITTED = 1;
        private static final int THROTTLED = 2;
        private final int[] cells = new int[SLOTS * 3];
        private long admittedTotal;
        private long throttledTotal;

        Tally() {
            clearWindow();
        }

        synchronized void count(long slot, boolean admit) {
            int cell = (int) Math.floorMod(slot, SLOTS) * 3;
            if (cells[cell + SLOT] != (int) slot) {
                cells[cell + SLOT] = (int) slot;
                cells[cell + ADMITTED] = 0;
                cells[cell + THROTTLED] = 0;
            }
            if (admit) {
                cells[cell + ADMITTED]++;
                admittedTotal++;
            } else {
                cells[cell + THROTTLED]++;
                throttledTotal++;
            }
        }

        synchronized double total(boolean admitted) {
            return admitted ? admittedTotal : throttledTotal;
        }

        synchronized List<Slot> window(long current) {
            List<Slot> slots = new ArrayList<>(SLOTS);
            for (long slot = current - SLOTS + 1; slot <= current; slot++) {
                int cell = (int) Math.floorMod(slot, SLOTS) * 3;
                boolean held = cells[cell + SLOT] == (int) slot;
                slots.add(new Slot(slot * SLOT_MILLIS, held ? cells[cell + ADMITTED] : 0, held ? cells[cell + THROTTLED] : 0));
            }
            return slots;
        }

        synchronized void clearWindow() {
            for (int cell = 0; cell < cells.length; cell += 3) {
                cells[cell + SLOT] = Integer.MIN_VALUE;
            }
        }
    }
}
