package dev.callgate.aws;

import dev.callgate.accounts.Caller;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operations of one AWS service that Callgate implements, by operation name, each a typed
 * function from the SDK's request type to its response type. Families of operations add their own
 * ({@link OperationFamily}); an operation not registered answers a clear error.
 *
 * @param <Q> the service's request base type, e.g. {@code ConnectRequest}
 * @param <R> the service's response base type
 */
public final class OperationHandlers<Q, R> {
    private final Map<String, Handler<Q, R>> byOperation = new HashMap<>();

    /** Registers the handler of the operation whose request type is {@code requestType}. */
    @SuppressWarnings("unchecked")
    public <A extends Q, B extends R> void on(Class<A> requestType, Handler<A, B> handler) {
        String simple = requestType.getSimpleName();
        String operation = simple.substring(0, simple.length() - "Request".length());
        if (byOperation.putIfAbsent(operation, (Handler<Q, R>) (Handler<?, ?>) handler) != null) {
            throw new IllegalStateException("Operation " + operation + " is registered twice");
        }
    }

    /** Registers every operation of each family. */
    @SafeVarargs
    public final OperationHandlers<Q, R> with(OperationFamily<Q, R>... families) {
        for (OperationFamily<Q, R> family : families) {
            family.register(this);
        }
        return this;
    }

    /** The handler of an operation, or null when Callgate does not implement it. */
    public Handler<Q, R> find(String operation) {
        return byOperation.get(operation);
    }

    /** The names of the implemented operations, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(byOperation.keySet()));
    }

    /** One operation's business logic. */
    @FunctionalInterface
    public interface Handler<Q, R> {
        R handle(Caller caller, Q request);
    }
}
