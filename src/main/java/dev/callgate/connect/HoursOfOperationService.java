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

/** Hours of operation (quota "Hours of operation per instance"); a queue's hours cannot be deleted. */
public final class HoursOfOperationService implements OperationFamily<ConnectRequest, ConnectResponse> {
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
    }

    public CreateHoursOfOperationResponse create(Caller caller, CreateHoursOfOperationRequest request) {
        Checks.name("Name", request.name(), 127);
        Checks.length("Description", request.description(), 250);
        try {
            ZoneId.of(request.timeZone());
        } catch (DateTimeException e) {
            throw ServiceError.invalidParameter("TimeZone '" + request.timeZone() + "' is not a known time zone.");
        }
        if (request.config().isEmpty()) {
            throw ServiceError.invalidParameter("Config must hold at least one day.");
        }
        for (HoursOfOperationConfig day : request.config()) {
            Checks.known("Config.Day", day.day(), day.dayAsString());
            slice("StartTime", day.startTime());
            slice("EndTime", day.endTime());
        }
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

    private static void slice(String member, HoursOfOperationTimeSlice slice) {
        Checks.range("Config." + member + ".Hours", slice.hours(), 0, 23);
        Checks.range("Config." + member + ".Minutes", slice.minutes(), 0, 59);
    }
}
