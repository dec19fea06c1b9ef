package dev.callgate.connect;

import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.calls.DialingPolicy;
import dev.callgate.calls.Switchboard;
import dev.callgate.clock.ServerClock;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.InstanceService;
import dev.callgate.numbers.PhoneNumberService;
import dev.callgate.store.Store;
import java.util.List;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;

/** The Connect operations Callgate implements: every family's, each registered by the family itself. */
public final class ConnectHandlers {
    private ConnectHandlers() {
    }

    public static OperationHandlers<ConnectRequest, ConnectResponse> of(InstanceService instances, InstanceResources resources,
            Store store, ServerClock clock, Switchboard switchboard, DialingPolicy dialing) {
        OperationHandlers<ConnectRequest, ConnectResponse> handlers = new OperationHandlers<>();
        families(instances, resources, store, clock, switchboard, dialing).forEach(family -> family.register(handlers));
        return handlers;
    }

    /** The families of Connect operations, in the order they register (docs/connect-operations.md lists them by family). */
    public static List<OperationFamily<ConnectRequest, ConnectResponse>> families(InstanceService instances,
            InstanceResources resources, Store store, ServerClock clock, Switchboard switchboard, DialingPolicy dialing) {
        PhoneNumberService phoneNumbers = new PhoneNumberService(resources);
        return List.of(
                instances,
                new InstanceConfigService(instances, resources),
                new MetricService(instances, store, clock),
                new UserService(resources),
                new QueueService(resources),
                new RoutingProfileService(resources),
                new HoursOfOperationService(resources),
                new QuickConnectService(resources),
                new PromptService(resources),
                new SecurityProfileService(resources),
                new ContactFlowService(resources),
                new ContactFlowModuleService(resources),
                new HierarchyGroupService(resources),
                new AgentStatusService(resources),
                new IntegrationService(resources),
                new VocabularyService(resources),
                new AnalyticsDataService(resources),
                phoneNumbers,
                new TagService(instances, resources, phoneNumbers),
                new ContactService(resources, switchboard, dialing));
    }
}
