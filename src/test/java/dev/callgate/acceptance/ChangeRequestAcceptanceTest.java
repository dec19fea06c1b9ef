package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.cli.Main;
import dev.callgate.config.Settings;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.ReportsClient;
import dev.callgate.testing.ServerSuite;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

/**
 * The requests Service Quotas has no code for (callable countries, blocked prefixes, ports) through
 * Callgate's own SigV4 API, the command line's approval, and editions in operation (docs/limits.md
 * §1, §5, §7, §8). On a virtual clock, so that a port's dates move without waiting.
 */
class ChangeRequestAcceptanceTest extends ServerSuite {
    private static final ObjectMapper JSON = new ObjectMapper();
    ReportsClient own;
    ServiceQuotasClient quotas;

    @Override
    protected UnaryOperator<Settings> settings() {
        return s -> s.withClock(Settings.ClockMode.VIRTUAL);
    }

    @BeforeEach
    void clients() {
        own = new ReportsClient(server.port(), ACCOUNT, "us-east-1");
        quotas = Clients.serviceQuotas(server.port(), ACCOUNT, "us-east-1");
    }

    @AfterEach
    void closeClients() {
        quotas.close();
    }

    @Test
    void callableCountriesAndBlockedPrefixesChangeOnlyOnApproval() {
        String instance = newInstance(connect, "dialing");

        JsonNode add = submit(instance, Map.of("kind", "ADD_COUNTRIES", "countries", List.of("FR", "be")));
        assertThat(add.path("status").asText()).isEqualTo("PENDING");
        assertThat(add.path("details").path("countries").toString()).isEqualTo("[\"FR\",\"BE\"]");
        assertRefused(instance, Map.of("kind", "ADD_COUNTRIES", "countries", List.of("FR")), "ResourceAlreadyExistsException");
        approve(add.path("id").asText());
        // Now callable: asking again is refused as already so.
        assertRefused(instance, Map.of("kind", "ADD_COUNTRIES", "countries", List.of("FR")), "already callable");

        assertRefused(instance, Map.of("kind", "REMOVE_COUNTRIES", "countries", List.of("ZZ")), "not an ISO 3166");
        approve(submit(instance, Map.of("kind", "REMOVE_COUNTRIES", "countries", List.of("DE"))).path("id").asText());
        assertRefused(instance, Map.of("kind", "REMOVE_COUNTRIES", "countries", List.of("DE")), "is not callable");

        assertRefused(instance, Map.of("kind", "LIFT_PREFIX", "prefix", "447"), "E.164");
        JsonNode lift = submit(instance, Map.of("kind", "LIFT_PREFIX", "prefix", "+447"));
        approve(lift.path("id").asText());
        assertRefused(instance, Map.of("kind", "LIFT_PREFIX", "prefix", "+447"), "not blocked");

        assertThat(own.call("GET", "/_callgate/instances/" + instance + "/requests", null).path("requests")).hasSize(3);
        assertThat(own.call("GET", "/_callgate/instances/" + instance + "/requests?maxResults=2", null).path("requests")).hasSize(2);
        assertThatThrownBy(() -> own.call("GET", "/_callgate/instances/" + instance + "/requests?maxResults=101", null))
                .hasMessageContaining("maxResults must be between 1 and 100; got 101.");
        assertThat(own.call("GET", "/_callgate/instances/" + instance + "/requests/" + lift.path("id").asText(), null)
                .path("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void anotherAccountNeverSeesAnInstancesRequests() {
        String instance = newInstance(connect, "private");
        String id = submit(instance, Map.of("kind", "ADD_COUNTRIES", "countries", List.of("FR"))).path("id").asText();

        ReportsClient other = new ReportsClient(server.port(), "444455556666", "us-east-1");
        assertThatThrownBy(() -> other.call("GET", "/_callgate/instances/" + instance + "/requests/" + id, null))
                .hasMessageContaining("ResourceNotFoundException");
        assertThatThrownBy(() -> other.call("GET", "/_callgate/instances/" + instance + "/requests", null))
                .hasMessageContaining("ResourceNotFoundException");
        try (ServiceQuotasClient otherQuotas = Clients.serviceQuotas(server.port(), "444455556666", "us-east-1")) {
            assertThat(otherQuotas.listRequestedServiceQuotaChangeHistory(r -> { }).requestedQuotas()).isEmpty();
        }
    }

    @Test
    void onlyUsNumbersArePortedAndNeverIntoTokyo() {
        String instance = newInstance(connect, "porting");

        assertRefused(instance, Map.of("kind", "PORT_NUMBERS", "numbers", List.of("+442071838750")), "Only US numbers");
        assertRefused(instance, Map.of("kind", "PORT_NUMBERS", "numbers", List.of("+18762345678")), "a number of JM");
        assertRefused(instance, Map.of("kind", "PORT_NUMBERS", "numbers", List.of("12127365000")), "not an E.164 number");
        try (ConnectClient tokyo = Clients.connect(server.port(), ACCOUNT, "ap-northeast-1")) {
            String tokyoInstance = newInstance(tokyo, "tokyo");
            ReportsClient tokyoOwn = new ReportsClient(server.port(), ACCOUNT, "ap-northeast-1");
            assertThatThrownBy(() -> tokyoOwn.call("POST", "/_callgate/instances/" + tokyoInstance + "/requests",
                    Map.of("kind", "PORT_NUMBERS", "numbers", List.of("+12127365000")))).hasMessageContaining("ap-northeast-1");
        }
    }

    @Test
    void aCompletedPortAddsItsNumbersWithinThePhoneNumberQuota() {
        Fixtures fixtures = Fixtures.newInstance(connect, "ported");
        String instance = fixtures.instanceId;
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            numbers.add("+121273650" + (10 + i));
        }
        String id = submit(instance, Map.of("kind", "PORT_NUMBERS", "numbers", numbers)).path("id").asText();
        LocalDate portDate = LocalDate.ofInstant(clockNow(), ZoneOffset.UTC).plusDays(10);
        for (String step : List.of("PORTABILITY_CONFIRMED", "LOA_RECEIVED", "SUBMITTED_TO_CARRIER")) {
            assertThat(advance(id, "{\"step\":\"" + step + "\"}").path("status").asText()).isEqualTo("CASE_OPENED");
        }
        advance(id, "{\"step\":\"PORT_DATE_SET\",\"portDate\":\"" + portDate + "\"}");
        assertThat(server.operator().send("POST", "/_callgate/requests/" + id + "/advance", "{}").body())
                .contains("a day before its port date");

        server.operator().advanceClock(Duration.ofDays(9).toMillis());
        JsonNode held = advance(id, "{}");
        assertThat(held.path("reason").asText()).startsWith("Held:").contains("L-8F812903").contains("is 10");
        assertThat(held.path("details").path("step").asText()).isEqualTo("PORT_DATE_SET");
        assertThat(connect.listPhoneNumbersV2(r -> r.targetArn(arn(instance))).listPhoneNumbersSummaryList()).isEmpty();

        String arn = arn(instance);
        String raise = quotas.requestServiceQuotaIncrease(r -> r.serviceCode("connect").quotaCode("L-8F812903").desiredValue(20.0)
                .contextId(arn)).requestedQuota().id();
        approve(raise);
        assertThat(advance(id, "{}").path("details").path("step").asText()).isEqualTo("NUMBERS_ADDED");
        assertThat(connect.listPhoneNumbersV2(r -> r.targetArn(arn)).listPhoneNumbersSummaryList()).hasSize(11);
        assertThat(server.operator().usage("instances/" + instance + "/quotas", "PHONE_NUMBERS")).isEqualTo(11);

        assertThat(server.operator().send("POST", "/_callgate/requests/" + id + "/advance", "{}").body()).contains("completes on its port date");
        server.operator().advanceClock(Duration.ofDays(1).toMillis());
        JsonNode done = advance(id, "{}");
        assertThat(done.path("status").asText()).isEqualTo("APPROVED");
        assertThat(done.path("details").path("steps")).hasSize(7);
    }

    @Test
    void theCommandLineListsAndApprovesAgainstTheRunningServer() {
        String id = quotas.requestServiceQuotaIncrease(r -> r.serviceCode("connect").quotaCode("L-AA17A6B9").desiredValue(7.0))
                .requestedQuota().id();
        String endpoint = "http://127.0.0.1:" + server.port();

        String listing = cli("requests", "list", "--status", "PENDING", "--endpoint", endpoint);
        assertThat(listing).contains(id).contains("L-AA17A6B9").contains("7 (now 5)");
        List<String> lines = listing.lines().toList();
        assertThat(lines.get(1).indexOf("L-AA17A6B9")).as("the quota under its header").isEqualTo(lines.get(0).indexOf("QUOTA "));
        assertThat(cli("requests", "approve", id, "--endpoint", endpoint)).contains(id + " APPROVED");
        assertThat(quotas.getServiceQuota(r -> r.serviceCode("connect").quotaCode("L-AA17A6B9")).quota().value()).isEqualTo(7.0);
        assertThat(cli("requests", "deny", id, "--reason", "late", "--endpoint", endpoint)).contains("only a PENDING or CASE_OPENED");
    }

    @Test
    void theOperatorsListingPagesByAnOpaqueTokenAndTheCommandLineFollowsIt() {
        String arn = arn(newInstance(connect, "paged"));
        List<String> ids = new ArrayList<>();
        for (String code : List.of("L-9A46857E", "L-8F812903", "L-19A87C94", "L-D3E7BE26", "L-20CD02F7")) {
            ids.add(quotas.requestServiceQuotaIncrease(r -> r.serviceCode("connect").quotaCode(code).desiredValue(1000.0).contextId(arn))
                    .requestedQuota().id());
        }

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = operator("GET", "/_callgate/requests?status=PENDING&limit=2"
                    + (token == null ? "" : "&nextToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8)), null);
            page.path("requests").forEach(r -> seen.add(r.path("id").asText()));
            sizes.add(page.path("requests").size());
            token = page.path("nextToken").isTextual() ? page.path("nextToken").asText() : null;
        } while (token != null);
        // Id order, which is creation order across milliseconds (the virtual clock stands still here).
        assertThat(seen).isSorted().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(sizes).containsExactly(2, 2, 1);

        String second = operator("GET", "/_callgate/requests?status=PENDING&limit=2", null).path("nextToken").asText();
        for (String path : List.of("/_callgate/requests?status=PENDING&nextToken=" + URLEncoder.encode(second + "x", StandardCharsets.UTF_8),
                "/_callgate/requests?nextToken=" + URLEncoder.encode(second, StandardCharsets.UTF_8))) {
            HttpResponse<String> refused = server.operator().send("GET", path, null);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("InvalidRequestException").contains("NextToken");
        }
        for (String limit : List.of("0", "1001", "many")) {
            HttpResponse<String> refused = server.operator().send("GET", "/_callgate/requests?limit=" + limit, null);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("InvalidParameterException", "limit must be between 1 and 1000; got " + limit + ".");
        }
        String endpoint = "http://127.0.0.1:" + server.port();
        assertThat(cli("requests", "list", "--page-size", "2", "--endpoint", endpoint)).contains(ids);
    }

    @Test
    void editionsInOperation() throws IOException {
        assertThat(operator("PUT", "/_callgate/editions/current", "{\"name\":\"2017-03-28\"}").path("current").asText()).isEqualTo("2017-03-28");
        String launch = newInstance(connect, "at-launch");
        operator("PUT", "/_callgate/editions/current", "{\"name\":\"2019-09-30\"}");
        String today = newInstance(connect, "today");

        assertThat(server.operator().value("instances/" + launch + "/quotas", "CONCURRENT_CALLS")).isEqualTo(10);
        assertThat(server.operator().value("instances/" + today + "/quotas", "CONCURRENT_CALLS")).isEqualTo(100);
        String raise = quotas.requestServiceQuotaIncrease(r -> r.serviceCode("connect").quotaCode("L-12AB7C57").desiredValue(40.0)
                .contextId(arn(launch))).requestedQuota().id();
        approve(raise);
        assertThat(server.operator().value("instances/" + launch + "/quotas", "CONCURRENT_CALLS")).isEqualTo(40);
        assertThat(server.operator().value("instances/" + today + "/quotas", "CONCURRENT_CALLS")).isEqualTo(100);

        JsonNode edition = JSON.readTree(getClass().getResourceAsStream("/dev/callgate/editions/2019-09-30.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) edition.path("quotas")).put("QUEUES", 75);
        operator("PUT", "/_callgate/editions/2026-11-30", edition.toString());
        assertThat(server.operator().send("PUT", "/_callgate/editions/2026-11-30", edition.toString()).statusCode()).isEqualTo(409);
        operator("PUT", "/_callgate/editions/current", "{\"name\":\"2026-11-30\"}");
        String later = newInstance(connect, "later");
        assertThat(server.operator().value("instances/" + later + "/quotas", "QUEUES")).isEqualTo(75);
        assertThat(quotas.getAWSDefaultServiceQuota(r -> r.serviceCode("connect").quotaCode("L-19A87C94")).quota().value()).isEqualTo(75.0);
        assertThat(server.operator().value("instances/" + today + "/quotas", "QUEUES")).isEqualTo(50);
    }

    private String cli(String... args) {
        StringWriter out = new StringWriter();
        Main.execute(args, Map.of(), new PrintWriter(out, true), new PrintWriter(out, true));
        return out.toString();
    }

    private Instant clockNow() {
        return Instant.parse(operator("GET", "/_callgate/clock", null).path("instant").asText());
    }

    private JsonNode submit(String instance, Map<String, Object> body) {
        return own.call("POST", "/_callgate/instances/" + instance + "/requests", body);
    }

    private void assertRefused(String instance, Map<String, Object> body, String message) {
        assertThatThrownBy(() -> submit(instance, body)).hasMessageContaining(message);
    }

    private void approve(String id) {
        assertThat(operator("POST", "/_callgate/requests/" + id + "/approve", null).path("status").asText()).isEqualTo("APPROVED");
    }

    private JsonNode advance(String id, String body) {
        return operator("POST", "/_callgate/requests/" + id + "/advance", body);
    }

    private String arn(String instance) {
        return connect.describeInstance(r -> r.instanceId(instance)).instance().arn();
    }

    private static String newInstance(ConnectClient client, String alias) {
        return client.createInstance(r -> r.identityManagementType(DirectoryType.CONNECT_MANAGED).instanceAlias(alias)
                .inboundCallsEnabled(true).outboundCallsEnabled(true)).id();
    }

    private JsonNode operator(String method, String path, String body) {
        HttpResponse<String> response = server.operator().send(method, path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
