package dev.callgate.aws;

/** A family of operations of one AWS service (a resource family, say) that registers its own handlers. */
@FunctionalInterface
public interface OperationFamily<Q, R> {
    void register(OperationHandlers<Q, R> handlers);
}
