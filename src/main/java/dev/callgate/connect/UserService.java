package dev.callgate.connect;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Arns;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.RefRow;
import dev.callgate.instance.Relations;
import dev.callgate.instance.ResourceKind;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.CreateUserRequest;
import software.amazon.awssdk.services.connect.model.CreateUserResponse;
import software.amazon.awssdk.services.connect.model.DeleteUserRequest;
import software.amazon.awssdk.services.connect.model.DeleteUserResponse;
import software.amazon.awssdk.services.connect.model.DescribeUserRequest;
import software.amazon.awssdk.services.connect.model.DescribeUserResponse;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.ListUsersRequest;
import software.amazon.awssdk.services.connect.model.ListUsersResponse;
import software.amazon.awssdk.services.connect.model.PhoneType;
import software.amazon.awssdk.services.connect.model.Queue;
import software.amazon.awssdk.services.connect.model.QueueStatus;
import software.amazon.awssdk.services.connect.model.SearchUsersRequest;
import software.amazon.awssdk.services.connect.model.SearchUsersResponse;
import software.amazon.awssdk.services.connect.model.UpdateUserHierarchyRequest;
import software.amazon.awssdk.services.connect.model.UpdateUserHierarchyResponse;
import software.amazon.awssdk.services.connect.model.UpdateUserIdentityInfoRequest;
import software.amazon.awssdk.services.connect.model.UpdateUserIdentityInfoResponse;
import software.amazon.awssdk.services.connect.model.UpdateUserPhoneConfigRequest;
import software.amazon.awssdk.services.connect.model.UpdateUserPhoneConfigResponse;
import software.amazon.awssdk.services.connect.model.UpdateUserRoutingProfileRequest;
import software.amazon.awssdk.services.connect.model.UpdateUserRoutingProfileResponse;
import software.amazon.awssdk.services.connect.model.UpdateUserSecurityProfilesRequest;
import software.amazon.awssdk.services.connect.model.UpdateUserSecurityProfilesResponse;
import software.amazon.awssdk.services.connect.model.User;
import software.amazon.awssdk.services.connect.model.UserPhoneConfig;
import software.amazon.awssdk.services.connect.model.UserSearchSummary;
import software.amazon.awssdk.services.connect.model.UserSummary;

/**
 * Users (quota "Users per instance"). A user needs an existing routing profile and one to ten existing
 * security profiles, may belong to a hierarchy group, has a username unique in its instance, and gets
 * an AGENT queue of its own that counts toward no quota and goes with it.
 */
