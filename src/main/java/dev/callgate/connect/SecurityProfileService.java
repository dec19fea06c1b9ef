package dev.callgate.connect;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.Pages;
import dev.callgate.instance.ResourceKind;
import dev.callgate.instance.ResourceRow;
import dev.callgate.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.CreateSecurityProfileRequest;
import software.amazon.awssdk.services.connect.model.CreateSecurityProfileResponse;
import software.amazon.awssdk.services.connect.model.DeleteSecurityProfileRequest;
import software.amazon.awssdk.services.connect.model.DeleteSecurityProfileResponse;
import software.amazon.awssdk.services.connect.model.DescribeSecurityProfileRequest;
import software.amazon.awssdk.services.connect.model.DescribeSecurityProfileResponse;
import software.amazon.awssdk.services.connect.model.ListSecurityProfilePermissionsRequest;
import software.amazon.awssdk.services.connect.model.ListSecurityProfilePermissionsResponse;
import software.amazon.awssdk.services.connect.model.ListSecurityProfilesRequest;
import software.amazon.awssdk.services.connect.model.ListSecurityProfilesResponse;
import software.amazon.awssdk.services.connect.model.SearchSecurityProfilesRequest;
import software.amazon.awssdk.services.connect.model.SearchSecurityProfilesResponse;
import software.amazon.awssdk.services.connect.model.SecurityProfile;
import software.amazon.awssdk.services.connect.model.SecurityProfileSearchSummary;
import software.amazon.awssdk.services.connect.model.SecurityProfileSummary;
import software.amazon.awssdk.services.connect.model.UpdateSecurityProfileRequest;
import software.amazon.awssdk.services.connect.model.UpdateSecurityProfileResponse;

