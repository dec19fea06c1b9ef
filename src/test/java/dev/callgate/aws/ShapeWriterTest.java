package dev.callgate.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.protocols.core.OperationInfo;
import software.amazon.awssdk.protocols.json.AwsJsonProtocol;
import software.amazon.awssdk.protocols.json.AwsJsonProtocolFactory;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The oracle for {@link ShapeWriter}: the SDK's own JSON protocol marshaller. Every shape of the Connect and
 * Service Quotas models, filled member by member with values of every kind (text that needs escaping, fractional
 * and whole-second timestamps, nested shapes, lists with and without elements, maps), must come out byte for
 * byte as the SDK writes it.
 */
class ShapeWriterTest {
    private static final OperationInfo PAYLOAD_ONLY = OperationInfo.builder()
            .requestUri("/").httpMethod(SdkHttpMethod.POST)
            .hasPayloadMembers(true).hasImplicitPayloadMembers(true).hasExplicitPayloadMember(false)
            .build();

    static Stream<Arguments> shapes() {
        return Stream.of(ConnectClient.class, ServiceQuotasClient.class)
                .flatMap(ShapeWriterTest::modelClasses)
                .map(type -> Arguments.of(type.getSimpleName(), type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void writesEveryShapeAsTheSdksMarshallerDoes(String name, Class<?> type) throws Exception {
        for (int variant : new int[] {0, 1}) {
            SdkPojo shape = filled(newBuilder(type), variant, 0);
            for (AwsJsonProtocol protocol : AwsJsonProtocol.values()) {
                assertThat(new String(ShapeWriter.write(shape), StandardCharsets.UTF_8))
                        .as("%s (values %d) in %s", name, variant, protocol).isEqualTo(sdkJson(protocol, shape));
            }
        }
    }

    private static final Map<AwsJsonProtocol, AwsJsonProtocolFactory> SDK = new java.util.EnumMap<>(AwsJsonProtocol.class);

    private static String sdkJson(AwsJsonProtocol protocol, SdkPojo shape) throws IOException {
        AwsJsonProtocolFactory factory = SDK.computeIfAbsent(protocol, p -> AwsJsonProtocolFactory.builder()
                .clientConfiguration(SdkClientConfiguration.builder().option(SdkClientOption.ENDPOINT, URI.create("http://localhost")).build())
                .protocol(p).protocolVersion("1.1").build());
        try (InputStream in = factory.createProtocolMarshaller(PAYLOAD_ONLY).marshall(shape).contentStreamProvider().orElseThrow().newStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static SdkPojo filled(SdkPojo builder, int variant, int depth) {
        for (SdkField<?> field : builder.sdkFields()) {
            Object value = valueFor(field, variant, depth);
            if (value != null) {
                field.set(builder, value);
            }
        }
        return (SdkPojo) ((SdkBuilder<?, ?>) builder).build();
    }

    /** A value of the field's kind; null (left unset) for shapes nested too deep, so recursive shapes end. */
    private static Object valueFor(SdkField<?> field, int variant, int depth) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return variant == 0 ? field.memberName() + "-\"quoted\" \\ é ✓ \u2028 </script>" : "x";
        } else if (type == MarshallingType.INTEGER) {
            return variant == 0 ? 42 : Integer.MIN_VALUE;
        } else if (type == MarshallingType.LONG) {
            return variant == 0 ? 1_234_567_890_123L : 0L;
        } else if (type == MarshallingType.DOUBLE) {
            return variant == 0 ? 0.1 : 1e21;
        } else if (type == MarshallingType.FLOAT) {
            return variant == 0 ? 2.25f : -0.0f;
        } else if (type == MarshallingType.BOOLEAN) {
            return variant == 0;
        } else if (type == MarshallingType.INSTANT) {
            return variant == 0 ? Instant.ofEpochMilli(1_700_000_000_123L) : Instant.ofEpochSecond(1_700_000_000L);
        } else if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromUtf8String("bytes \u0000 ÿ");
        } else if (type == MarshallingType.BIG_DECIMAL) {
            return new java.math.BigDecimal("12345.6789");
        } else if (type == MarshallingType.DOCUMENT) {
            return Document.mapBuilder().putString("a", "b").putNumber("n", 1.5).putNull("z")
                    .putList("l", list -> list.addBoolean(true).addNumber(3)).build();
        } else if (type == MarshallingType.SDK_POJO) {
            return depth >= 3 ? null : filled(field.constructor().get(), variant, depth + 1);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            Object element = valueFor(member, variant, depth + 1);
            return element == null || variant == 1 ? List.of() : new ArrayList<>(Arrays.asList(element, element));
        } else if (type == MarshallingType.MAP) {
            SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Object element = valueFor(valueField, variant, depth + 1);
            Map<String, Object> map = new LinkedHashMap<>();
            if (element != null) {
                map.put("key \"one\"", element);
            }
            if (element != null && !(element instanceof List)) {
                map.put("gap", null); // left out; for list values the SDK writes a name without a value (not JSON), so none here
            }
            return map;
        }
        throw new AssertionError("a marshalling type the test does not fill: " + type);
    }

    private static SdkPojo newBuilder(Class<?> type) throws ReflectiveOperationException {
        return (SdkPojo) type.getMethod("builder").invoke(null);
    }

    private static Stream<Class<?>> modelClasses(Class<?> client) {
        String prefix = client.getPackageName().replace('.', '/') + "/model/";
        try (JarFile jar = new JarFile(Path.of(client.getProtectionDomain().getCodeSource().getLocation().toURI()).toFile())) {
            List<Class<?>> classes = new ArrayList<>();
            for (String entry : jar.stream().map(e -> e.getName()).toList()) {
                if (entry.startsWith(prefix) && entry.endsWith(".class") && !entry.contains("$") && entry.indexOf('/', prefix.length()) < 0) {
                    Class<?> type = Class.forName(entry.replace('/', '.').replace(".class", ""));
                    if (SdkPojo.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers()) && hasBuilder(type)) {
                        classes.add(type);
                    }
                }
            }
            return classes.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasBuilder(Class<?> type) {
        try {
            // The services' base exceptions have builders the SDK never builds a shape from.
            return Modifier.isStatic(type.getMethod("builder").getModifiers()) && SdkBuilder.class.isAssignableFrom(type.getMethod("builder").getReturnType());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
