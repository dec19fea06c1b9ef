package dev.callgate.aws;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The SDK class of an operation's request, loaded when the first request for it arrives: a service model
 * names some 400 operations, and loading all of their classes at start cost more than the rest of the start.
 */
public final class RequestType {
    private final String className;
    private final ClassLoader loader;
    private volatile Loaded loaded;

    RequestType(String className, ClassLoader loader) {
        this.className = className;
        this.loader = loader;
    }

    Class<?> type() {
        return load().type();
    }

    SdkPojo builder() {
        try {
            return (SdkPojo) load().builder().invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot build a " + className, e);
        }
    }

    private Loaded load() {
        Loaded current = loaded;
        if (current == null) {
            current = loadNow();
            loaded = current;
        }
        return current;
    }

    private Loaded loadNow() {
        try {
            Class<?> type = Class.forName(className, false, loader);
            Class<?> builderType = type.getMethod("builder").getReturnType();
            return new Loaded(type, MethodHandles.publicLookup().findStatic(type, "builder", MethodType.methodType(builderType)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The SDK has no request class " + className + ": is the operation table from another SDK version?", e);
        }
    }

    private record Loaded(Class<?> type, MethodHandle builder) {
    }
}
