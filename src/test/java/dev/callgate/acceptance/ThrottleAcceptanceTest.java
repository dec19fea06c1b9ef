package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.config.Settings;
import dev.callgate.limits.throttle.ThrottleMode;
import dev.callgate.testing.Clients;
import dev.callgate.testing.RunningServer;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.StoreKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.CurrentMetricName;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;
import software.amazon.awssdk.services.connect.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.connect.model.ThrottlingException;

/**
 * The API throttle of limits.md §6 through the real ConnectClient, on a virtual clock so that every
 * token is scripted: buckets, their messages and Retry-After-Ms, what a throttled call does not do,
 * the SDK's retry, and the operator's overrides, clock and metrics. On the embedded store (buckets in memory); the
 * same runs on PostgreSQL, its buckets shared in rows as several nodes share them.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class ThrottleAcceptanceTest extends ServerSuite {

    @Override
    protected UnaryOperator<Settings> settings() {
        return s -> s.withThrottle(ThrottleMode.FAITHFUL).withClock(Settings.ClockMode.VIRTUAL);
    }

    ConnectClient client(String account, String region) {
        return Clients.connect(server.port(), account, region);
    }

    /** Calls ListInstances {@code times} times; every call must be admitted. */
    static void admitted(ConnectClient connect, int times) {
        for (int i = 0; i < times; i++) {
            connect.listInstances(r -> { });
        }
    }

    static ThrottlingException throttled(ConnectClient connect) {
        try {
            connect.listInstances(r -> { });
        } catch (ThrottlingException e) {
            return e;
        }
        throw new AssertionError("ListInstances was admitted; a throttle was expected");
    }

    static String retryAfterMs(ThrottlingException e) {
        return e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After-Ms").orElse(null);
    }

    @Test
    void burstIsAdmittedThenTheBucketRefillsAtTheRate() {
        try (ConnectClient connect = client(ACCOUNT, "us-east-1")) {
            admitted(connect, 5);

            ThrottlingException refused = throttled(connect);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
            assertThat(refused.awsErrorDetails().errorMessage()).contains("account " + ACCOUNT, "us-east-1", "ListInstances",
                    "RateLimit 2 per second", "BurstLimit 5", "next token comes in 500 ms");
            assertThat(retryAfterMs(refused)).isEqualTo("500");

            server.operator().advanceClock(499);
            assertThat(retryAfterMs(throttled(connect))).isEqualTo("1");
            server.operator().advanceClock(1);
            admitted(connect, 1);
            assertThat(retryAfterMs(throttled(connect))).isEqualTo("500");

            server.operator().advanceClock(60_000); // a long pause refills no more than the burst
            admitted(connect, 5);
            throttled(connect);
        }
    }

    @Test
    void metricOperationsHaveTheirOwnRateAndBurst() {
        try (ConnectClient connect = client(ACCOUNT, "us-east-1")) {
            String instanceId = connect.createInstance(r -> r.identityManagementType(DirectoryType.SAML).instanceAlias("metrics")
                    .inboundCallsEnabled(true).outboundCallsEnabled(true)).id();
            Runnable current = () -> connect.getCurrentMetricData(r -> r.instanceId(instanceId)
                    .filters(f -> f.channelsWithStrings("VOICE")).currentMetrics(m -> m.name(CurrentMetricName.AGENTS_ONLINE)));
            for (int i = 0; i < 8; i++) {
                current.run();
            }

            assertThatThrownBy(current::run).isInstanceOfSatisfying(ThrottlingException.class, e -> {
                assertThat(e.awsErrorDetails().errorMessage()).contains("GetCurrentMetricData", "RateLimit 5 per second", "BurstLimit 8");
                assertThat(retryAfterMs(e)).isEqualTo("200");
            });
            // GetMetricData is a bucket of its own, full while GetCurrentMetricData's is empty.
            connect.getMetricData(r -> r.instanceId(instanceId).startTime(fiveMinuteMark(-3600)).endTime(fiveMinuteMark(0))
                    .filters(f -> f.channelsWithStrings("VOICE")).historicalMetrics(m -> m.name("CONTACTS_HANDLED").statistic("SUM").unit("COUNT")));
        }
    }

    Instant fiveMinuteMark(long secondsFromNow) {
        Instant now = Instant.ofEpochMilli(Long.parseLong(server.operator().send("GET", "/_callgate/clock", null).body()
                .replaceAll(".*\"epochMillis\":(\\d+).*", "$1")));
        long seconds = now.getEpochSecond() + secondsFromNow;
        return Instant.ofEpochSecond(seconds - Math.floorMod(seconds, 300));
    }

    @Test
    void accountsRegionsAndOperationsNeverShareABucket() {
        try (ConnectClient east = client(ACCOUNT, "us-east-1");
             ConnectClient west = client(ACCOUNT, "us-west-2");
             ConnectClient other = client("444455556666", "us-east-1")) {
            admitted(east, 5);
            throttled(east);

            admitted(west, 5);
            admitted(other, 5);
            // DescribeInstance has a bucket of its own: the call is admitted and its handler finds nothing.
            assertThatThrownBy(() -> east.describeInstance(r -> r.instanceId("no-such-instance")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void throttledCallIsNeitherDecodedNorChangesState() {
        try (ConnectClient connect = client(ACCOUNT, "us-east-1")) {
            for (int i = 0; i < 5; i++) {
                int n = i;
                connect.createInstance(r -> r.identityManagementType(DirectoryType.SAML).instanceAlias("state-" + n)
                        .inboundCallsEnabled(true).outboundCallsEnabled(true));
            }

            // Missing IdentityManagementType would be InvalidParameterException if it were decoded.
            assertThatThrownBy(() -> connect.createInstance(r -> r.instanceAlias("never-decoded")))
                    .isInstanceOf(ThrottlingException.class);
            assertThat(connect.listInstances(r -> { }).instanceSummaryList()).hasSize(5);

            // The throttled create charged nothing: once admitted, the sixth meets the quota with usage 5.
            server.operator().advanceClock(500);
            assertThatThrownBy(() -> connect.createInstance(r -> r.identityManagementType(DirectoryType.SAML)
                    .instanceAlias("state-5").inboundCallsEnabled(true).outboundCallsEnabled(true)))
                    .isInstanceOfSatisfying(ServiceQuotaExceededException.class, e ->
                            assertThat(e.getMessage()).contains("is 5", "usage is 5"));
        }
    }

    @Test
    void defaultClientRetriesAThrottledCallUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        // Time passes only when the server says it must: each 429 advances the clock by its Retry-After-Ms.
        ExecutionInterceptor waitAsAdvertised = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                attempts.incrementAndGet();
            }

            @Override
            public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
                context.httpResponse().firstMatchingHeader("Retry-After-Ms").ifPresent(ms -> server.operator().advanceClock(Long.parseLong(ms)));
            }
        };
        try (ConnectClient drain = client(ACCOUNT, "us-east-1");
             ConnectClient retrying = ConnectClient.builder()
                     .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret")))
                     .overrideConfiguration(o -> o.addExecutionInterceptor(waitAsAdvertised))
                     .build()) {
            admitted(drain, 5);

            assertThat(retrying.listInstances(r -> { }).instanceSummaryList()).isEmpty();

            assertThat(attempts).hasValue(2);
        }
    }

    @Test
    void scaledModeMultipliesRateAndBurst() {
        try (RunningServer scaled = RunningServer.start(storeUrl(), s -> s.withThrottle(ThrottleMode.parse("scale=10"))
                .withClock(Settings.ClockMode.VIRTUAL));
             ConnectClient connect = Clients.connect(scaled.port(), ACCOUNT, "us-east-1")) {
            admitted(connect, 50);
            ThrottlingException refused = throttled(connect);
            assertThat(refused.awsErrorDetails().errorMessage()).contains("RateLimit 20 per second", "BurstLimit 50");
            assertThat(retryAfterMs(refused)).isEqualTo("50");

            scaled.operator().advanceClock(50);
            admitted(connect, 1);
            throttled(connect);
        }
    }

    @Test
    void offModeAdmitsEverythingAndStillCounts() {
        try (RunningServer off = RunningServer.start(storeUrl(), s -> s.withThrottle(ThrottleMode.OFF).withClock(Settings.ClockMode.VIRTUAL));
             ConnectClient connect = Clients.connect(off.port(), ACCOUNT, "us-east-1")) {
            admitted(connect, 40);

            assertThat(off.operator().metrics()).contains(
                    "callgate_api_calls_total{account=\"" + ACCOUNT + "\",operation=\"ListInstances\",outcome=\"admitted\",region=\"us-east-1\",service=\"connect\"} 40.0");
        }
    }

    @Test
    void operatorOverrideRaisesTheGeneralGroupButNotTheMetricGroup() {
        HttpResponse<String> set = server.operator().send("PUT", "/_callgate/accounts/" + ACCOUNT + "/throttle",
                "{\"operation\":\"*\",\"rate\":10,\"burst\":20}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("\"general\":{\"rate\":10,\"burst\":20}", "\"*\":{\"rate\":10,\"burst\":20}");
        try (ConnectClient connect = client(ACCOUNT, "us-east-1");
             ConnectClient other = client("444455556666", "us-east-1")) {
            admitted(connect, 20);
            assertThat(throttled(connect).awsErrorDetails().errorMessage()).contains("RateLimit 10 per second", "BurstLimit 20");
            assertThat(retryAfterMs(throttled(connect))).isEqualTo("100");
            admitted(other, 5);
            throttled(other);

            server.operator().send("PUT", "/_callgate/accounts/" + ACCOUNT + "/throttle", "{\"operation\":\"ListInstances\",\"rate\":1,\"burst\":1}");
            server.operator().advanceClock(1000);
            // Lowered: the tokens in hand are capped at the new burst of 1.
            admitted(connect, 1);
            assertThat(retryAfterMs(throttled(connect))).isEqualTo("1000");

            server.operator().send("DELETE", "/_callgate/accounts/" + ACCOUNT + "/throttle", null);
            // An override reaches a bucket at its next call, keeping the (empty) hand of tokens.
            assertThat(throttled(connect).awsErrorDetails().errorMessage()).contains("RateLimit 2 per second", "BurstLimit 5");
            server.operator().advanceClock(2500);
            admitted(connect, 5);
            throttled(connect);
        }
    }

    @Test
    void raisingALimitGrantsNoInstantBurst() {
        try (ConnectClient connect = client(ACCOUNT, "us-east-1")) {
            admitted(connect, 5);

            server.operator().send("PUT", "/_callgate/accounts/" + ACCOUNT + "/throttle", "{\"operation\":\"ListInstances\",\"rate\":10,\"burst\":100}");

            // The empty hand stays empty: the new burst is room to fill at the new rate, not tokens given.
            ThrottlingException refused = throttled(connect);
            assertThat(refused.awsErrorDetails().errorMessage()).contains("RateLimit 10 per second", "BurstLimit 100");
            assertThat(retryAfterMs(refused)).isEqualTo("100");
            server.operator().advanceClock(1000);
            admitted(connect, 10);
            throttled(connect);
        }
    }

    @Test
    void overridesSurviveARestart() throws IOException {
        Path dataDir = Files.createTempDirectory("callgate-throttle");
        String store = storeUrl();
        UnaryOperator<Settings> faithful = settings();
        try (RunningServer first = RunningServer.start(dataDir, store, faithful)) {
            first.operator().send("PUT", "/_callgate/accounts/" + ACCOUNT + "/throttle", "{\"operation\":\"ListInstances\",\"rate\":1,\"burst\":2}");
        }

        try (RunningServer second = RunningServer.start(dataDir, store, faithful);
             ConnectClient connect = Clients.connect(second.port(), ACCOUNT, "us-east-1")) {
            assertThat(second.operator().send("GET", "/_callgate/accounts/" + ACCOUNT + "/throttle", null).body())
                    .contains("\"ListInstances\":{\"rate\":1,\"burst\":2}");
            admitted(connect, 2);
            assertThat(throttled(connect).awsErrorDetails().errorMessage()).contains("RateLimit 1 per second", "BurstLimit 2");
        }
    }

    @Test
    void overrideNamesAnOperationAndWholeNumbers() {
        HttpResponse<String> unknown = server.operator().send("PUT", "/_callgate/accounts/" + ACCOUNT + "/throttle",
                "{\"operation\":\"ListEverything\",\"rate\":1,\"burst\":1}");
        HttpResponse<String> zero = server.operator().send("PUT", "/_callgate/accounts/" + ACCOUNT + "/throttle",
                "{\"operation\":\"*\",\"rate\":0,\"burst\":5}");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("ListEverything");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.body()).contains("rate and burst must be at least 1");
        assertThat(server.operator().send("PUT", "/_callgate/accounts/" + ACCOUNT + "/throttle",
                "{\"operation\":\"*\",\"rate\":1000000000000,\"burst\":5}").statusCode()).isEqualTo(400);
    }

    @Test
    void virtualClockMovesOnlyWhenAdvanced() {
        String before = server.operator().send("GET", "/_callgate/clock", null).body();
        long start = Long.parseLong(before.replaceAll(".*\"epochMillis\":(\\d+).*", "$1"));

        HttpResponse<String> advanced = server.operator().send("POST", "/_callgate/clock/advance", "{\"millis\":1500}");

        assertThat(before).contains("\"mode\":\"virtual\"");
        assertThat(advanced.body()).contains("\"epochMillis\":" + (start + 1500));
        assertThat(server.operator().send("GET", "/_callgate/clock", null).body()).contains("\"epochMillis\":" + (start + 1500));
        assertThat(server.operator().send("POST", "/_callgate/clock/advance", "{\"millis\":-1}").statusCode()).isEqualTo(400);
    }

    @Test
    void systemClockCannotBeAdvanced() {
        try (RunningServer system = RunningServer.start(storeUrl())) {
            HttpResponse<String> refused = system.operator().send("POST", "/_callgate/clock/advance", "{\"millis\":1000}");

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("--clock virtual");
            assertThat(system.operator().send("GET", "/_callgate/clock", null).body()).contains("\"mode\":\"system\"");
        }
    }

    @Test
    void metricsCountAdmittedAndThrottledCallsPerAccountAndOperation() {
        try (ConnectClient connect = client("222233334444", "us-east-1")) {
            admitted(connect, 5);
            throttled(connect);
            throttled(connect);
        }

        HttpResponse<String> scrape = server.operator().send("GET", "/_callgate/metrics", null);

        assertThat(scrape.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(scrape.body()).contains(
                "callgate_api_calls_total{account=\"222233334444\",operation=\"ListInstances\",outcome=\"admitted\",region=\"us-east-1\",service=\"connect\"} 5.0",
                "callgate_api_calls_total{account=\"222233334444\",operation=\"ListInstances\",outcome=\"throttled\",region=\"us-east-1\",service=\"connect\"} 2.0");
    }
}
