package dev.callgate.connect;

import static dev.callgate.connect.MetricDimensions.AGENT;
import static dev.callgate.connect.MetricDimensions.CHANNEL;
import static dev.callgate.connect.MetricDimensions.QUEUE;
import static dev.callgate.connect.MetricDimensions.ROUTING_PROFILE;

import dev.callgate.Callgate;
import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Arns;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.InstanceService;
import dev.callgate.instance.Pages;
import dev.callgate.instance.ResourceKind;
import dev.callgate.store.Store;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.CurrentMetric;
import software.amazon.awssdk.services.connect.model.CurrentMetricData;
import software.amazon.awssdk.services.connect.model.CurrentMetricName;
import software.amazon.awssdk.services.connect.model.CurrentMetricResult;
import software.amazon.awssdk.services.connect.model.Dimensions;
import software.amazon.awssdk.services.connect.model.FilterV2;
import software.amazon.awssdk.services.connect.model.Filters;
import software.amazon.awssdk.services.connect.model.GetCurrentMetricDataRequest;
import software.amazon.awssdk.services.connect.model.GetCurrentMetricDataResponse;
import software.amazon.awssdk.services.connect.model.GetMetricDataRequest;
import software.amazon.awssdk.services.connect.model.GetMetricDataResponse;
import software.amazon.awssdk.services.connect.model.GetMetricDataV2Request;
import software.amazon.awssdk.services.connect.model.GetMetricDataV2Response;
import software.amazon.awssdk.services.connect.model.HistoricalMetric;
import software.amazon.awssdk.services.connect.model.HistoricalMetricData;
import software.amazon.awssdk.services.connect.model.HistoricalMetricName;
import software.amazon.awssdk.services.connect.model.HistoricalMetricResult;
import software.amazon.awssdk.services.connect.model.IntervalPeriod;
import software.amazon.awssdk.services.connect.model.MetricDataV2;
import software.amazon.awssdk.services.connect.model.MetricInterval;
import software.amazon.awssdk.services.connect.model.MetricResultV2;
import software.amazon.awssdk.services.connect.model.QueueReference;
import software.amazon.awssdk.services.connect.model.RoutingProfileReference;

/**
 * GetCurrentMetricData, GetMetricData and GetMetricDataV2 over Callgate's real state: one result per
 * combination of the requested groupings over the instance's queues, routing profiles, agents and
 * channels (see {@link MetricDimensions}), paginated with MaxResults (up to 100) and NextToken.
 * Callgate holds no contacts or agent sessions yet, so every metric value is 0: the honest count of
 * what exists.
 */
