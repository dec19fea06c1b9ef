package dev.callgate.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.accounts.Accounts;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.clock.ServerClock;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.InstanceService;
import dev.callgate.limits.edition.Editions;
import dev.callgate.limits.quota.QuotaLedger;
import dev.callgate.store.Store;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;

/**
 * docs/connect-operations.md is generated from the handler table, family by family, against every
 * operation of the SDK's Connect model; this test fails when the committed file is not what the table
 * gives today. {@code -Dcallgate.docs.write=true} rewrites it.
 */
class ConnectOperationsDocTest {
    private static final Path DOC = Path.of("docs", "connect-operations.md");

    @TempDir
    Path data;

    @Test
    void theCommittedListIsTheHandlerTables() throws Exception {
        String generated = generate();
        if (Boolean.getBoolean("callgate.docs.write")) {
            Files.writeString(DOC, generated);
        }
        assertThat(DOC).as("%s is out of date: run mvn -o test -Dtest=ConnectOperationsDocTest -Dcallgate.docs.write=true", DOC)
                .hasContent(generated);
    }

    private String generate() {
        Set<String> known = sdkOperations();
        Set<String> implemented = new TreeSet<>();
        StringBuilder families = new StringBuilder();
        try (Store store = Store.open(Store.embeddedUrl(data))) {
            ServerClock clock = ServerClock.system();
            QuotaLedger ledger = new QuotaLedger();
            InstanceService instances = new InstanceService(store, new Accounts(store), Editions.load(null, null), ledger, clock);
            InstanceResources resources = new InstanceResources(store, instances, ledger, clock);
            for (OperationFamily<ConnectRequest, ConnectResponse> family : ConnectHandlers.families(instances, resources, store, clock,
                    null, null)) { // registering reaches no call: the families that place calls need no switchboard here
                Set<String> names = new OperationHandlers<ConnectRequest, ConnectResponse>().with(family).names();
                implemented.addAll(names);
                families.append("| ").append(title(family)).append(" | ").append(names.size()).append(" | ")
                        .append(String.join(", ", names)).append(" |\n");
            }
        }
        assertThat(known).as("every implemented operation is one the SDK knows").containsAll(implemented);
        Set<String> missing = new TreeSet<>(known);
        missing.removeAll(implemented);
        return "# Amazon Connect operations in Callgate\n\n"
                + "Generated from Callgate's handler table by `ConnectOperationsDocTest` (which fails when this file is out of\n"
                + "date; `mvn -o test -Dtest=ConnectOperationsDocTest -Dcallgate.docs.write=true` rewrites it). Do not edit by hand.\n\n"
                + "Callgate implements **" + implemented.size() + "** of the **" + known.size() + "** operations of Amazon Connect's"
                + " model in the AWS SDK for Java " + VersionInfo.SDK_VERSION + ". Every other"
                + " operation is routed and throttled like the rest, and answers `InvalidRequestException` (400) naming it.\n\n"
                + "## Implemented, by resource family\n\n"
                + "| Family | Count | Operations |\n|---|---|---|\n" + families
                + "\n## Not implemented yet (" + missing.size() + ")\n\n" + String.join(", ", missing) + "\n";
    }

    /** The operations of the SDK's Connect client: one per method taking a request (paginators aside). */
    private static Set<String> sdkOperations() {
        Set<String> names = new TreeSet<>();
        for (Method method : ConnectClient.class.getMethods()) {
            Class<?>[] params = method.getParameterTypes();
            if (params.length == 1 && SdkRequest.class.isAssignableFrom(params[0])
                    && !method.getReturnType().getSimpleName().endsWith("Iterable")) {
                String simple = params[0].getSimpleName();
                names.add(simple.substring(0, simple.length() - "Request".length()));
            }
        }
        return names;
    }

    /** "ContactFlowModuleService" reads "Contact flow module". */
    private static String title(Object family) {
        String words = family.getClass().getSimpleName().replace("Service", "").replaceAll("(?<=[a-z])(?=[A-Z])", " ");
        return words.charAt(0) + words.substring(1).toLowerCase();
    }
}
