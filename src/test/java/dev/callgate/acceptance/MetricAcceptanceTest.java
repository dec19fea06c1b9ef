package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.testing.Clients;
import dev.callgate.testing.ServerSuite;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.Channel;
import software.amazon.awssdk.services.connect.model.CreateInstanceResponse;
import software.amazon.awssdk.services.connect.model.CurrentMetricName;
import software.amazon.awssdk.services.connect.model.CurrentMetricResult;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.GetCurrentMetricDataResponse;
import software.amazon.awssdk.services.connect.model.Grouping;
import software.amazon.awssdk.services.connect.model.HistoricalMetricResult;
import software.amazon.awssdk.services.connect.model.IntervalPeriod;
import software.amazon.awssdk.services.connect.model.InvalidParameterException;
import software.amazon.awssdk.services.connect.model.MetricResultV2;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;
import software.amazon.awssdk.services.connect.model.Unit;

/** The three metric operations over a real instance, through the ConnectClient and its paginators. */
class MetricAcceptanceTest extends ServerSuite {
    CreateInstanceResponse instance;

    @BeforeEach
    void newInstance() {
        instance = connect.createInstance(r -> r.identityManagementType(DirectoryType.CONNECT_MANAGED).instanceAlias("metrics-co")
                .inboundCallsEnabled(true).outboundCallsEnabled(true));
    }

    GetCurrentMetricDataResponse currentByQueue() {
        return connect.getCurrentMetricData(r -> r.instanceId(instance.id()).groupings(Grouping.QUEUE)
                .filters(f -> f.channels(Channel.VOICE))
                .currentMetrics(m -> m.name(CurrentMetricName.AGENTS_ONLINE).unit(Unit.COUNT),
                        m -> m.name(CurrentMetricName.CONTACTS_IN_QUEUE).unit(Unit.COUNT)));
    }

