package dev.callgate.limits.throttle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
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
 * per node; the counters of the metrics endpoint are the running totals.
 */
public final class ThrottleActivity {
    public static final int SLOT_SECONDS = 10;
    public static final int SLOTS = 60;
    static final int REFUSALS_KEPT = 100;
    private static final long SLOT_MILLIS = SLOT_SECONDS * 1000L;

    private final Clock clock;
    private final ConcurrentMap<BucketKey, Ring> rings = new ConcurrentHashMap<>();
    // The last refusals, each in the cell of its sequence number modulo their number: the event loops refuse in
    // parallel, and a lock or a queue shared by all of them would be taken on every refusal.
    private final AtomicReferenceArray<Kept> refusals = new AtomicReferenceArray<>(REFUSALS_KEPT);
    private final AtomicLong refused = new AtomicLong();

    ThrottleActivity(Clock clock) {
        this.clock = clock;
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
        rings.computeIfAbsent(key, k -> new Ring()).count(slotNow(), true);
    }

    void throttled(BucketKey key, String message) {
        long now = clock.millis();
        rings.computeIfAbsent(key, k -> new Ring()).count(now / SLOT_MILLIS, false);
        long sequence = refused.getAndIncrement();
        Kept kept = new Kept(sequence, new Refusal(now, key.accountId(), key.region(), key.service(), key.operation(), message));
        int cell = (int) (sequence % REFUSALS_KEPT);
        // A refusal numbered a whole ring later may have taken the cell first: the newer one stays.
        Kept there;
        do {
            there = refusals.get(cell);
            if (there != null && there.sequence() > sequence) {
                return;
            }
        } while (!refusals.compareAndSet(cell, there, kept));
    }

    /** The buckets that had calls in the window, of one account or (null) of all, by account, region, service and operation. */
    public List<Bucket> buckets(String accountId) {
        long current = slotNow();
        List<Bucket> buckets = new ArrayList<>();
        for (Map.Entry<BucketKey, Ring> entry : rings.entrySet()) {
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
        List<Kept> kept = new ArrayList<>(REFUSALS_KEPT);
        for (int i = 0; i < REFUSALS_KEPT; i++) {
            Kept cell = refusals.get(i);
            if (cell != null && cell.refusal().atMillis() >= since && (accountId == null || accountId.equals(cell.refusal().accountId()))) {
                kept.add(cell);
            }
        }
        kept.sort(Comparator.comparingLong(Kept::sequence).reversed());
        return kept.stream().map(Kept::refusal).toList();
    }

    void clear() {
        rings.clear();
        for (int i = 0; i < REFUSALS_KEPT; i++) {
            refusals.set(i, null);
        }
    }

    private long slotNow() {
        return clock.millis() / SLOT_MILLIS;
    }

    private record Kept(long sequence, Refusal refusal) {
    }

    /** A bucket's counts in a ring of slots; a cell holding an older slot than the one counted starts again from zero. */
    private static final class Ring {
        private final long[] slotOf = new long[SLOTS];
        private final long[] admitted = new long[SLOTS];
        private final long[] throttled = new long[SLOTS];

        Ring() {
            Arrays.fill(slotOf, Long.MIN_VALUE);
        }

        synchronized void count(long slot, boolean admit) {
            int cell = (int) Math.floorMod(slot, SLOTS);
            if (slotOf[cell] != slot) {
                slotOf[cell] = slot;
                admitted[cell] = 0;
                throttled[cell] = 0;
            }
            if (admit) {
                admitted[cell]++;
            } else {
                throttled[cell]++;
            }
        }

        synchronized List<Slot> window(long current) {
            List<Slot> slots = new ArrayList<>(SLOTS);
            for (long slot = current - SLOTS + 1; slot <= current; slot++) {
                int cell = (int) Math.floorMod(slot, SLOTS);
                boolean held = slotOf[cell] == slot;
                slots.add(new Slot(slot * SLOT_MILLIS, held ? admitted[cell] : 0, held ? throttled[cell] : 0));
            }
            return slots;
        }
    }
}
