package dev.callgate.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The operation table of an AWS service: each operation's wire name, HTTP method, URI template, {@code X-Amz-Target}
 * (AWS JSON services) and request class, as the SDK's own model declares them ({@code transform.*RequestMarshaller}'s
 * {@code SDK_OPERATION_BINDING}). The table is read from {@code <service>-operations.tsv} beside this class, which
 * {@code OperationTableTest} derives from the SDK and compares: reflecting over the SDK at every start loaded about
 * 1,700 classes for operations no request may ever use (bench/journal.md, "Start time: what it spends").
 */
public final class ServiceModel {
    private static final String COLUMNS = "operation\tmethod\turi\ttarget\trequest";

    private final Map<String, Operation> byName = new HashMap<>();

    /** The model of the service whose sync client interface is {@code clientInterface}, e.g. {@code ConnectClient}. */
    public ServiceModel(Class<?> clientInterface) {
        String modelPackage = clientInterface.getPackageName() + ".model.";
        try (BufferedReader table = open(clientInterface)) {
            String line = table.readLine();
            while (line != null && line.startsWith("#")) {
                line = table.readLine();
            }
            if (!COLUMNS.equals(line)) {
                throw new IllegalStateException("The operation table " + tableOf(clientInterface) + " does not start with its columns: " + line);
            }
            for (line = table.readLine(); line != null; line = table.readLine()) {
                Operation operation = operation(line.split("\t", -1), modelPackage, clientInterface.getClassLoader());
                byName.put(operation.name(), operation);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table's resource name for a client interface: {@code connect-operations.tsv} for {@code ConnectClient}. */
    static String tableOf(Class<?> clientInterface) {
        String servicePackage = clientInterface.getPackageName();
        return servicePackage.substring(servicePackage.lastIndexOf('.') + 1) + "-operations.tsv";
    }

    /** The table's first line after its comments. */
    static String columns() {
        return COLUMNS;
    }

    Operation named(String name) {
        return byName.get(name);
    }

    Collection<Operation> operations() {
        return byName.values();
    }

    private static BufferedReader open(Class<?> clientInterface) {
        InputStream in = ServiceModel.class.getResourceAsStream(tableOf(clientInterface));
        if (in == null) {
            throw new IllegalStateException("The jar has no operation table " + tableOf(clientInterface) + " for " + clientInterface.getName());
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static Operation operation(String[] columns, String modelPackage, ClassLoader loader) {
        if (columns.length != 5) {
            throw new IllegalStateException("Malformed operation table row: " + String.join("\t", columns));
        }
        String target = columns[3].isEmpty() ? null : columns[3];
        return new Operation(columns[0], columns[1], new PathTemplate(columns[2]), target,
                new RequestType(modelPackage + columns[4], loader));
    }
}
