package dev.callgate.aws;

import dev.callgate.accounts.Caller;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operations of one AWS service that Callgate implements, by request type, each a typed
 * function from the SDK's request type to its response type. Families of operations add their own
 * ({@link OperationFamily}); an operation not registered answers a clear error.
 *
 * @param <Q> the service's request base type, e.g. {@code ConnectRequest}
 * @param <R> the service's response base type
 */
public final class OperationHandlers<Q, R> {
    private final Map<Class<?>, Handler<Q, R>> byRequestType = new HashMap<>();

    /** Registers the handler of the operation whose request type is {@code requestType}. */
    @SuppressWarnings("unchecked")
    public <A extends Q, B extends R> void on(Class<A> requestType, Handler<A, B> handler) {
        if (byRequestType.putIfAbsent(requestType, (Handler<Q, R>) (Handler<?, ?>) handler) != null) {
            throw new IllegalStateException("The operation of " + requestType.getSimpleName() + " is registered twice");
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

    /** The handler of the operation whose request type is {@code requestType}, or null when Callgate does not implement it. */
    Handler<Q, R> find(Class<?> requestType) {
        return byRequestType.get(requestType);
    }

    /** The names of the implemented operations, sorted (docs/connect-operations.md is generated from them). */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        byRequestType.keySet().forEach(type -> names.add(type.getSimpleName().substring(0, type.getSimpleName().length() - "Request".length())));
        return names;
    }

    /** One operation's business logic. */
    @FunctionalInterface
    public interface Handler<Q, R> {
        R handle(Caller caller, Q request);
    }
}
