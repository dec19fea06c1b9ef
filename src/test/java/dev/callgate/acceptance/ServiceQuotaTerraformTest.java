package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.requests.ApprovalPolicy;
import dev.callgate.testing.Clients;
import dev.callgate.testing.RunningServer;
import dev.callgate.testing.Terraform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

/**
 * Terraform's aws_servicequotas_service_quota (real hashicorp/aws provider 5.100.0) raises Amazon
 * Connect's instances-per-region quota (L-AA17A6B9, 5 by default) through Callgate, next to an
 * aws_connect_instance on the same endpoint. The provider has no per-instance (context) argument, so
 * the account-level quota is the one raised. It requests the increase and does not wait for it: under
 * an auto policy the apply ends with the new value; under the default manual policy the request stays
 * PENDING for the operator, whose approval then shows as no drift.
 */
class ServiceQuotaTerraformTest {
    private static final String ACCOUNT = "111122223333";
    private static final String INSTANCES = "L-AA17A6B9";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    private static Terraform terraform;

    @BeforeAll
    static void locate() {
        terraform = Terraform.locate(work);
    }

    @Test
    void anAutoApprovedIncreaseEndsTheApplyWithTheNewValueAndPlansClean() throws Exception {
        try (RunningServer server = RunningServer.start(null, s -> s.withApprovalPolicy(ApprovalPolicy.parse("auto")))) {
            Path dir = init("auto");
            Terraform.Run applied = succeeds(terraform.run(dir, withVariables(server, "apply", "-auto-approve", "-no-color")));
            assertThat(applied.output()).contains("Resources: 2 added, 0 changed, 0 destroyed.")
                    .contains("quota_value = 6");
            assertThat(quotaState(dir).path("request_status").asText()).isEqualTo("APPROVED");
            assertThat(quotaValue(server)).isEqualTo(6.0);
            try (ConnectClient connect = Clients.connect(server.port(), ACCOUNT, "us-east-1")) {
                for (int i = 2; i <= 6; i++) {
                    createInstance(connect, "sdk-" + i);
                }
                assertThat(connect.listInstances(r -> { }).instanceSummaryList()).hasSize(6);
            }
            plansNoChanges(server, dir);
        }
    }

    @Test
    void underTheDefaultPolicyTheRequestStaysOpenForTheOperator() throws Exception {
        try (RunningServer server = RunningServer.start(null, UnaryOperator.identity())) {
            Path dir = init("manual");
            Terraform.Run applied = succeeds(terraform.run(dir, withVariables(server, "apply", "-auto-approve", "-no-color")));
            assertThat(applied.output()).contains("Resources: 2 added, 0 changed, 0 destroyed.").contains("quota_value = 6");
            JsonNode state = quotaState(dir);
            assertThat(state.path("request_status").asText()).isEqualTo("PENDING");
            String id = state.path("request_id").asText();
            assertThat(quotaValue(server)).isEqualTo(5.0);

            JsonNode open = JSON.readTree(server.operator().send("GET", "/_callgate/requests", null).body()).path("requests");
            assertThat(open).hasSize(1);
            assertThat(open.get(0).path("id").asText()).isEqualTo(id);
            assertThat(open.get(0).path("quotaCode").asText()).isEqualTo(INSTANCES);
            assertThat(open.get(0).path("desiredValue").asDouble()).isEqualTo(6.0);
            assertThat(open.get(0).path("status").asText()).isEqualTo("PENDING");

            assertThat(server.operator().send("POST", "/_callgate/requests/" + id + "/approve", null).statusCode()).isEqualTo(200);
            assertThat(quotaValue(server)).isEqualTo(6.0);
            plansNoChanges(server, dir);
        }
    }

    private Path init(String name) {
        Path dir = Terraform.configuration("service-quota", work.resolve(name));
        succeeds(terraform.run(dir, "init", "-no-color"));
        return dir;
    }

    /** The quota resource's attributes as Terraform stored them. */
    private JsonNode quotaState(Path dir) throws Exception {
        JsonNode resources = JSON.readTree(succeeds(terraform.run(dir, "show", "-json", "-no-color")).output())
                .path("values").path("root_module").path("resources");
        for (JsonNode resource : resources) {
            if (resource.path("type").asText().equals("aws_servicequotas_service_quota")) {
                return resource.path("values");
            }
        }
        throw new AssertionError("no aws_servicequotas_service_quota in the state: " + resources);
    }

    private void plansNoChanges(RunningServer server, Path dir) {
        Terraform.Run plan = terraform.run(dir, withVariables(server, "plan", "-detailed-exitcode", "-no-color"));
        assertThat(plan.exitCode()).as("no drift expected: %s", plan).isZero();
        assertThat(plan.output()).contains("No changes.");
    }

    private static double quotaValue(RunningServer server) {
        try (ServiceQuotasClient quotas = Clients.serviceQuotas(server.port(), ACCOUNT, "us-east-1")) {
            return quotas.getServiceQuota(r -> r.serviceCode("connect").quotaCode(INSTANCES)).quota().value();
        }
    }

    private static void createInstance(ConnectClient connect, String alias) {
        connect.createInstance(r -> r.identityManagementType(DirectoryType.CONNECT_MANAGED).instanceAlias(alias)
                .inboundCallsEnabled(true).outboundCallsEnabled(true));
    }

    private static String[] withVariables(RunningServer server, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-var", "endpoint=http://127.0.0.1:" + server.port(), "-var", "account=" + ACCOUNT));
        return all.toArray(String[]::new);
    }

    private static Terraform.Run succeeds(Terraform.Run run) {
        assertThat(run.exitCode()).as("%s", run).isZero();
        return run;
    }
}
