package dev.callgate.connect;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.Relations;
import dev.callgate.instance.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.CreateUserHierarchyGroupRequest;
import software.amazon.awssdk.services.connect.model.CreateUserHierarchyGroupResponse;
import software.amazon.awssdk.services.connect.model.DeleteUserHierarchyGroupRequest;
import software.amazon.awssdk.services.connect.model.DeleteUserHierarchyGroupResponse;
import software.amazon.awssdk.services.connect.model.DescribeUserHierarchyGroupRequest;
import software.amazon.awssdk.services.connect.model.DescribeUserHierarchyGroupResponse;
import software.amazon.awssdk.services.connect.model.HierarchyGroup;
import software.amazon.awssdk.services.connect.model.HierarchyGroupSummary;
import software.amazon.awssdk.services.connect.model.HierarchyPath;
import software.amazon.awssdk.services.connect.model.ListUserHierarchyGroupsRequest;
import software.amazon.awssdk.services.connect.model.ListUserHierarchyGroupsResponse;

/**
 * Agent hierarchy groups (quota "Agent hierarchy groups per instance"), at most five levels deep. A
 * group with child groups or users cannot be deleted: both hold references to it.
 */
public final class HierarchyGroupService implements OperationFamily<ConnectRequest, ConnectResponse> {
    static final int MAX_LEVELS = 5;

    private final InstanceResources resources;

    public HierarchyGroupService(InstanceResources resources) {
        this.resources = resources;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(CreateUserHierarchyGroupRequest.class, this::create);
        handlers.on(DescribeUserHierarchyGroupRequest.class, this::describe);
        handlers.on(ListUserHierarchyGroupsRequest.class, this::list);
        handlers.on(DeleteUserHierarchyGroupRequest.class, this::delete);
    }

    public CreateUserHierarchyGroupResponse create(Caller caller, CreateUserHierarchyGroupRequest request) {
        Checks.name("Name", request.name(), 100);
        var draft = resources.create(caller, request.instanceId(), ResourceKind.HIERARCHY_GROUP, request.name(), (tx, d) -> {
            List<HierarchyGroupSummary> path = new ArrayList<>();
            if (request.parentGroupId() != null) {
                HierarchyGroup parent = decode(tx.require(ResourceKind.HIERARCHY_GROUP, request.parentGroupId()), HierarchyGroup.builder());
                path.addAll(levels(parent.hierarchyPath()));
                if (path.size() >= MAX_LEVELS) {
                    throw ServiceError.invalidRequest("Hierarchy group " + parent.id() + " is at level " + path.size()
                            + ", the deepest: a hierarchy has at most " + MAX_LEVELS + " levels.");
                }
                tx.ref(ResourceKind.HIERARCHY_GROUP, d.id(), Relations.PARENT, ResourceKind.HIERARCHY_GROUP, parent.id());
            }
            path.add(HierarchyGroupSummary.builder().id(d.id()).arn(d.arn()).name(request.name())
                    .lastModifiedTime(d.now()).lastModifiedRegion(d.region()).build());
            return json(HierarchyGroup.builder().id(d.id()).arn(d.arn()).name(request.name())
                    .levelId(String.valueOf(path.size())).hierarchyPath(path(path))
                    .tags(Checks.tags(request.tags(), request.hasTags()))
                    .lastModifiedTime(d.now()).lastModifiedRegion(d.region()).build());
        });
        return CreateUserHierarchyGroupResponse.builder().hierarchyGroupId(draft.id()).hierarchyGroupArn(draft.arn()).build();
    }

    public DescribeUserHierarchyGroupResponse describe(Caller caller, DescribeUserHierarchyGroupRequest request) {
        HierarchyGroup group = resources.describe(caller, request.instanceId(), ResourceKind.HIERARCHY_GROUP,
                request.hierarchyGroupId(), HierarchyGroup.builder());
        return DescribeUserHierarchyGroupResponse.builder().hierarchyGroup(group).build();
    }

    public ListUserHierarchyGroupsResponse list(Caller caller, ListUserHierarchyGroupsRequest request) {
        var page = resources.list(caller, request.instanceId(), List.of(ResourceKind.HIERARCHY_GROUP), request.maxResults(),
                request.nextToken(), 100);
        return ListUserHierarchyGroupsResponse.builder()
                .userHierarchyGroupSummaryList(page.rows().stream().map(row -> {
                    HierarchyGroup group = decode(row, HierarchyGroup.builder());
                    return HierarchyGroupSummary.builder().id(group.id()).arn(group.arn()).name(group.name())
                            .lastModifiedTime(group.lastModifiedTime()).lastModifiedRegion(group.lastModifiedRegion()).build();
                }).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteUserHierarchyGroupResponse delete(Caller caller, DeleteUserHierarchyGroupRequest request) {
        resources.delete(caller, request.instanceId(), ResourceKind.HIERARCHY_GROUP, request.hierarchyGroupId(),
                InstanceResources.Deletion.NONE);
        return DeleteUserHierarchyGroupResponse.builder().build();
    }

    private static List<HierarchyGroupSummary> levels(HierarchyPath path) {
        List<HierarchyGroupSummary> levels = new ArrayList<>();
        for (HierarchyGroupSummary level : List.of(nullSafe(path.levelOne()), nullSafe(path.levelTwo()), nullSafe(path.levelThree()),
                nullSafe(path.levelFour()), nullSafe(path.levelFive()))) {
            if (level.id() != null) {
                levels.add(level);
            }
        }
        return levels;
    }

    private static HierarchyGroupSummary nullSafe(HierarchyGroupSummary level) {
        return level == null ? HierarchyGroupSummary.builder().build() : level;
    }

    private static HierarchyPath path(List<HierarchyGroupSummary> levels) {
        HierarchyPath.Builder path = HierarchyPath.builder();
        path.levelOne(levels.get(0));
        if (levels.size() > 1) {
            path.levelTwo(levels.get(1));
        }
        if (levels.size() > 2) {
            path.levelThree(levels.get(2));
        }
        if (levels.size() > 3) {
            path.levelFour(levels.get(3));
        }
        if (levels.size() > 4) {
            path.levelFive(levels.get(4));
        }
        return path.build();
    }
}
