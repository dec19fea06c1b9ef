package dev.callgate.limits.throttle;

import dev.callgate.clock.ServerClock;
import dev.callgate.limits.edition.Edition;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Token buckets in this node's memory: exact for one node (the embedded store), never touching the store. */
final class LocalTokenBuckets implements TokenBuckets {
    private final TimeMeter time;
    private final ConcurrentMap<BucketKey, LocalBucket> buckets = new ConcurrentHashMap<>();

    LocalTokenBuckets(ServerClock clock) {
        this.time = new MonotonicTimeMeter(clock);
    }

    @Override
    public ConsumptionProbe take(BucketKey key, Edition.Rate rate, long revision) {
        LocalBucket bucket = buckets.computeIfAbsent(key, k -> new LocalBucket(rate, revision, time));
        if (revision > bucket.revision) {
            bucket.reconfigure(rate, revision);
        }
        return bucket.tokens.tryConsumeAndReturnRemaining(1);
    }

    @Override
    public boolean inMemory() {
        return true;
    }

    @Override
    public void clear() {
        buckets.clear();
    }

    private static final class LocalBucket {
        private final Bucket tokens;
        private Edition.Rate rate; // read and written under this bucket's lock only
        private volatile long revision;

        LocalBucket(Edition.Rate rate, long revision, TimeMeter time) {
            this.tokens = Bucket.builder().addLimit(TokenBuckets.limit(rate)).withCustomTimePrecision(time).build();
            this.rate = rate;
            this.revision = revision;
        }

        // Revisions only go up: a call that read its overrides before a newer one was set cannot undo it.
        synchronized void reconfigure(Edition.Rate newRate, long newRevision) {
            if (newRevision <= revision) {
                return;
            }
            if (!newRate.equals(rate)) {
                tokens.replaceConfiguration(TokenBuckets.configuration(newRate), TokensInheritanceStrategy.AS_IS);
                rate = newRate;
            }
            revision = newRevision;
        }
    }
}