public final class MetricService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private static final int DEFAULT_PAGE = 100;
    private static final Double NOTHING_YET = 0.0;
    private static final Set<String> V1_GROUPINGS = Set.of(QUEUE, CHANNEL, ROUTING_PROFILE);
    private static final Set<String> V2_GROUPINGS = Set.of(QUEUE, CHANNEL, ROUTING_PROFILE, AGENT);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Duration HISTORICAL_RETENTION = Duration.ofHours(24);
    private static final Duration V2_RETENTION = Duration.ofDays(35);
    /** How long each V2 interval is, and the longest StartTime..EndTime it may cover (TOTAL: one interval). */
    private static final Map<IntervalPeriod, Duration> PERIOD_LENGTH = Map.of(
            IntervalPeriod.FIFTEEN_MIN, Duration.ofMinutes(15), IntervalPeriod.THIRTY_MIN, Duration.ofMinutes(30),
            IntervalPeriod.HOUR, Duration.ofHours(1), IntervalPeriod.DAY, Duration.ofDays(1), IntervalPeriod.WEEK, Duration.ofDays(7));
    private static final Map<IntervalPeriod, Duration> PERIOD_MAX_SPAN = Map.of(
            IntervalPeriod.FIFTEEN_MIN, Duration.ofDays(1), IntervalPeriod.THIRTY_MIN, Duration.ofDays(3),
            IntervalPeriod.HOUR, Duration.ofDays(3), IntervalPeriod.DAY, V2_RETENTION, IntervalPeriod.WEEK, V2_RETENTION,
            IntervalPeriod.TOTAL, V2_RETENTION);

    private final InstanceService instances;
    private final MetricDimensions dimensions;
    private final Clock clock;

    public MetricService(InstanceService instances, Store store, Clock clock) {
        this.instances = instances;
        this.dimensions = new MetricDimensions(store);
        this.clock = clock;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(GetCurrentMetricDataRequest.class, this::current);
        handlers.on(GetMetricDataRequest.class, this::historical);
        handlers.on(GetMetricDataV2Request.class, this::v2);
    }

    public GetCurrentMetricDataResponse current(Caller caller, GetCurrentMetricDataRequest request) {
        InstanceRow instance = instances.findOpened(caller, request.instanceId());
        requireKnown(request.currentMetrics(), CurrentMetric::name, CurrentMetric::nameAsString, CurrentMetricName.UNKNOWN_TO_SDK_VERSION);
        List<MetricDimensions.Row> rows = dimensions.rows(instance, request.groupingsAsStrings(), V1_GROUPINGS, filters(request.filters()));
        var page = Pages.cursor("GetCurrentMetricData@" + instance.id(), request.maxResults(), DEFAULT_PAGE, request.nextToken())
                .slice(rows, MetricDimensions.Row::key);
        List<CurrentMetricData> zeros = request.currentMetrics().stream()
                .map(metric -> CurrentMetricData.builder().metric(metric).value(NOTHING_YET).build()).toList();
        return GetCurrentMetricDataResponse.builder()
                .metricResults(page.items().stream()
                        .map(row -> CurrentMetricResult.builder().dimensions(dimensions(instance, row)).collections(zeros).build()).toList())
                .nextToken(page.nextToken())
                .dataSnapshotTime(clock.instant())
                .approximateTotalCount((long) rows.size())
                .build();
    }

    public GetMetricDataResponse historical(Caller caller, GetMetricDataRequest request) {
        InstanceRow instance = instances.findOpened(caller, request.instanceId());
        requireKnown(request.historicalMetrics(), HistoricalMetric::name, HistoricalMetric::nameAsString, HistoricalMetricName.UNKNOWN_TO_SDK_VERSION);
        requireHistoricalWindow(request.startTime(), request.endTime());
        List<MetricDimensions.Row> rows = dimensions.rows(instance, request.groupingsAsStrings(), V1_GROUPINGS, filters(request.filters()));
        var page = Pages.cursor("GetMetricData@" + instance.id(), request.maxResults(), DEFAULT_PAGE, request.nextToken())
                .slice(rows, MetricDimensions.Row::key);
        List<HistoricalMetricData> zeros = request.historicalMetrics().stream()
                .map(metric -> HistoricalMetricData.builder().metric(metric).value(NOTHING_YET).build()).toList();
        return GetMetricDataResponse.builder()
                .metricResults(page.items().stream()
                        .map(row -> HistoricalMetricResult.builder().dimensions(dimensions(instance, row)).collections(zeros).build()).toList())
                .nextToken(page.nextToken())
                .build();
    }

    public GetMetricDataV2Response v2(Caller caller, GetMetricDataV2Request request) {
        InstanceRow instance = instances.findOpened(caller, request.resourceArn());
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (FilterV2 filter : request.filters()) {
            filters.computeIfAbsent(filter.filterKey(), k -> new ArrayList<>()).addAll(filter.filterValues());
        }
        if (filters.keySet().stream().noneMatch(key -> key.equals(QUEUE) || key.equals(ROUTING_PROFILE) || key.equals(AGENT)
                || key.startsWith("AGENT_HIERARCHY_LEVEL_"))) {
            throw ServiceError.invalidParameter("Filters must include at least one of QUEUE, ROUTING_PROFILE, AGENT or AGENT_HIERARCHY_LEVEL_*.");
        }
        if (request.metrics().stream().anyMatch(metric -> metric.name() == null || metric.name().isEmpty())) {
            throw ServiceError.invalidParameter("Every metric needs a Name.");
        }
        List<MetricInterval> intervals = intervals(request);
        List<MetricDimensions.Row> rows = dimensions.rows(instance, request.hasGroupings() ? request.groupings() : List.of(), V2_GROUPINGS, filters);
        List<MetricResultV2> results = new ArrayList<>();
        List<MetricDataV2> zeros = request.metrics().stream()
                .map(metric -> MetricDataV2.builder().metric(metric).value(NOTHING_YET).build()).toList();
        for (MetricDimensions.Row row : rows) {
            for (MetricInterval interval : intervals) {
                results.add(MetricResultV2.builder().dimensions(row.values()).metricInterval(interval).collections(zeros).build());
            }
        }
        var page = Pages.cursor("GetMetricDataV2@" + instance.id(), request.maxResults(), DEFAULT_PAGE, request.nextToken())
                .slice(results, MetricService::v2Key);
        return GetMetricDataV2Response.builder().metricResults(page.items()).nextToken(page.nextToken()).build();
    }

    private static <M, N> void requireKnown(List<M> metrics, Function<M, N> name, Function<M, String> text, N unknown) {
        for (M metric : metrics) {
            if (name.apply(metric) == null || name.apply(metric) == unknown) {
                throw ServiceError.invalidParameter("Metric name '" + text.apply(metric) + "' is not a metric this operation knows.");
            }
        }
    }

    /** GetMetricData's window (limits of Amazon Connect's historical metrics): 5-minute marks, within the last 24 hours. */
    private void requireHistoricalWindow(Instant start, Instant end) {
        if (!onFiveMinuteMark(start) || !onFiveMinuteMark(end)) {
            throw ServiceError.invalidParameter("StartTime and EndTime must be multiples of 5 minutes (e.g. 10:05, 10:10); got "
                    + start + " and " + end + ".");
        }
        requireWindow(start, end, HISTORICAL_RETENTION, HISTORICAL_RETENTION);
    }

    private void requireWindow(Instant start, Instant end, Duration maxSpan, Duration retention) {
        if (!end.isAfter(start)) {
            throw ServiceError.invalidParameter("EndTime " + end + " must be later than StartTime " + start + ".");
        }
        if (Duration.between(start, end).compareTo(maxSpan) > 0) {
            throw ServiceError.invalidParameter("StartTime to EndTime may span at most " + maxSpan.toHours() + " hours; got "
                    + Duration.between(start, end).toMinutes() + " minutes.");
        }
        Instant oldest = clock.instant().minus(retention);
        if (start.isBefore(oldest)) {
            throw ServiceError.invalidParameter("StartTime " + start + " is earlier than " + retention.toHours()
                    + " hours before now (" + clock.instant() + "); metrics are kept that long.");
        }
    }

    /** The V2 intervals to report: one per IntervalPeriod from StartTime (in UTC), or one TOTAL interval. */
    private List<MetricInterval> intervals(GetMetricDataV2Request request) {
        IntervalPeriod period = request.interval() == null || request.interval().intervalPeriod() == null
                ? IntervalPeriod.TOTAL : request.interval().intervalPeriod();
        if (period == IntervalPeriod.UNKNOWN_TO_SDK_VERSION) {
            throw ServiceError.invalidParameter("IntervalPeriod '" + request.interval().intervalPeriodAsString() + "' is not one of "
                    + "FIFTEEN_MIN, THIRTY_MIN, HOUR, DAY, WEEK, TOTAL.");
        }
        if (request.interval() != null && request.interval().timeZone() != null) {
            requireZone(request.interval().timeZone());
        }
        Instant start = request.startTime();
        Instant end = request.endTime();
        requireWindow(start, end, PERIOD_MAX_SPAN.get(period), V2_RETENTION);
        Duration length = PERIOD_LENGTH.get(period);
        if (length == null) {
            return List.of(interval(period, start, end));
        }
        List<MetricInterval> intervals = new ArrayList<>();
        for (Instant from = start; from.isBefore(end); from = from.plus(length)) {
            Instant to = from.plus(length);
            intervals.add(interval(period, from, to.isAfter(end) ? end : to));
        }
        return intervals;
    }

    private static void requireZone(String zone) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ServiceError.invalidParameter("TimeZone '" + zone + "' is not a time zone name such as Europe/Berlin.");
        }
    }

    private static MetricInterval interval(IntervalPeriod period, Instant start, Instant end) {
        return MetricInterval.builder().interval(period).startTime(start).endTime(end).build();
    }

    private static boolean onFiveMinuteMark(Instant time) {
        return time.getNano() == 0 && time.getEpochSecond() % FIVE_MINUTES.toSeconds() == 0;
    }

    private static Map<String, List<String>> filters(Filters filters) {
        Map<String, List<String>> byGrouping = new LinkedHashMap<>();
        if (filters.hasQueues()) {
            byGrouping.put(QUEUE, filters.queues());
        }
        if (filters.hasChannels()) {
            byGrouping.put(CHANNEL, filters.channelsAsStrings());
        }
        if (filters.hasRoutingProfiles()) {
            byGrouping.put(ROUTING_PROFILE, filters.routingProfiles());
        }
        return byGrouping;
    }

    private static Dimensions dimensions(InstanceRow instance, MetricDimensions.Row row) {
        if (row.values().isEmpty()) {
            return null;
        }
        Dimensions.Builder dimensions = Dimensions.builder();
        row.values().forEach((grouping, value) -> {
            switch (grouping) {
                case QUEUE -> dimensions.queue(QueueReference.builder().id(value).arn(Arns.resource(instance, ResourceKind.QUEUE, value)).build());
                case ROUTING_PROFILE -> dimensions.routingProfile(RoutingProfileReference.builder()
                        .id(value).arn(Arns.resource(instance, ResourceKind.ROUTING_PROFILE, value)).build());
                case CHANNEL -> dimensions.channel(value);
                default -> throw new IllegalStateException("V1 metrics have no " + grouping + " dimension");
            }
        });
        return dimensions.build();
    }

    private static String v2Key(MetricResultV2 result) {
        // Zero-padded so that keys order intervals by time within a row.
        return String.join("/", result.dimensions().values()) + "@" + String.format("%012d", result.metricInterval().startTime().getEpochSecond());
    }
}