public final class UserService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9_\\-.@]+");
    private static final Pattern PASSWORD = Pattern.compile("^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d)\\S{8,64}$");
    private static final int MAX_SECURITY_PROFILES = 10;
    private static final Map<String, String> FIELDS = Map.of("username", "Username", "firstName", "IdentityInfo.FirstName",
            "lastName", "IdentityInfo.LastName", "resourceId", "Id", "routingProfileId", "RoutingProfileId",
            "hierarchyGroupId", "HierarchyGroupId");
    private static final Map<String, SearchFilters.Condition> CONDITIONS = Map.of("HierarchyGroupCondition", new InGroup());

    private final InstanceResources resources;

    public UserService(InstanceResources resources) {
        this.resources = resources;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(CreateUserRequest.class, this::create);
        handlers.on(DescribeUserRequest.class, this::describe);
        handlers.on(ListUsersRequest.class, this::list);
        handlers.on(DeleteUserRequest.class, this::delete);
        handlers.on(UpdateUserRoutingProfileRequest.class, this::updateRoutingProfile);
        handlers.on(UpdateUserSecurityProfilesRequest.class, this::updateSecurityProfiles);
        handlers.on(UpdateUserHierarchyRequest.class, this::updateHierarchy);
        handlers.on(UpdateUserIdentityInfoRequest.class, this::updateIdentityInfo);
        handlers.on(UpdateUserPhoneConfigRequest.class, this::updatePhoneConfig);
        handlers.on(SearchUsersRequest.class, this::search);
    }

    public CreateUserResponse create(Caller caller, CreateUserRequest request) {
        String username = Checks.name("Username", request.username(), 100);
        if (!USERNAME.matcher(username).matches()) {
            throw ServiceError.invalidParameter("Username '" + username + "' may hold only letters, digits and _ - . @.");
        }
        List<String> securityProfiles = Checks.distinct("SecurityProfileIds", request.securityProfileIds(), 1, MAX_SECURITY_PROFILES);
        var instance = resources.instance(caller, request.instanceId());
        if (DirectoryType.CONNECT_MANAGED.toString().equals(instance.identityManagementType())
                && (request.password() == null || !PASSWORD.matcher(request.password()).matches())) {
            throw ServiceError.invalidParameter("A user of a CONNECT_MANAGED instance needs a Password of 8 to 64 characters"
                    + " with an upper-case letter, a lower-case letter and a digit.");
        }
        UserPhoneConfig phone = request.phoneConfig() != null ? request.phoneConfig()
                : UserPhoneConfig.builder().phoneType(PhoneType.SOFT_PHONE).autoAccept(false).afterContactWorkTimeLimit(0).build();
        var draft = resources.create(instance, ResourceKind.USER, username, (tx, d) -> {
            routingProfile(tx, d.id(), request.routingProfileId());
            securityProfiles(tx, d.id(), securityProfiles);
            hierarchyGroup(tx, d.id(), request.hierarchyGroupId());
            tx.insert(ResourceKind.AGENT_QUEUE, d.id(), null, json(Queue.builder()
                    .queueId(d.id()).queueArn(Arns.resource(d.instance(), ResourceKind.AGENT_QUEUE, "agent/" + d.id()))
                    .status(QueueStatus.ENABLED).lastModifiedTime(d.now()).lastModifiedRegion(d.region()).build()));
            return json(User.builder().id(d.id()).arn(d.arn()).username(username).identityInfo(request.identityInfo())
                    .phoneConfig(phone).directoryUserId(request.directoryUserId()).securityProfileIds(securityProfiles)
                    .routingProfileId(request.routingProfileId()).hierarchyGroupId(request.hierarchyGroupId())
                    .tags(Checks.tags(request.tags(), request.hasTags()))
                    .lastModifiedTime(d.now()).lastModifiedRegion(d.region()).build());
        });
        return CreateUserResponse.builder().userId(draft.id()).userArn(draft.arn()).build();
    }

    public DescribeUserResponse describe(Caller caller, DescribeUserRequest request) {
        User user = resources.describe(caller, request.instanceId(), ResourceKind.USER, request.userId(), User.builder());
        return DescribeUserResponse.builder().user(user).build();
    }

    public ListUsersResponse list(Caller caller, ListUsersRequest request) {
        var page = resources.list(caller, request.instanceId(), List.of(ResourceKind.USER), request.maxResults(),
                request.nextToken(), 100);
        return ListUsersResponse.builder()
                .userSummaryList(page.rows().stream().map(row -> {
                    User user = decode(row, User.builder());
                    return UserSummary.builder().id(user.id()).arn(user.arn()).username(user.username())
                            .lastModifiedTime(user.lastModifiedTime()).lastModifiedRegion(user.lastModifiedRegion()).build();
                }).toList())
                .nextToken(page.nextToken()).build();
    }

    /** Deletes a user and its agent queue; a user that a quick connect or a report names is in use. */
    public DeleteUserResponse delete(Caller caller, DeleteUserRequest request) {
        resources.delete(caller, request.instanceId(), ResourceKind.USER, request.userId(), (tx, user) -> {
            if (tx.find(ResourceKind.AGENT_QUEUE, user.id()).isPresent()) {
                tx.delete(tx.require(ResourceKind.AGENT_QUEUE, user.id()), InstanceResources.Deletion.NONE);
            }
        });
        return DeleteUserResponse.builder().build();
    }

    public UpdateUserRoutingProfileResponse updateRoutingProfile(Caller caller, UpdateUserRoutingProfileRequest request) {
        change(caller, request.instanceId(), request.userId(), Relations.ROUTING_PROFILE, (tx, user) -> {
            routingProfile(tx, user.id(), request.routingProfileId());
            return user.toBuilder().routingProfileId(request.routingProfileId());
        });
        return UpdateUserRoutingProfileResponse.builder().build();
    }

    public UpdateUserSecurityProfilesResponse updateSecurityProfiles(Caller caller, UpdateUserSecurityProfilesRequest request) {
        List<String> profiles = Checks.distinct("SecurityProfileIds", request.securityProfileIds(), 1, MAX_SECURITY_PROFILES);
        change(caller, request.instanceId(), request.userId(), Relations.SECURITY_PROFILE, (tx, user) -> {
            securityProfiles(tx, user.id(), profiles);
            return user.toBuilder().securityProfileIds(profiles);
        });
        return UpdateUserSecurityProfilesResponse.builder().build();
    }

    /** Puts a user in a hierarchy group, or takes it out of any when HierarchyGroupId is absent. */
    public UpdateUserHierarchyResponse updateHierarchy(Caller caller, UpdateUserHierarchyRequest request) {
        change(caller, request.instanceId(), request.userId(), Relations.HIERARCHY_GROUP, (tx, user) -> {
            hierarchyGroup(tx, user.id(), request.hierarchyGroupId());
            return user.toBuilder().hierarchyGroupId(request.hierarchyGroupId());
        });
        return UpdateUserHierarchyResponse.builder().build();
    }

    public UpdateUserIdentityInfoResponse updateIdentityInfo(Caller caller, UpdateUserIdentityInfoRequest request) {
        if (request.identityInfo() == null) {
            throw ServiceError.invalidParameter("Required member IdentityInfo is missing.");
        }
        change(caller, request.instanceId(), request.userId(), null, (tx, user) -> user.toBuilder().identityInfo(request.identityInfo()));
        return UpdateUserIdentityInfoResponse.builder().build();
    }

    public UpdateUserPhoneConfigResponse updatePhoneConfig(Caller caller, UpdateUserPhoneConfigRequest request) {
        UserPhoneConfig phone = request.phoneConfig();
        if (phone == null) {
            throw ServiceError.invalidParameter("Required member PhoneConfig is missing.");
        }
        if (phone.phoneType() != null) {
            Checks.known("PhoneConfig.PhoneType", phone.phoneType(), phone.phoneTypeAsString());
        }
        if (phone.afterContactWorkTimeLimit() != null && phone.afterContactWorkTimeLimit() < 0) {
            throw ServiceError.invalidParameter("PhoneConfig.AfterContactWorkTimeLimit must not be negative; got "
                    + phone.afterContactWorkTimeLimit() + ".");
        }
        change(caller, request.instanceId(), request.userId(), null, (tx, user) -> user.toBuilder().phoneConfig(phone));
        return UpdateUserPhoneConfigResponse.builder().build();
    }

    public SearchUsersResponse search(Caller caller, SearchUsersRequest request) {
        var found = resources.search(caller, request.instanceId(), ResourceKind.USER,
                SearchFilters.matching(request.searchCriteria(), request.searchFilter(), FIELDS, CONDITIONS),
                request.maxResults(), request.nextToken(), 100);
        return SearchUsersResponse.builder()
                .users(found.page().rows().stream().map(row -> (UserSearchSummary) decode(row, UserSearchSummary.builder())).toList())
                .approximateTotalCount(found.total()).nextToken(found.page().nextToken()).build();
    }

    /** Replaces the user's references of one relation (none when null) and its description, in one transaction. */
    private void change(Caller caller, String instanceRef, String userId, String relation, UserChange change) {
        resources.update(caller, instanceRef, ResourceKind.USER, userId, (tx, row) -> {
            for (RefRow ref : relation == null ? List.<RefRow>of() : tx.refsFrom(ResourceKind.USER, row.id(), relation)) {
                tx.unref(ref);
            }
            User user = decode(row, User.builder());
            return json(change.apply(tx, user).lastModifiedTime(tx.now()).build());
        });
    }

    private static void routingProfile(InstanceResources.Tx tx, String userId, String profileId) throws SQLException {
        tx.require(ResourceKind.ROUTING_PROFILE, profileId);
        tx.ref(ResourceKind.USER, userId, Relations.ROUTING_PROFILE, ResourceKind.ROUTING_PROFILE, profileId);
    }

    private static void securityProfiles(InstanceResources.Tx tx, String userId, List<String> profiles) throws SQLException {
        for (String profile : profiles) {
            tx.require(ResourceKind.SECURITY_PROFILE, profile);
            tx.ref(ResourceKind.USER, userId, Relations.SECURITY_PROFILE, ResourceKind.SECURITY_PROFILE, profile);
        }
    }

    private static void hierarchyGroup(InstanceResources.Tx tx, String userId, String groupId) throws SQLException {
        if (groupId != null && !groupId.isEmpty()) {
            tx.require(ResourceKind.HIERARCHY_GROUP, groupId);
            tx.ref(ResourceKind.USER, userId, Relations.HIERARCHY_GROUP, ResourceKind.HIERARCHY_GROUP, groupId);
        }
    }

    @FunctionalInterface
    private interface UserChange {
        User.Builder apply(InstanceResources.Tx tx, User user) throws SQLException;
    }

    /**
     * HierarchyGroupCondition, in SearchCriteria or the UserAttributeFilter: the user's own group is the
     * one named. WITH_CHILD_GROUPS would need the hierarchy below it, which a user's description does not
     * hold: refused rather than answered as EXACT.
     */
    private static final class InGroup implements SearchFilters.Condition {
        @Override
        public void check(String member, JsonNode value) {
            if (!value.path("Value").isTextual()) {
                throw ServiceError.invalidParameter(member + ".Value is required: the hierarchy group id to match.");
            }
            if (value.path("HierarchyGroupMatchType").asText("EXACT").equals("WITH_CHILD_GROUPS")) {
                throw ServiceError.invalidParameter("Callgate cannot evaluate " + member + ".HierarchyGroupMatchType WITH_CHILD_GROUPS"
                        + " in this search: it matches a user's own hierarchy group only (EXACT).");
            }
        }

        @Override
        public boolean test(JsonNode value, JsonNode body) {
            return value.path("Value").asText().equals(body.path("HierarchyGroupId").asText(null));
        }
    }
}
