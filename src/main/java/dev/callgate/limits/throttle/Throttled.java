package dev.callgate.limits.throttle;

import dev.callgate.aws.ErrorCode;
import dev.callgate.aws.ServiceError;
import dev.callgate.limits.edition.Edition;
import java.util.Map;

/**
 * The refusal of a call whose throttle bucket is empty: ThrottlingException 429, which every AWS SDK
 * backs off and retries (docs/limits.md §6). The message names the bucket, its rate and burst and
 * when the next token comes; {@value #RETRY_AFTER_MS} carries that wait in milliseconds for tools.
 */
public final class Throttled extends ServiceError {
    public static final String RETRY_AFTER_MS = "Retry-After-Ms";

    private Throttled(BucketKey key, Edition.Rate rate, long millisToNextToken) {
        // Concatenated, not String.format: this is the hot path of a client hammering an empty bucket.
        super(ErrorCode.THROTTLING, "Rate exceeded: the API throttle bucket of account " + key.accountId() + " in " + key.region()
                        + " for " + key.service() + ":" + key.operation() + " (RateLimit " + rate.rate() + " per second, BurstLimit " + rate.burst()
                        + ") is empty; its next token comes in " + millisToNextToken + " ms.",
                Map.of(), Map.of(RETRY_AFTER_MS, Long.toString(millisToNextToken)));
    }

    static Throttled nextTokenIn(BucketKey key, Edition.Rate rate, long nanos) {
        return new Throttled(key, rate, millisRoundedUp(nanos));
    }

    // Rounded up: a lone client that waits the advertised time finds the token there (callers refused
    // together share it, so clients add jitter).
    private static long millisRoundedUp(long nanos) {
        return (nanos + 999_999) / 1_000_000;
    }
}