/** Security profiles (quota "Security profiles per instance"); a profile that users hold cannot be deleted. */
public final class SecurityProfileService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private static final int MAX_PERMISSIONS = 500;
    /** Where a stored profile keeps its permissions: the SDK's SecurityProfile shape has no member for them. */
    private static final String PERMISSIONS = "CallgatePermissions";
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Map<String, String> FIELDS = Map.of("name", "SecurityProfileName", "description", "Description",
            "resourceId", "Id");
    private final InstanceResources resources;

    public SecurityProfileService(InstanceResources resources) {
        this.resources = resources;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(CreateSecurityProfileRequest.class, this::create);
        handlers.on(DescribeSecurityProfileRequest.class, this::describe);
        handlers.on(ListSecurityProfilesRequest.class, this::list);
        handlers.on(DeleteSecurityProfileRequest.class, this::delete);
        handlers.on(UpdateSecurityProfileRequest.class, this::update);
        handlers.on(ListSecurityProfilePermissionsRequest.class, this::listPermissions);
        handlers.on(SearchSecurityProfilesRequest.class, this::search);
    }

    public CreateSecurityProfileResponse create(Caller caller, CreateSecurityProfileRequest request) {
        Checks.name("SecurityProfileName", request.securityProfileName(), 127);
        Checks.length("Description", request.description(), 250);
        List<String> permissions = Checks.distinct("Permissions", request.permissions(), 0, MAX_PERMISSIONS);
        var draft = resources.create(caller, request.instanceId(), ResourceKind.SECURITY_PROFILE, request.securityProfileName(),
                (tx, d) -> withPermissions(SecurityProfile.builder()
                        .id(d.id()).arn(d.arn()).securityProfileName(request.securityProfileName())
                        .description(request.description()).tags(Checks.tags(request.tags(), request.hasTags()))
                        .allowedAccessControlTags(request.hasAllowedAccessControlTags() ? request.allowedAccessControlTags() : null)
                        .tagRestrictedResources(request.hasTagRestrictedResources() ? request.tagRestrictedResources() : null)
                        .lastModifiedTime(d.now()).lastModifiedRegion(d.region()).build(), permissions));
        return CreateSecurityProfileResponse.builder().securityProfileId(draft.id()).securityProfileArn(draft.arn()).build();
    }

    public DescribeSecurityProfileResponse describe(Caller caller, DescribeSecurityProfileRequest request) {
        SecurityProfile profile = resources.describe(caller, request.instanceId(), ResourceKind.SECURITY_PROFILE,
                request.securityProfileId(), SecurityProfile.builder());
        return DescribeSecurityProfileResponse.builder().securityProfile(profile).build();
    }

    public ListSecurityProfilesResponse list(Caller caller, ListSecurityProfilesRequest request) {
        var page = resources.list(caller, request.instanceId(), List.of(ResourceKind.SECURITY_PROFILE),
                request.maxResults(), request.nextToken(), 100);
        return ListSecurityProfilesResponse.builder()
                .securityProfileSummaryList(page.rows().stream().map(row -> {
                    SecurityProfile profile = decode(row, SecurityProfile.builder());
                    return SecurityProfileSummary.builder().id(profile.id()).arn(profile.arn()).name(profile.securityProfileName())
                            .lastModifiedTime(profile.lastModifiedTime()).lastModifiedRegion(profile.lastModifiedRegion()).build();
                }).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteSecurityProfileResponse delete(Caller caller, DeleteSecurityProfileRequest request) {
        resources.delete(caller, request.instanceId(), ResourceKind.SECURITY_PROFILE, request.securityProfileId(),
                InstanceResources.Deletion.NONE);
        return DeleteSecurityProfileResponse.builder().build();
    }

    /** Changes the description and, when given, replaces the permissions and access control tags. */
    public UpdateSecurityProfileResponse update(Caller caller, UpdateSecurityProfileRequest request) {
        Checks.length("Description", request.description(), 250);
        List<String> permissions = request.hasPermissions()
                ? Checks.distinct("Permissions", request.permissions(), 0, MAX_PERMISSIONS) : null;
        resources.revise(caller, request.instanceId(), ResourceKind.SECURITY_PROFILE, request.securityProfileId(), null, (tx, row) -> {
            SecurityProfile.Builder profile = ((SecurityProfile) decode(row, SecurityProfile.builder())).toBuilder();
            if (request.description() != null) {
                profile.description(request.description());
            }
            if (request.hasAllowedAccessControlTags()) {
                profile.allowedAccessControlTags(request.allowedAccessControlTags());
            }
            if (request.hasTagRestrictedResources()) {
                profile.tagRestrictedResources(request.tagRestrictedResources());
            }
            return withPermissions(profile.lastModifiedTime(tx.now()).build(), permissions == null ? permissions(row) : permissions);
        });
        return UpdateSecurityProfileResponse.builder().build();
    }

    /** The profile's permissions, in the order they were given. */
    public ListSecurityProfilePermissionsResponse listPermissions(Caller caller, ListSecurityProfilePermissionsRequest request) {
        ResourceRow row = resources.find(caller, request.instanceId(), ResourceKind.SECURITY_PROFILE, request.securityProfileId());
        List<String> all = permissions(row);
        // Keyed by position, zero-padded so that key order is the order the permissions were given in.
        var page = Pages.cursor("ListSecurityProfilePermissions@" + row.instanceId() + "/" + row.id(), request.maxResults(), 100,
                request.nextToken()).slice(IntStream.range(0, all.size()).boxed().toList(), position -> String.format("%010d", position));
        SecurityProfile profile = decode(row, SecurityProfile.builder());
        return ListSecurityProfilePermissionsResponse.builder().permissions(page.items().stream().map(all::get).toList())
                .nextToken(page.nextToken())
                .lastModifiedTime(profile.lastModifiedTime()).lastModifiedRegion(profile.lastModifiedRegion()).build();
    }

    public SearchSecurityProfilesResponse search(Caller caller, SearchSecurityProfilesRequest request) {
        var found = resources.search(caller, request.instanceId(), ResourceKind.SECURITY_PROFILE,
                SearchFilters.matching(request.searchCriteria(), request.searchFilter(), FIELDS),
                request.maxResults(), request.nextToken(), 100);
        return SearchSecurityProfilesResponse.builder()
                .securityProfiles(found.page().rows().stream()
                        .map(row -> (SecurityProfileSearchSummary) decode(row, SecurityProfileSearchSummary.builder())).toList())
                .approximateTotalCount(found.total()).nextToken(found.page().nextToken()).build();
    }

    private static String withPermissions(SecurityProfile profile, List<String> permissions) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(json(profile));
            body.set(PERMISSIONS, JSON.valueToTree(permissions));
            return body.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> permissions(ResourceRow row) {
        try {
            List<String> permissions = new ArrayList<>();
            JSON.readTree(row.body()).path(PERMISSIONS).forEach(p -> permissions.add(p.asText()));
            return permissions;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
