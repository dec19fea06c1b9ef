package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callgate.Callgate;
import dev.callgate.config.Settings;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.RawAws;
import dev.callgate.testing.ReportsClient;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.StoreKind;
import dev.callgate.testing.TestEditions;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.connect.model.ResourceInUseException;

/** Callgate's reports API, signed with SigV4 like the AWS APIs, on each store. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class ReportsAcceptanceTest extends ServerSuite {
    ReportsClient reports;
    Fixtures fx;
    String owner;

    @Override
    protected UnaryOperator<Settings> settings() {
        return TestEditions.current("report-tests", TestEditions.SMALL);
    }

    @BeforeEach
    void newInstance() {
        reports = new ReportsClient(server.port(), ACCOUNT, "us-east-1");
        fx = Fixtures.newInstance(connect, "acme");
        owner = fx.user("analyst");
    }

    @Test
    void reportIsSavedListedPublishedScheduledAndDeleted() {
        JsonNode saved = reports.save(fx.instanceId, "Daily handled", owner, false);
        String id = saved.path("reportId").asText();
        assertThat(saved.path("visibility").asText()).isEqualTo("OWNER");
        assertThat(saved.path("definition").path("grouping").asText()).isEqualTo("QUEUE");

        assertThat(reports.publish(fx.instanceId, id).path("published").asBoolean()).isTrue();
        JsonNode scheduled = reports.schedule(fx.instanceId, id, "DAILY", "Europe/Paris");
        assertThat(scheduled.path("schedule").path("recurrence").asText()).isEqualTo("DAILY");
        assertThat(scheduled.path("schedule").path("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(reports.get(fx.instanceId, id).path("visibility").asText()).isEqualTo("INSTANCE");
        assertThat(reports.unschedule(fx.instanceId, id).path("schedule").isNull()).isTrue();

        assertThatThrownBy(() -> reports.save(fx.instanceId, "Daily handled", owner, true))
                .isInstanceOfSatisfying(ReportsClient.Failure.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> reports.schedule(fx.instanceId, id, "YEARLY", "UTC"))
                .isInstanceOfSatisfying(ReportsClient.Failure.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterException"));
        assertThatThrownBy(() -> reports.schedule(fx.instanceId, id, "DAILY", "Nowhere/City"))
                .isInstanceOfSatisfying(ReportsClient.Failure.class, e -> assertThat(e.status()).isEqualTo(400));

        reports.delete(fx.instanceId, id);
        assertThatThrownBy(() -> reports.get(fx.instanceId, id))
                .isInstanceOfSatisfying(ReportsClient.Failure.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void reportsQuotaCountsPersonalReportsAndScheduledQuotaCountsSchedules() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(reports.save(fx.instanceId, "r" + i, owner, i % 2 == 0).path("reportId").asText());
        }
        assertThatThrownBy(() -> reports.save(fx.instanceId, "r5", owner, false))
                .isInstanceOfSatisfying(ReportsClient.Failure.class, e -> {
                    assertThat(e.status()).isEqualTo(402);
                    assertThat(e.code()).isEqualTo("ServiceQuotaExceededException");
                    assertThat(e.getMessage()).contains("Reports per instance", "L-79564E52", "is 5", "usage is 5");
                });
        reports.schedule(fx.instanceId, ids.get(0), "WEEKLY", "UTC");
        reports.schedule(fx.instanceId, ids.get(0), "MONTHLY", "UTC");
        reports.schedule(fx.instanceId, ids.get(1), "WEEKLY", "UTC");
        assertThatThrownBy(() -> reports.schedule(fx.instanceId, ids.get(2), "WEEKLY", "UTC"))
                .isInstanceOfSatisfying(ReportsClient.Failure.class, e -> {
                    assertThat(e.status()).isEqualTo(402);
                    assertThat(e.getMessage()).contains("Scheduled reports per instance", "L-986AE5E3", "is 2", "usage is 2");
                });
        // Deleting a scheduled report frees both of its slots.
        reports.delete(fx.instanceId, ids.get(1));
        reports.schedule(fx.instanceId, ids.get(2), "WEEKLY", "UTC");
        reports.save(fx.instanceId, "r5", owner, false);
        assertThat(reports.list(fx.instanceId, "maxResults=2").path("reports")).hasSize(2);
        assertThat(reports.list(fx.instanceId, null).path("reports")).hasSize(5);
        // The page size is named as the wire spells it, with the same refusal as the requests API's.
        for (String size : List.of("0", "101", "many")) {
            assertThatThrownBy(() -> reports.list(fx.instanceId, "maxResults=" + size))
                    .isInstanceOfSatisfying(ReportsClient.Failure.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.code()).isEqualTo("InvalidParameterException");
                        assertThat(e.getMessage()).contains("maxResults must be between 1 and 100; got " + size + ".");
                    });
        }
    }

    /** Callgate's own signed APIs read bodies as strictly as the AWS faces: one UTF-8 JSON object, nothing after it. */
    @Test
    void aBodyWithTrailingDataOrDuplicateKeysIsRefusedAndSavesNothing() {
        RawAws raw = new RawAws(server.port(), ACCOUNT);
        String path = "/_callgate/instances/" + fx.instanceId + "/reports";
        String report = "{\"name\":\"strict\",\"ownerUserId\":\"" + owner + "\",\"definition\":{}}";
        for (String body : List.of(report + " {}", report.replace("{\"name\":\"strict\"", "{\"name\":\"a\",\"name\":\"strict\""))) {
            HttpResponse<String> refused = raw.send("POST", path, body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.body()).contains("InvalidRequestException");
        }
        assertThat(reports.list(fx.instanceId, null).path("reports")).isEmpty();
    }

    @Test
    void ownerMustBeAUserOfTheInstanceAndStaysInUse() {
        assertThatThrownBy(() -> reports.save(fx.instanceId, "orphan", "no-such-user", false))
                .isInstanceOfSatisfying(ReportsClient.Failure.class, e -> assertThat(e.status()).isEqualTo(404));
        reports.save(fx.instanceId, "mine", owner, false);
        assertThatThrownBy(() -> connect.deleteUser(r -> r.instanceId(fx.instanceId).userId(owner)))
                .isInstanceOf(ResourceInUseException.class);
    }

    @Test
    void anAccountSeesOnlyItsOwnInstancesAndRequestsMustBeSigned() {
        String id = reports.save(fx.instanceId, "secret", owner, true).path("reportId").asText();
        ReportsClient other = new ReportsClient(server.port(), "444455556666", "us-east-1");
        assertThatThrownBy(() -> other.list(fx.instanceId, null))
                .isInstanceOfSatisfying(ReportsClient.Failure.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).doesNotContain("secret");
                });
        assertThatThrownBy(() -> other.get(fx.instanceId, id)).isInstanceOf(ReportsClient.Failure.class);
        assertThat(reports.send("GET", "/_callgate/instances/" + fx.instanceId + "/reports", null, false).statusCode()).isEqualTo(403);
    }
}
