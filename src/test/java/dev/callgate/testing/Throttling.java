package dev.callgate.testing;

import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.ThrottlingException;

/** Drives an account's ListInstances bucket through a real client. */
public final class Throttling {
    private Throttling() {
    }

    /** The first refusal, and when its call was sent: from then on the bucket held less than one token. */
    public record Refusal(long sentNanos, ThrottlingException exception) {
    }

    /**
     * Opens the client's connection and the server's request path on another bucket than ListInstances': a
     * DescribeInstance of an instance that does not exist.
     */
    public static void warmUp(ConnectClient client) {
        try {
            client.describeInstance(r -> r.instanceId("warm-up"));
        } catch (RuntimeException expected) {
            // not found, or DescribeInstance's own bucket throttled: either way ListInstances' bucket is untouched
        }
    }

    /** Calls ListInstances until a call is refused, at most {@code calls} times; a bucket that refuses none fails the test. */
    public static Refusal drain(ConnectClient client, int calls) {
        for (int call = 0; call < calls; call++) {
            long sent = System.nanoTime();
            try {
                client.listInstances(r -> { });
            } catch (ThrottlingException refused) {
                return new Refusal(sent, refused);
            }
        }
        throw new AssertionError("ListInstances admitted " + calls + " calls in a row: the bucket never ran dry");
    }
}
