package dev.callgate.aws;

import dev.callgate.accounts.Caller;

/**
 * One AWS service as {@link AwsEndpoint} serves it: the SigV4 signing name that picks it, its SDK model,
 * how a request finds its operation (router) and its members (codec), the operations Callgate implements,
 * how it names its errors, and its admission (its own throttle, and any other check of the caller, such
 * as Connect's regions) before a request is decoded. Adding a service is one of these plus its handlers.
 *
 * @param title the service's name in messages, e.g. "Amazon Connect"
 */
public record AwsService<Q, R>(
        String signingName,
        String title,
        ServiceModel model,
        Router router,
        Codec codec,
        OperationHandlers<Q, R> handlers,
        ErrorCatalog errors,
        Admission admission) {

    /** Whether the service's model has an operation of this wire name. */
    public boolean hasOperation(String name) {
        return model.named(name) != null;
    }

    /** May this caller call this operation now. Runs after routing, before decoding. */
    public interface Admission {
        /**
         * The call's refusal, or null when it is admitted. Returned rather than thrown: under a client hammering an
         * empty bucket it is the usual answer, and a throw cost a stack walk each (bench/throttle/README.md).
         */
        ServiceError refusal(Caller caller, String operation);

        /** Whether {@link #refusal} can decide from memory alone, so that it may run on the event loop. */
        boolean decidesAtOnce(Caller caller, String operation);

        /** Admits the call, or throws its refusal. */
        default void admit(Caller caller, String operation) {
            ServiceError refusal = refusal(caller, operation);
            if (refusal != null) {
                throw refusal;
            }
        }
    }
}
