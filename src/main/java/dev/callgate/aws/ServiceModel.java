package dev.callgate.aws;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.protocols.core.OperationInfo;

/**
 * The operation table of an AWS service, read from the SDK's own model: every client method names
 * its request class, and every {@code transform.*RequestMarshaller} holds the operation's HTTP
 * method, URI template and, for AWS JSON services, the {@code X-Amz-Target} ({@code SDK_OPERATION_BINDING}).
 * The wire name of an operation comes from that binding where it has one: the Java class of
 * {@code GetAWSDefaultServiceQuota} is {@code GetAwsDefaultServiceQuotaRequest}. No hand-written route table.
 */
public final class ServiceModel {
    private final Map<String, Operation> byName = new HashMap<>();

    /** Reads the model of the service whose sync client interface is {@code clientInterface}. */
    public ServiceModel(Class<?> clientInterface) {
        String transformPackage = clientInterface.getPackageName() + ".transform";
        for (Method method : clientInterface.getMethods()) {
            Class<?>[] params = method.getParameterTypes();
            if (params.length == 1 && SdkRequest.class.isAssignableFrom(params[0])
                    && !method.getReturnType().getSimpleName().endsWith("Iterable")) {
                Operation operation = load(params[0], transformPackage);
                byName.putIfAbsent(operation.name(), operation);
            }
        }
    }

    Operation named(String name) {
        return byName.get(name);
    }

    Collection<Operation> operations() {
        return byName.values();
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
            String target = info.operationIdentifier();
            String wireName = target == null ? name : target.substring(target.indexOf('.') + 1);
            return new Operation(wireName, info.httpMethod().name(), new PathTemplate(info.requestUri()), target, requestClass,
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
