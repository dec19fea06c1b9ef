package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.testing.Clients;
import dev.callgate.testing.RunningServer;
import dev.callgate.testing.Terraform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.HoursOfOperation;

/**
 * Terraform, with the real hashicorp/aws provider 5.100.0, manages a whole contact center on Callgate:
 * every aws_connect_* resource and data source of one realistic configuration is applied, planned with
 * no changes, updated in place, planned clean again, partly imported into a fresh state and destroyed;
 * and six instances where the account may have five get the sixth refused with the quota's message.
 * Without terraform or the provider's mirror the tests fail, naming what is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerraformAcceptanceTest {
    private static final String ACCOUNT = "111122223333";
    private static final String QUOTA_ACCOUNT = "444455556666";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    private Terraform terraform;
    private RunningServer server;

    @BeforeAll
    void start() {
        terraform = Terraform.locate(work);
        server = RunningServer.start(null);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void appliesPlansUpdatesImportsAndDestroysAContactCenter() throws Exception {
        Path center = init("contact-center");
        Terraform.Run created = succeeds(apply(center, ""));
        assertThat(created.output()).contains("Resources: 17 added, 0 changed, 0 destroyed.")
                .contains(output("hours_zone", "EST"), output("level_two", "Site"), output("module_state", "ACTIVE"),
                        output("vocabulary", "ACTIVE"), output("permissions", "BasicAgentAccess,OutboundCallAccess"),
                        output("storage", "callgate-transcripts"));
        plansNoChanges(center, "");

        Terraform.Run updated = succeeds(apply(center, "-v2"));
        assertThat(updated.output()).contains("Resources: 0 added, 11 changed, 0 destroyed.");
        Map<String, String> ids = ids(center);
        try (ConnectClient connect = Clients.connect(server.port(), ACCOUNT, "us-east-1")) {
            assertThat(connect.describeQueue(r -> r.instanceId(ids.get("instance")).queueId(ids.get("queue"))).queue())
                    .satisfies(queue -> assertThat(queue.name()).isEqualTo("Sales-v2"))
                    .satisfies(queue -> assertThat(queue.maxContacts()).isEqualTo(20));
            HoursOfOperation hours = connect.describeHoursOfOperation(r -> r.instanceId(ids.get("instance"))
                    .hoursOfOperationId(ids.get("hours"))).hoursOfOperation();
            assertThat(hours.name()).isEqualTo("Office hours-v2");
            assertThat(hours.config()).anySatisfy(day -> assertThat(day.endTime().hours()).isEqualTo(18));
            assertThat(connect.describeUser(r -> r.instanceId(ids.get("instance")).userId(ids.get("user"))).user()
                    .identityInfo().lastName()).isEqualTo("Doe-v2");
        }
        plansNoChanges(center, "-v2");

        Path fresh = init("imported");
        Terraform.Run imported = succeeds(apply(fresh, "-v2", "-var", "ids=" + JSON.writeValueAsString(ids)));
        assertThat(imported.output()).contains("Resources: 4 imported, 0 added, 0 changed, 0 destroyed.");

        Terraform.Run destroyed = succeeds(terraform.run(center, withVariables(ACCOUNT, "-v2",
                "destroy", "-auto-approve", "-refresh=false", "-no-color", "-parallelism=20")));
        assertThat(destroyed.output()).contains("Resources: 17 destroyed.");
        try (ConnectClient connect = Clients.connect(server.port(), ACCOUNT, "us-east-1")) {
            assertThat(connect.listInstances(r -> { }).instanceSummaryList()).isEmpty();
        }
    }

    @Test
    void theSixthOfSixInstancesIsRefusedWithTheQuota() {
        Path many = init("instances");
        Terraform.Run applied = terraform.run(many, "apply", "-auto-approve", "-no-color", "-parallelism=20",
                "-var", "endpoint=http://127.0.0.1:" + server.port(), "-var", "account=" + QUOTA_ACCOUNT);
        assertThat(applied.exitCode()).as("%s", applied).isEqualTo(1);
        assertThat(applied.output()).as("%s", applied).containsOnlyOnce("ServiceQuotaExceededException")
                .contains("StatusCode: 402", "Instances per account per region (L-AA17A6B9) is 5 for account " + QUOTA_ACCOUNT
                        + " in us-east-1 and its usage is 5");
        try (ConnectClient connect = Clients.connect(server.port(), QUOTA_ACCOUNT, "us-east-1")) {
            assertThat(connect.listInstances(r -> { }).instanceSummaryList()).hasSize(5);
        }
    }

    private Path init(String configuration) {
        Path dir = Terraform.configuration(configuration, work.resolve(configuration));
        succeeds(terraform.run(dir, "init", "-no-color"));
        return dir;
    }

    private Terraform.Run apply(Path dir, String suffix, String... more) {
        List<String> args = new ArrayList<>(List.of("apply", "-auto-approve", "-no-color", "-parallelism=20"));
        args.addAll(List.of(more));
        return terraform.run(dir, withVariables(ACCOUNT, suffix, args.toArray(String[]::new)));
    }

    private void plansNoChanges(Path dir, String suffix) {
        Terraform.Run plan = terraform.run(dir, withVariables(ACCOUNT, suffix, "plan", "-detailed-exitcode", "-no-color",
                "-parallelism=20"));
        assertThat(plan.exitCode()).as("no drift expected: %s", plan).isZero();
        assertThat(plan.output()).contains("No changes.");
    }

    private String[] withVariables(String account, String suffix, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-var", "endpoint=http://127.0.0.1:" + server.port(), "-var", "account=" + account,
                "-var", "suffix=" + suffix));
        return all.toArray(String[]::new);
    }

    private Map<String, String> ids(Path dir) throws Exception {
        return JSON.readValue(succeeds(terraform.run(dir, "output", "-json", "ids")).output(), new TypeReference<>() { });
    }

    /** How apply prints one string of an output map. */
    private static String output(String key, String value) {
        return "\"" + key + "\" = \"" + value + "\"";
    }

    private static Terraform.Run succeeds(Terraform.Run run) {
        assertThat(run.exitCode()).as("%s", run).isZero();
        return run;
    }
}
