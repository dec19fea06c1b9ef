package dev.callgate.limits.throttle;

import dev.callgate.aws.ErrorCode;
import dev.callgate.aws.ServiceError;
import java.time.Duration;

/**
 * The refusal of a call whose throttle bucket could not be read: its store did not answer. Not the
 * caller's fault, so not a 4xx; not a ThrottlingException, which would claim a limit was met; and not
 * an admission without a bucket, which would break the bound every node promises. It is the service's
 * own failure, InternalServiceException 500 (Connect's model; Service Quotas' ServiceException), which
 * every AWS SDK retries with backoff. The message names no host: the caller needs only to retry.
 */
final class ThrottleStoreUnreachable extends ServiceError {
    ThrottleStoreUnreachable(Duration timeout) {
        super(ErrorCode.INTERNAL_SERVICE, "The API throttle's bucket store did not answer within " + timeout.toSeconds()
                + " s, so the call was not admitted and changed nothing; retry later.");
    }
}
