package dev.callgate.connect;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.ResourceKind;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.CreateHoursOfOperationRequest;
import software.amazon.awssdk.services.connect.model.CreateHoursOfOperationResponse;
import software.amazon.awssdk.services.connect.model.DeleteHoursOfOperationRequest;
import software.amazon.awssdk.services.connect.model.DeleteHoursOfOperationResponse;
import software.amazon.awssdk.services.connect.model.DescribeHoursOfOperationRequest;
import software.amazon.awssdk.services.connect.model.DescribeHoursOfOperationResponse;
import software.amazon.awssdk.services.connect.model.HoursOfOperation;
import software.amazon.awssdk.services.connect.model.HoursOfOperationConfig;
import software.amazon.awssdk.services.connect.model.HoursOfOperationSummary;
import software.amazon.awssdk.services.connect.model.HoursOfOperationTimeSlice;
import software.amazon.awssdk.services.connect.model.ListHoursOfOperationsRequest;
import software.amazon.awssdk.services.connect.model.ListHoursOfOperationsResponse;
import software.amazon.awssdk.services.connect.model.SearchHoursOfOperationsRequest;
import software.amazon.awssdk.services.connect.model.SearchHoursOfOperationsResponse;
import software.amazon.awssdk.services.connect.model.UpdateHoursOfOperationRequest;
import software.amazon.awssdk.services.connect.model.UpdateHoursOfOperationResponse;

/** Hours of operation (quota "Hours of operation per instance"); a queue's hours cannot be deleted. */
public final class HoursOfOperationService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private static final Map<String, String> FIELDS = Map.of("name", "Name", "description", "Description",
            "timezone", "TimeZone", "resourceId", "HoursOfOperationId");
    private final InstanceResources resources;

    public HoursOfOperationService(InstanceResources resources) {
        this.resources = resources;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(CreateHoursOfOperationRequest.class, this::create);
        handlers.on(DescribeHoursOfOperationRequest.class, this::describe);
        handlers.on(ListHoursOfOperationsRequest.class, this::list);
        handlers.on(DeleteHoursOfOperationRequest.class, this::delete);
        handlers.on(UpdateHoursOfOperationRequest.class, this::update);
        handlers.on(SearchHoursOfOperationsRequest.class, this::search);
    }

    public CreateHoursOfOperationResponse create(Caller caller, CreateHoursOfOperationRequest request) {
        Checks.name("Name", request.name(), 127);
        Checks.length("Description", request.description(), 250);
        timeZone(request.timeZone());
        config(request.config());
        var draft = resources.create(caller, request.instanceId(), ResourceKind.HOURS_OF_OPERATION, request.name(), (tx, d) ->
                json(HoursOfOperation.builder()
                        .hoursOfOperationId(d.id()).hoursOfOperationArn(d.arn())
                        .name(request.name()).description(request.description()).timeZone(request.timeZone())
                        .config(request.config()).tags(Checks.tags(request.tags(), request.hasTags()))
                        .lastModifiedTime(d.now()).lastModifiedRegion(d.region()).build()));
        return CreateHoursOfOperationResponse.builder().hoursOfOperationId(draft.id()).hoursOfOperationArn(draft.arn()).build();
    }

    public DescribeHoursOfOperationResponse describe(Caller caller, DescribeHoursOfOperationRequest request) {
        HoursOfOperation hours = resources.describe(caller, request.instanceId(), ResourceKind.HOURS_OF_OPERATION,
                request.hoursOfOperationId(), HoursOfOperation.builder());
        return DescribeHoursOfOperationResponse.builder().hoursOfOperation(hours).build();
    }

    public ListHoursOfOperationsResponse list(Caller caller, ListHoursOfOperationsRequest request) {
        var page = resources.list(caller, request.instanceId(), List.of(ResourceKind.HOURS_OF_OPERATION),
                request.maxResults(), request.nextToken(), 100);
        return ListHoursOfOperationsResponse.builder()
                .hoursOfOperationSummaryList(page.rows().stream().map(row -> {
                    HoursOfOperation hours = decode(row, HoursOfOperation.builder());
                    return HoursOfOperationSummary.builder().id(hours.hoursOfOperationId()).arn(hours.hoursOfOperationArn())
                            .name(hours.name()).lastModifiedTime(hours.lastModifiedTime())
                            .lastModifiedRegion(hours.lastModifiedRegion()).build();
                }).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteHoursOfOperationResponse delete(Caller caller, DeleteHoursOfOperationRequest request) {
        resources.delete(caller, request.instanceId(), ResourceKind.HOURS_OF_OPERATION, request.hoursOfOperationId(),
                InstanceResources.Deletion.NONE);
        return DeleteHoursOfOperationResponse.builder().build();
    }

    /** Changes any of name, description, time zone and days; members left out stay as they are. */
    public UpdateHoursOfOperationResponse update(Caller caller, UpdateHoursOfOperationRequest request) {
        if (request.name() != null) {
            Checks.name("Name", request.name(), 127);
        }
        Checks.length("Description", request.description(), 250);
        if (request.timeZone() != null) {
            timeZone(request.timeZone());
        }
        if (request.hasConfig()) {
            config(request.config());
        }
        resources.revise(caller, request.instanceId(), ResourceKind.HOURS_OF_OPERATION, request.hoursOfOperationId(), request.name(),
                (tx, row) -> {
                    HoursOfOperation.Builder hours = ((HoursOfOperation) decode(row, HoursOfOperation.builder())).toBuilder();
                    if (request.name() != null) {
                        hours.name(request.name());
                    }
                    if (request.description() != null) {
                        hours.description(request.description());
                    }
                    if (request.timeZone() != null) {
                        hours.timeZone(request.timeZone());
                    }
                    if (request.hasConfig()) {
                        hours.config(request.config());
                    }
                    return json(hours.lastModifiedTime(tx.now()).build());
                });
        return UpdateHoursOfOperationResponse.builder().build();
    }

    public SearchHoursOfOperationsResponse search(Caller caller, SearchHoursOfOperationsRequest request) {
        var found = resources.search(caller, request.instanceId(), ResourceKind.HOURS_OF_OPERATION,
                SearchFilters.matching(request.searchCriteria(), request.searchFilter(), FIELDS),
                request.maxResults(), request.nextToken(), 100);
        return SearchHoursOfOperationsResponse.builder()
                .hoursOfOperations(found.page().rows().stream().map(row -> (HoursOfOperation) decode(row, HoursOfOperation.builder())).toList())
                .approximateTotalCount(found.total()).nextToken(found.page().nextToken()).build();
    }

    /**
     * A time zone as Connect names them: an IANA name ({@code America/New_York}), an old alias
     * ({@code US/Eastern}) or one of the short names Connect offers ({@code EST}, {@code MST}, {@code HST}).
     */
    static void timeZone(String timeZone) {
        try {
            ZoneId.of(timeZone, ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            throw ServiceError.invalidParameter("TimeZone '" + timeZone + "' is not a known time zone.");
        }
    }

    private static void config(List<HoursOfOperationConfig> config) {
        if (config.isEmpty()) {
            throw ServiceError.invalidParameter("Config must hold at least one day.");
        }
        for (HoursOfOperationConfig day : config) {
            Checks.known("Config.Day", day.day(), day.dayAsString());
            slice("StartTime", day.startTime());
            slice("EndTime", day.endTime());
        }
    }

    private static void slice(String member, HoursOfOperationTimeSlice slice) {
        Checks.range("Config." + member + ".Hours", slice.hours(), 0, 23);
        Checks.range("Config." + member + ".Minutes", slice.minutes(), 0, 59);
    }
}
