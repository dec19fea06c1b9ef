package dev.callgate.connect;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.ResourceKind;
import java.util.List;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.CreateSecurityProfileRequest;
import software.amazon.awssdk.services.connect.model.CreateSecurityProfileResponse;
import software.amazon.awssdk.services.connect.model.DeleteSecurityProfileRequest;
import software.amazon.awssdk.services.connect.model.DeleteSecurityProfileResponse;
import software.amazon.awssdk.services.connect.model.DescribeSecurityProfileRequest;
import software.amazon.awssdk.services.connect.model.DescribeSecurityProfileResponse;
import software.amazon.awssdk.services.connect.model.ListSecurityProfilesRequest;
import software.amazon.awssdk.services.connect.model.ListSecurityProfilesResponse;
import software.amazon.awssdk.services.connect.model.SecurityProfile;
import software.amazon.awssdk.services.connect.model.SecurityProfileSummary;

/** Security profiles (quota "Security profiles per instance"); a profile that users hold cannot be deleted. */
public final class SecurityProfileService implements OperationFamily<ConnectRequest, ConnectResponse> {
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
    }

    public CreateSecurityProfileResponse create(Caller caller, CreateSecurityProfileRequest request) {
        Checks.name("SecurityProfileName", request.securityProfileName(), 127);
        Checks.length("Description", request.description(), 250);
        Checks.distinct("Permissions", request.permissions(), 0, 500);
        var draft = resources.create(caller, request.instanceId(), ResourceKind.SECURITY_PROFILE, request.securityProfileName(),
                (tx, d) -> json(SecurityProfile.builder()
                        .id(d.id()).arn(d.arn()).securityProfileName(request.securityProfileName())
                        .description(request.description()).tags(Checks.tags(request.tags(), request.hasTags()))
                        .allowedAccessControlTags(request.hasAllowedAccessControlTags() ? request.allowedAccessControlTags() : null)
                        .tagRestrictedResources(request.hasTagRestrictedResources() ? request.tagRestrictedResources() : null)
                        .lastModifiedTime(d.now()).lastModifiedRegion(d.region()).build()));
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
}
