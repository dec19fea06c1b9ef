package dev.callgate.aws;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.protocols.core.OperationInfo;

/**
 * The operation table of an AWS service, read from the SDK's own model: every client method names
 * its request class, and every {@code transform.*RequestMarshaller} holds the operation's HTTP
 * method and URI template ({@code SDK_OPERATION_BINDING}). No hand-written route table.
 */
final class ServiceModel {
    private final Map<String, Operation> byName = new HashMap<>();
    private final Map<String, List<Operation>> byMethod = new HashMap<>();

    ServiceModel(Class<?> clientInterface, String transformPackage) {
        for (Method method : clientInterface.getMethods()) {
            Class<?>[] params = method.getParameterTypes();
            if (params.length == 1 && SdkRequest.class.isAssignableFrom(params[0])
                    && !method.getReturnType().getSimpleName().endsWith("Iterable")
                    && !byName.containsKey(operationName(params[0]))) {
                add(load(params[0], transformPackage));
            }
        }
        byMethod.values().forEach(list -> list.sort(Comparator.comparingInt((Operation o) -> o.path().literals()).reversed()));
    }

    int size() {
        return byName.size();
    }

    Operation named(String name) {
        return byName.get(name);
    }

    /** The operation that {@code method} and {@code path} select, with its path parameters. */
    Route route(String method, List<String> path) {
        for (Operation operation : byMethod.getOrDefault(method, List.of())) {
            Map<String, String> params = operation.path().match(path);
            if (params != null) {
                return new Route(operation, params);
            }
        }
        return null;
    }

    record Route(Operation operation, Map<String, String> pathParams) {
    }

    private void add(Operation operation) {
        byName.put(operation.name(), operation);
        byMethod.computeIfAbsent(operation.httpMethod(), m -> new ArrayList<>()).add(operation);
    }

    private static String operationName(Class<?> requestClass) {
        String simple = requestClass.getSimpleName();
        return simple.substring(0, simple.length() - "Request".length());
    }

    private static Operation load(Class<?> requestClass, String transformPackage) {
        String name = operationName(requestClass);
        try {
            Class<?> marshaller = Class.forName(transformPackage + "." + name + "RequestMarshaller");
            Field binding = marshaller.getDeclaredField("SDK_OPERATION_BINDING");
            binding.setAccessible(true);
            OperationInfo info = (OperationInfo) binding.get(null);
            return new Operation(name, info.httpMethod().name(), new PathTemplate(info.requestUri()), requestClass,
                    builderFactory(requestClass));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SDK model has no binding for operation " + name, e);
        }
    }

    private static Supplier<SdkPojo> builderFactory(Class<?> requestClass) throws ReflectiveOperationException {
        Method builder = requestClass.getMethod("builder");
        MethodHandle handle = MethodHandles.publicLookup().findStatic(requestClass, "builder",
                MethodType.methodType(builder.getReturnType()));
        return () -> {
            try {
                return (SdkPojo) handle.invoke();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
