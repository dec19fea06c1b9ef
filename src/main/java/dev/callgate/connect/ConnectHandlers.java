package dev.callgate.connect;

import dev.callgate.aws.OperationHandlers;
import dev.callgate.clock.ServerClock;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.InstanceService;
import dev.callgate.numbers.PhoneNumberService;
import dev.callgate.store.Store;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;

/** The Connect operations Callgate implements: every family's, each registered by the family itself. */
public final class ConnectHandlers {
    private ConnectHandlers() {
    }

    public static OperationHandlers<ConnectRequest, ConnectResponse> of(InstanceService instances, InstanceResources resources,
            Store store, ServerClock clock) {
        PhoneNumberService phoneNumbers = new PhoneNumberService(resources);
        return new OperationHandlers<ConnectRequest, ConnectResponse>().with(
                instances,
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
                new VocabularyService(resources),
                new InstanceConfigService(instances, resources),
                new AnalyticsDataService(resources),
                new HierarchyGroupService(resources),
                new AgentStatusService(resources),
                new IntegrationService(resources),
                phoneNumbers,
                new TagService(instances, resources, phoneNumbers));
    }
}