    @Test
    void currentMetricsAreZeroPerRealQueue() {
        GetCurrentMetricDataResponse response = currentByQueue();

        // A new instance has one standard queue, BasicQueue; nothing is in it yet.
        assertThat(response.metricResults()).hasSize(1);
        CurrentMetricResult result = response.metricResults().get(0);
        assertThat(result.dimensions().queue().arn()).startsWith(instance.arn() + "/queue/").endsWith(result.dimensions().queue().id());
        assertThat(result.collections()).extracting(c -> c.metric().name(), c -> c.value())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CurrentMetricName.AGENTS_ONLINE, 0.0),
                        org.assertj.core.groups.Tuple.tuple(CurrentMetricName.CONTACTS_IN_QUEUE, 0.0));
        assertThat(response.approximateTotalCount()).isEqualTo(1L);
        assertThat(response.dataSnapshotTime()).isNotNull();
        assertThat(response.nextToken()).isNull();
    }

    @Test
    void paginatorWalksEveryQueueAndChannelCombination() {
        List<CurrentMetricResult> all = connect.getCurrentMetricDataPaginator(r -> r.instanceId(instance.id())
                        .groupings(Grouping.QUEUE, Grouping.CHANNEL).filters(f -> { }).maxResults(1)
                        .currentMetrics(m -> m.name(CurrentMetricName.AGENTS_ONLINE)))
                .stream().flatMap(page -> page.metricResults().stream()).toList();

        assertThat(all).extracting(r -> r.dimensions().channel())
                .containsExactlyInAnyOrder(Channel.VOICE, Channel.CHAT, Channel.TASK, Channel.EMAIL);
        assertThat(all).extracting(r -> r.dimensions().queue().id()).containsOnly(currentByQueue().metricResults().get(0).dimensions().queue().id());
    }

    @Test
    void queueFilterNamesRealQueuesByIdOrArn() {
        String queueArn = currentByQueue().metricResults().get(0).dimensions().queue().arn();

        assertThat(connect.getCurrentMetricData(r -> r.instanceId(instance.id()).groupings(Grouping.QUEUE)
                .filters(f -> f.queues(queueArn)).currentMetrics(m -> m.name(CurrentMetricName.AGENTS_ONLINE))).metricResults())
                .hasSize(1);
        assertThatThrownBy(() -> connect.getCurrentMetricData(r -> r.instanceId(instance.id())
                .filters(f -> f.queues("no-such-queue")).currentMetrics(m -> m.name(CurrentMetricName.AGENTS_ONLINE))))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.getMessage()).contains("no-such-queue"));
    }

    @Test
    void historicalMetricsOverTheLastDayPerRoutingProfile() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);

        List<HistoricalMetricResult> results = connect.getMetricDataPaginator(r -> r.instanceId(instance.id())
                        .startTime(end.minus(2, ChronoUnit.HOURS)).endTime(end).groupings(Grouping.ROUTING_PROFILE)
                        .filters(f -> f.channels(Channel.VOICE)).historicalMetrics(m -> m.name("CONTACTS_HANDLED").statistic("SUM").unit("COUNT")))
                .stream().flatMap(page -> page.metricResults().stream()).toList();

        assertThat(results).hasSize(1);
        assertThat(results.get(0).dimensions().routingProfile().arn()).startsWith(instance.arn() + "/routing-profile/");
        assertThat(results.get(0).collections().get(0).value()).isEqualTo(0.0);
    }

    @Test
    void historicalWindowMustBeOnFiveMinuteMarksWithinTheLastDay() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);

        assertThatThrownBy(() -> connect.getMetricData(r -> r.instanceId(instance.id()).startTime(end.minusSeconds(61)).endTime(end)
                .filters(f -> { }).historicalMetrics(m -> m.name("CONTACTS_HANDLED"))))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.getMessage()).contains("multiples of 5 minutes"));
        assertThatThrownBy(() -> connect.getMetricData(r -> r.instanceId(instance.id()).startTime(end.minus(2, ChronoUnit.DAYS))
                .endTime(end.minus(1, ChronoUnit.DAYS).minus(1, ChronoUnit.HOURS)).filters(f -> { }).historicalMetrics(m -> m.name("CONTACTS_HANDLED"))))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.getMessage()).contains("earlier than 24 hours"));
    }

    @Test
    void v2ReportsOneResultPerAgentAndHourAcrossPages() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);

        List<MetricResultV2> results = connect.getMetricDataV2Paginator(r -> r.resourceArn(instance.arn())
                        .startTime(end.minus(3, ChronoUnit.HOURS)).endTime(end)
                        .interval(i -> i.intervalPeriod(IntervalPeriod.HOUR).timeZone("UTC"))
                        .filters(f -> f.filterKey("QUEUE").filterValues(currentByQueue().metricResults().get(0).dimensions().queue().id()))
                        .groupings("AGENT").metrics(m -> m.name("CONTACTS_HANDLED")).maxResults(2))
                .stream().flatMap(page -> page.metricResults().stream()).toList();

        // CONNECT_MANAGED instances come with one user, the admin: three hours of it.
        assertThat(results).hasSize(3);
        assertThat(results).extracting(r -> r.metricInterval().startTime())
                .containsExactly(end.minus(3, ChronoUnit.HOURS), end.minus(2, ChronoUnit.HOURS), end.minus(1, ChronoUnit.HOURS));
        assertThat(results).extracting(MetricResultV2::dimensions).extracting(d -> d.keySet()).containsOnly(java.util.Set.of("AGENT"));
        assertThat(results.get(0).collections().get(0).value()).isEqualTo(0.0);
    }

    @Test
    void v2NeedsAResourceFilterAndAnInstanceOfTheCaller() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);

        assertThatThrownBy(() -> connect.getMetricDataV2(r -> r.resourceArn(instance.arn()).startTime(end.minus(1, ChronoUnit.HOURS)).endTime(end)
                .filters(f -> f.filterKey("CHANNEL").filterValues("VOICE")).metrics(m -> m.name("CONTACTS_HANDLED"))))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.getMessage()).contains("QUEUE, ROUTING_PROFILE, AGENT"));
        try (ConnectClient other = Clients.connect(server.port(), "444455556666", "us-east-1")) {
            assertThatThrownBy(() -> other.getMetricDataV2(r -> r.resourceArn(instance.arn()).startTime(end.minus(1, ChronoUnit.HOURS)).endTime(end)
                    .filters(f -> f.filterKey("QUEUE").filterValues("q")).metrics(m -> m.name("CONTACTS_HANDLED"))))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void unsupportedGroupingIsRefusedByName() {
        assertThatThrownBy(() -> connect.getCurrentMetricData(r -> r.instanceId(instance.id()).groupings(Grouping.AGENT_STATUS)
                .filters(f -> { }).currentMetrics(m -> m.name(CurrentMetricName.AGENTS_ONLINE))))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.getMessage()).contains("AGENT_STATUS", "QUEUE"));
    }
}
