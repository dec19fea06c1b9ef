package dev.callgate.connect;

import dev.callgate.accounts.Caller;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.connect.model.*;

/**
 * The Connect operations Callgate implements, by operation name, each a typed function from the
 * SDK's request type to its response type. Operations not registered here answer a clear error.
 */
public final class ConnectHandlers {
    private final Map<String, Handler<ConnectRequest, ConnectResponse>> byOperation = new HashMap<>();

    public ConnectHandlers(InstanceService instances, InstanceResources resources, MetricService metrics) {
        on(software.amazon.awssdk.services.connect.model.CreateInstanceRequest.class, instances::create);
        on(software.amazon.awssdk.services.connect.model.DescribeInstanceRequest.class, instances::describe);
        on(software.amazon.awssdk.services.connect.model.ListInstancesRequest.class, instances::list);
        on(software.amazon.awssdk.services.connect.model.DeleteInstanceRequest.class, instances::delete);
        on(software.amazon.awssdk.services.connect.model.GetCurrentMetricDataRequest.class, metrics::current);
        on(software.amazon.awssdk.services.connect.model.GetMetricDataRequest.class, metrics::historical);
        on(software.amazon.awssdk.services.connect.model.GetMetricDataV2Request.class, metrics::v2);
        registerResources(instances, resources);
    }

    /** The resources inside instances (issue 3): one service per family, all on {@link InstanceResources}. */
    private void registerResources(InstanceService instances, InstanceResources resources) {
        UserService users = new UserService(resources);
        on(CreateUserRequest.class, users::create);
        on(DescribeUserRequest.class, users::describe);
        on(ListUsersRequest.class, users::list);
        on(DeleteUserRequest.class, users::delete);
        on(UpdateUserRoutingProfileRequest.class, users::updateRoutingProfile);
        on(UpdateUserSecurityProfilesRequest.class, users::updateSecurityProfiles);
        on(UpdateUserHierarchyRequest.class, users::updateHierarchy);

        QueueService queues = new QueueService(resources);
        on(CreateQueueRequest.class, queues::create);
        on(DescribeQueueRequest.class, queues::describe);
        on(ListQueuesRequest.class, queues::list);
        on(DeleteQueueRequest.class, queues::delete);

        RoutingProfileService profiles = new RoutingProfileService(resources);
        on(CreateRoutingProfileRequest.class, profiles::create);
        on(DescribeRoutingProfileRequest.class, profiles::describe);
        on(ListRoutingProfilesRequest.class, profiles::list);
        on(DeleteRoutingProfileRequest.class, profiles::delete);
        on(AssociateRoutingProfileQueuesRequest.class, profiles::associate);
        on(DisassociateRoutingProfileQueuesRequest.class, profiles::disassociate);
        on(UpdateRoutingProfileQueuesRequest.class, profiles::update);
        on(ListRoutingProfileQueuesRequest.class, profiles::listQueues);

        HoursOfOperationService hours = new HoursOfOperationService(resources);
        on(CreateHoursOfOperationRequest.class, hours::create);
        on(DescribeHoursOfOperationRequest.class, hours::describe);
        on(ListHoursOfOperationsRequest.class, hours::list);
        on(DeleteHoursOfOperationRequest.class, hours::delete);

        QuickConnectService quickConnects = new QuickConnectService(resources);
        on(CreateQuickConnectRequest.class, quickConnects::create);
        on(DescribeQuickConnectRequest.class, quickConnects::describe);
        on(ListQuickConnectsRequest.class, quickConnects::list);
        on(DeleteQuickConnectRequest.class, quickConnects::delete);

        PromptService prompts = new PromptService(resources);
        on(CreatePromptRequest.class, prompts::create);
        on(DescribePromptRequest.class, prompts::describe);
        on(ListPromptsRequest.class, prompts::list);
        on(DeletePromptRequest.class, prompts::delete);

        SecurityProfileService securityProfiles = new SecurityProfileService(resources);
        on(CreateSecurityProfileRequest.class, securityProfiles::create);
        on(DescribeSecurityProfileRequest.class, securityProfiles::describe);
        on(ListSecurityProfilesRequest.class, securityProfiles::list);
        on(DeleteSecurityProfileRequest.class, securityProfiles::delete);

        ContactFlowService flows = new ContactFlowService(resources);
        on(CreateContactFlowRequest.class, flows::create);
        on(DescribeContactFlowRequest.class, flows::describe);
        on(ListContactFlowsRequest.class, flows::list);
        on(DeleteContactFlowRequest.class, flows::delete);

        HierarchyGroupService groups = new HierarchyGroupService(resources);
        on(CreateUserHierarchyGroupRequest.class, groups::create);
        on(DescribeUserHierarchyGroupRequest.class, groups::describe);
        on(ListUserHierarchyGroupsRequest.class, groups::list);
        on(DeleteUserHierarchyGroupRequest.class, groups::delete);

        AgentStatusService statuses = new AgentStatusService(resources);
        on(CreateAgentStatusRequest.class, statuses::create);
        on(DescribeAgentStatusRequest.class, statuses::describe);
        on(ListAgentStatusesRequest.class, statuses::list);
        on(UpdateAgentStatusRequest.class, statuses::update);

        IntegrationService integrations = new IntegrationService(resources);
        on(AssociateLambdaFunctionRequest.class, integrations::associateLambda);
        on(ListLambdaFunctionsRequest.class, integrations::listLambdas);
        on(DisassociateLambdaFunctionRequest.class, integrations::disassociateLambda);
        on(AssociateLexBotRequest.class, integrations::associateLexBot);
        on(ListLexBotsRequest.class, integrations::listLexBots);
        on(DisassociateLexBotRequest.class, integrations::disassociateLexBot);
        on(AssociateBotRequest.class, integrations::associateBot);
        on(ListBotsRequest.class, integrations::listBots);
        on(DisassociateBotRequest.class, integrations::disassociateBot);

        PhoneNumberService phoneNumbers = new PhoneNumberService(resources);
        on(SearchAvailablePhoneNumbersRequest.class, phoneNumbers::search);
        on(ClaimPhoneNumberRequest.class, phoneNumbers::claim);
        on(DescribePhoneNumberRequest.class, phoneNumbers::describe);
        on(ListPhoneNumbersV2Request.class, phoneNumbers::list);
        on(ReleasePhoneNumberRequest.class, phoneNumbers::release);

        TagService tags = new TagService(instances, resources, phoneNumbers);
        on(TagResourceRequest.class, tags::tag);
        on(UntagResourceRequest.class, tags::untag);
        on(ListTagsForResourceRequest.class, tags::list);
    }

    /** The handler of an operation, or null when Callgate does not implement it. */
    public Handler<ConnectRequest, ConnectResponse> find(String operation) {
        return byOperation.get(operation);
    }

    @SuppressWarnings("unchecked")
    private <Q extends ConnectRequest, R extends ConnectResponse> void on(Class<Q> requestType, Handler<Q, R> handler) {
        String simple = requestType.getSimpleName();
        byOperation.put(simple.substring(0, simple.length() - "Request".length()),
                (Handler<ConnectRequest, ConnectResponse>) (Handler<?, ?>) handler);
    }

    /** One operation's business logic. */
    @FunctionalInterface
    public interface Handler<Q, R> {
        R handle(Caller caller, Q request);
    }
}
