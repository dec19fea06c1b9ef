package dev.callgate.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.protocols.core.OperationInfo;

/**
 * The operation tables Callgate reads at start are the SDK's own model, derived here by reflection: every client
 * method names its request class, and every {@code transform.*RequestMarshaller} holds the operation's HTTP binding.
 * The wire name comes from the {@code X-Amz-Target} where there is one: the Java class of
 * {@code GetAWSDefaultServiceQuota} is {@code GetAwsDefaultServiceQuotaRequest}. After an SDK upgrade this test
 * fails and writes the new table to {@code target/}, to be copied over the one in {@code src/main/resources}.
 */
class OperationTableTest {

    @ParameterizedTest
    @ValueSource(classes = {software.amazon.awssdk.services.connect.ConnectClient.class,
            software.amazon.awssdk.services.servicequotas.ServiceQuotasClient.class})
    void theTableIsTheSdksModel(Class<?> client) throws IOException {
        String derived = derive(client);
        String shipped;
        try (InputStream in = ServiceModel.class.getResourceAsStream(ServiceModel.tableOf(client))) {
            shipped = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!shipped.equals(derived)) {
            Path fresh = Files.writeString(Path.of("target", ServiceModel.tableOf(client)), derived);
            assertThat(shipped).as("the operation table differs from the SDK's model; the SDK's is in " + fresh.toAbsolutePath()
                    + ": copy it to src/main/resources/dev/callgate/aws/").isEqualTo(derived);
        }
        ServiceModel model = new ServiceModel(client);
        assertThat(model.operations()).allSatisfy(operation -> assertThat(operation.requestBuilder()).isNotNull());
    }

    private static String derive(Class<?> client) {
        Map<String, String> rows = new TreeMap<>();
        for (Method method : client.getMethods()) {
            Class<?>[] params = method.getParameterTypes();
            if (params.length == 1 && SdkRequest.class.isAssignableFrom(params[0])
                    && !method.getReturnType().getSimpleName().endsWith("Iterable")) {
                String row = row(params[0], client.getPackageName() + ".transform");
                rows.putIfAbsent(row.substring(0, row.indexOf('\t')), row);
            }
        }
        StringBuilder table = new StringBuilder("# The operations of ").append(client.getSimpleName())
                .append("'s model, derived by OperationTableTest: do not edit.\n").append(ServiceModel.columns()).append('\n');
        rows.values().forEach(row -> table.append(row).append('\n'));
        return table.toString();
    }

    private static String row(Class<?> requestClass, String transformPackage) {
        String simple = requestClass.getSimpleName();
        String name = simple.substring(0, simple.length() - "Request".length());
        try {
            Field binding = Class.forName(transformPackage + "." + name + "RequestMarshaller").getDeclaredField("SDK_OPERATION_BINDING");
            binding.setAccessible(true);
            OperationInfo info = (OperationInfo) binding.get(null);
            String target = info.operationIdentifier();
            String wireName = target == null ? name : target.substring(target.indexOf('.') + 1);
            return String.join("\t", wireName, info.httpMethod().name(), info.requestUri(), target == null ? "" : target, simple);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SDK model has no binding for operation " + name, e);
        }
    }
}
