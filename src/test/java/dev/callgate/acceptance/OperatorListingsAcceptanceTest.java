package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.config.Settings;
import dev.callgate.limits.quota.Quota;
import dev.callgate.limits.throttle.ThrottleMode;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.StoreKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.ThrottlingException;

/**
 * The operator's listings the console reads: accounts, instances, one instance in full, and the
 * throttle's recent activity, on each store, with the faithful throttle on a virtual clock.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class OperatorListingsAcceptanceTest extends ServerSuite {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OTHER = "444455556666";
    private static final String THIRD = "777788889999";

    @Override
    protected UnaryOperator<Settings> settings() {
        return s -> s.withThrottle(ThrottleMode.FAITHFUL).withClock(Settings.ClockMode.VIRTUAL);
    }

    @BeforeEach
    void roomyThrottleForTheSetUp() {
        server.operator().send("PUT", "/_callgate/accounts/" + ACCOUNT + "/throttle", "{\"operation\":\"*\",\"rate\":1000,\"burst\":1000}");
    }

    @Test
    void accountsListBillingEntityInstancesPerRegionAgainstTheQuotaAndThrottleOverrides() {
        Fixtures.newInstance(connect, "east-one");
        Fixtures.newInstance(connect, "east-two");
        try (ConnectClient west = Clients.connect(server.port(), ACCOUNT, "us-west-2")) {
            Fixtures.newInstance(west, "west-one");
        }
        try (ConnectClient third = Clients.connect(server.port(), THIRD, "us-east-1")) {
            Fixtures.newInstance(third, "third-east");
        }
        server.operator().setBillingEntity(OTHER, "AISPL");

        JsonNode accounts = get("/_callgate/accounts").path("accounts");
        assertThat(accounts).extracting(a -> a.path("accountId").asText()).containsExactly(ACCOUNT, OTHER, THIRD);
        JsonNode mine = accounts.get(0);
        assertThat(mine.path("billingEntity").asText()).isEqualTo("AWS");
        assertThat(mine.path("regions")).extracting(r -> r.path("region").asText() + " " + r.path("instances").asLong() + "/"
                + r.path("quota").asLong()).containsExactly("us-east-1 2/5", "us-west-2 1/5");
        assertThat(mine.path("throttle").path("overrides").path("*").path("rate").asLong()).isEqualTo(1000);
        assertThat(accounts.get(1).path("billingEntity").asText()).isEqualTo("AISPL");
        assertThat(accounts.get(1).path("regions")).isEmpty();
        assertThat(accounts.get(2).path("regions")).extracting(r -> r.path("region").asText() + " " + r.path("instances").asLong() + "/"
                + r.path("quota").asLong()).as("each account's own count in a region another account uses too").containsExactly("us-east-1 1/5");
    }

    @Test
    void instancesAreListedAcrossAccountsOrForOne() {
        String mine = Fixtures.newInstance(connect, "mine").instanceId;
        try (ConnectClient other = Clients.connect(server.port(), OTHER, "us-east-1")) {
            Fixtures.newInstance(other, "theirs");
        }
        assertThat(get("/_callgate/instances").path("instances")).extracting(i -> i.path("alias").asText())
                .containsExactlyInAnyOrder("mine", "theirs");
        JsonNode only = get("/_callgate/instances?accountId=" + ACCOUNT).path("instances");
        assertThat(only).hasSize(1);
        assertThat(only.get(0).path("id").asText()).isEqualTo(mine);
        assertThat(only.get(0).path("edition").asText()).isEqualTo("2019-09-30");
        assertThat(only.get(0).path("region").asText()).isEqualTo("us-east-1");
        assertThat(send("GET", "/_callgate/instances?accountId=12ab").statusCode()).isEqualTo(400);
    }

    @Test
    void anInstanceShowsItsEditionPhoneNumbersAndEachQuotaAgainstTheEditionDefault() {
        Fixtures fx = Fixtures.newInstance(connect, "full-view");
        fx.queue("Sales");
        String number = connect.searchAvailablePhoneNumbers(r -> r.instanceId(fx.instanceId).phoneNumberCountryCode("US")
                .phoneNumberType("DID").maxResults(1)).availableNumbersList().get(0).phoneNumber();
        String numberId = connect.claimPhoneNumber(r -> r.instanceId(fx.instanceId).phoneNumber(number)).phoneNumberId();

        JsonNode instance = get("/_callgate/instances/" + fx.instanceId);
        assertThat(instance.path("edition").asText()).isEqualTo("2019-09-30");
        assertThat(instance.path("alias").asText()).isEqualTo("full-view");
        assertThat(instance.path("created").asText()).endsWith("Z");
        assertThat(instance.path("phoneNumbers")).extracting(n -> n.path("phoneNumberId").asText() + " " + n.path("phoneNumber").asText())
                .containsExactly(numberId + " " + number);
        JsonNode queues = quota(instance, "QUEUES");
        assertThat(queues.path("usage").asLong()).isEqualTo(2);  // the default BasicQueue and Sales
        assertThat(queues.path("value").asLong()).isEqualTo(50);
        assertThat(queues.path("editionDefault").asLong()).isEqualTo(50);
        assertThat(queues.path("differsFromEdition").asBoolean()).isFalse();
        assertThat(quota(instance, "PHONE_NUMBERS").path("usage").asLong()).isEqualTo(1);
        assertThat(instance.path("quotas")).hasSize((int) Arrays.stream(Quota.values()).filter(q -> q.scope() != Quota.Scope.ACCOUNT_REGION).count());  // every per-instance quota of docs/limits.md §3–§4

        HttpResponse<String> unknown = send("GET", "/_callgate/instances/no-such-instance");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("ResourceNotFoundException");
    }

    @Test
    void throttleActivityCountsAdmittedAndThrottledCallsPerBucketWithTheMessagesCallersGot() {
        List<String> refusals = new ArrayList<>();
        try (ConnectClient other = Clients.connect(server.port(), OTHER, "us-east-1")) {
            for (int i = 0; i < 8; i++) {
                try {
                    other.listInstances(r -> { });
                } catch (ThrottlingException e) {
                    refusals.add(e.awsErrorDetails().errorMessage());
                }
            }
        }
        assertThat(refusals).hasSize(3);  // burst 5 on a clock that stands still

        JsonNode activity = get("/_callgate/throttle/activity?accountId=" + OTHER);
        assertThat(activity.path("slotSeconds").asInt()).isEqualTo(10);
        JsonNode bucket = activity.path("buckets").get(0);
        assertThat(activity.path("buckets")).hasSize(1);
        assertThat(bucket.path("operation").asText()).isEqualTo("ListInstances");
        assertThat(bucket.path("service").asText()).isEqualTo("connect");
        assertThat(bucket.path("admitted").asLong()).isEqualTo(5);
        assertThat(bucket.path("throttled").asLong()).isEqualTo(3);
        assertThat(bucket.path("rate").asLong()).isEqualTo(2);
        assertThat(bucket.path("burst").asLong()).isEqualTo(5);
        assertThat(bucket.path("slots")).hasSize(60);
        JsonNode last = bucket.path("slots").get(59);
        assertThat(last.path("admitted").asLong() + "/" + last.path("throttled").asLong()).isEqualTo("5/3");
        assertThat(activity.path("throttledCalls")).extracting(c -> c.path("message").asText())
                .containsExactlyInAnyOrderElementsOf(refusals);

        server.operator().advanceClock(10 * 60 * 1000 + 10_000);
        assertThat(get("/_callgate/throttle/activity").path("buckets")).isEmpty();
        assertThat(get("/_callgate/throttle/activity").path("throttledCalls")).isEmpty();
    }

    @Test
    void theConsoleFilesAreServedFromTheJar() {
        HttpResponse<String> index = send("GET", "/console/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.body()).contains("<script src=\"console.js\">");
        assertThat(send("GET", "/console/console.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        HttpResponse<String> bare = send("GET", "/console");
        assertThat(bare.statusCode()).isEqualTo(308);
        assertThat(bare.headers().firstValue("Location")).hasValue("/console/");
        assertThat(send("GET", "/console/nothing.js").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/console/%2e%2e/pom.xml").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/console/a/b").statusCode()).isEqualTo(404);
    }

    private static JsonNode quota(JsonNode instance, String name) {
        for (JsonNode row : instance.path("quotas")) {
            if (row.path("quota").asText().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("No quota " + name + " in " + instance);
    }

    private HttpResponse<String> send(String method, String path) {
        return server.operator().send(method, path, null);
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = send("GET", path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
