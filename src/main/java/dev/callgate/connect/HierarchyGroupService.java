package dev.callgate.connect;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.ErrorCode;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Arns;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.Relations;
import dev.callgate.instance.ResourceKind;
import dev.callgate.instance.ResourceRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.CreateUserHierarchyGroupRequest;
import software.amazon.awssdk.services.connect.model.CreateUserHierarchyGroupResponse;
import software.amazon.awssdk.services.connect.model.DeleteUserHierarchyGroupRequest;
import software.amazon.awssdk.services.connect.model.DeleteUserHierarchyGroupResponse;
import software.amazon.awssdk.services.connect.model.DescribeUserHierarchyGroupRequest;
import software.amazon.awssdk.services.connect.model.DescribeUserHierarchyGroupResponse;
import software.amazon.awssdk.services.connect.model.DescribeUserHierarchyStructureRequest;
import software.amazon.awssdk.services.connect.model.DescribeUserHierarchyStructureResponse;
import software.amazon.awssdk.services.connect.model.HierarchyGroup;
import software.amazon.awssdk.services.connect.model.HierarchyGroupSummary;
import software.amazon.awssdk.services.connect.model.HierarchyLevel;
import software.amazon.awssdk.services.connect.model.HierarchyLevelUpdate;
import software.amazon.awssdk.services.connect.model.HierarchyPath;
import software.amazon.awssdk.services.connect.model.HierarchyStructure;
import software.amazon.awssdk.services.connect.model.HierarchyStructureUpdate;
import software.amazon.awssdk.services.connect.model.ListUserHierarchyGroupsRequest;
import software.amazon.awssdk.services.connect.model.ListUserHierarchyGroupsResponse;
import software.amazon.awssdk.services.connect.model.SearchUserHierarchyGroupsRequest;
import software.amazon.awssdk.services.connect.model.SearchUserHierarchyGroupsResponse;
import software.amazon.awssdk.services.connect.model.UpdateUserHierarchyGroupNameRequest;
import software.amazon.awssdk.services.connect.model.UpdateUserHierarchyGroupNameResponse;
import software.amazon.awssdk.services.connect.model.UpdateUserHierarchyStructureRequest;
import software.amazon.awssdk.services.connect.model.UpdateUserHierarchyStructureResponse;

/**
 * Agent hierarchy groups (quota "Agent hierarchy groups per instance"), at most five levels deep. A
 * group with child groups or users cannot be deleted: both hold references to it.
 */
public final class HierarchyGroupService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private static final Map<String, String> FIELDS = Map.of("name", "Name", "resourceId", "Id", "levelId", "LevelId");
    static final int MAX_LEVELS = 5;
    /** The id and name of an instance's one hierarchy structure row. */
    private static final String STRUCTURE = "structure";

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
        handlers.on(UpdateUserHierarchyGroupNameRequest.class, this::updateName);
        handlers.on(DescribeUserHierarchyStructureRequest.class, this::describeStructure);
        handlers.on(UpdateUserHierarchyStructureRequest.class, this::updateStructure);
        handlers.on(SearchUserHierarchyGroupsRequest.class, this::search);
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

    /** Renames a group, in its own description and in the paths of the groups below it. */
    public UpdateUserHierarchyGroupNameResponse updateName(Caller caller, UpdateUserHierarchyGroupNameRequest request) {
        String name = Checks.name("Name", request.name(), 100);
        String id = request.hierarchyGroupId();
        resources.revise(caller, request.instanceId(), ResourceKind.HIERARCHY_GROUP, id, name, (tx, row) -> {
            for (ResourceRow other : tx.all(ResourceKind.HIERARCHY_GROUP)) {
                HierarchyGroup group = decode(other, HierarchyGroup.builder());
                if (!other.id().equals(id) && levels(group.hierarchyPath()).stream().anyMatch(level -> level.id().equals(id))) {
                    tx.update(tx.require(ResourceKind.HIERARCHY_GROUP, other.id()),
                            json(group.toBuilder().hierarchyPath(renamed(group.hierarchyPath(), id, name, tx.now())).build()));
                }
            }
            HierarchyGroup group = decode(row, HierarchyGroup.builder());
            return json(group.toBuilder().name(name).hierarchyPath(renamed(group.hierarchyPath(), id, name, tx.now()))
                    .lastModifiedTime(tx.now()).build());
        });
        return UpdateUserHierarchyGroupNameResponse.builder().build();
    }

    /** The instance's hierarchy levels; an instance that never set them has none. */
    public DescribeUserHierarchyStructureResponse describeStructure(Caller caller, DescribeUserHierarchyStructureRequest request) {
        InstanceRow instance = resources.instance(caller, request.instanceId());
        HierarchyStructure structure = resources.read(instance, tx -> tx.find(ResourceKind.HIERARCHY_STRUCTURE, STRUCTURE))
                .map(row -> (HierarchyStructure) decode(row, HierarchyStructure.builder()))
                .orElse(HierarchyStructure.builder().build());
        return DescribeUserHierarchyStructureResponse.builder().hierarchyStructure(structure).build();
    }

    /**
     * Names the levels, from level one down without a gap. A level that groups are at cannot be
     * removed (ResourceInUseException).
     */
    public UpdateUserHierarchyStructureResponse updateStructure(Caller caller, UpdateUserHierarchyStructureRequest request) {
        HierarchyStructureUpdate update = request.hierarchyStructure();
        List<HierarchyLevelUpdate> given = Arrays.asList(update.levelOne(), update.levelTwo(), update.levelThree(),
                update.levelFour(), update.levelFive());
        int depth = 0;
        while (depth < MAX_LEVELS && given.get(depth) != null) {
            Checks.name("HierarchyStructure level " + (depth + 1) + " Name", given.get(depth).name(), 50);
            depth++;
        }
        for (int level = depth; level < MAX_LEVELS; level++) {
            if (given.get(level) != null) {
                throw ServiceError.invalidParameter("HierarchyStructure names level " + (level + 1) + " but not level " + depth
                        + ": levels go from level one down without a gap.");
            }
        }
        int levels = depth;
        InstanceRow instance = resources.instance(caller, request.instanceId());
        resources.inTransaction(instance, tx -> {
            for (ResourceRow row : tx.all(ResourceKind.HIERARCHY_GROUP)) {
                HierarchyGroup group = decode(row, HierarchyGroup.builder());
                if (Integer.parseInt(group.levelId()) > levels) {
                    throw new ServiceError(ErrorCode.RESOURCE_IN_USE, "Level " + group.levelId() + " of the hierarchy has group "
                            + group.id() + ": remove its groups before the level.", Map.of("ResourceId", group.id(),
                            "ResourceType", "HIERARCHY_GROUP"));
                }
            }
            List<HierarchyLevel> named = new ArrayList<>();
            for (int level = 1; level <= levels; level++) {
                named.add(HierarchyLevel.builder().id(String.valueOf(level))
                        .arn(Arns.instance(instance) + "/agent-group-level/" + level).name(given.get(level - 1).name())
                        .lastModifiedTime(tx.now()).lastModifiedRegion(instance.region()).build());
            }
            String body = json(structure(named));
            if (tx.find(ResourceKind.HIERARCHY_STRUCTURE, STRUCTURE).isPresent()) {
                tx.update(tx.require(ResourceKind.HIERARCHY_STRUCTURE, STRUCTURE), body);
            } else {
                tx.insert(ResourceKind.HIERARCHY_STRUCTURE, STRUCTURE, STRUCTURE, body);
            }
            return null;
        });
        return UpdateUserHierarchyStructureResponse.builder().build();
    }

    private static HierarchyStructure structure(List<HierarchyLevel> levels) {
        HierarchyStructure.Builder structure = HierarchyStructure.builder();
        List<Consumer<HierarchyLevel>> setters = List.of(structure::levelOne, structure::levelTwo,
                structure::levelThree, structure::levelFour, structure::levelFive);
        for (int i = 0; i < levels.size(); i++) {
            setters.get(i).accept(levels.get(i));
        }
        return structure.build();
    }

    /** The path with group {@code id}'s level renamed. */
    private static HierarchyPath renamed(HierarchyPath path, String id, String name, Instant now) {
        return path(levels(path).stream()
                .map(level -> level.id().equals(id) ? level.toBuilder().name(name).lastModifiedTime(now).build() : level).toList());
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

    public SearchUserHierarchyGroupsResponse search(Caller caller, SearchUserHierarchyGroupsRequest request) {
        var found = resources.search(caller, request.instanceId(), ResourceKind.HIERARCHY_GROUP,
                SearchFilters.matching(request.searchCriteria(), request.searchFilter(), FIELDS),
                request.maxResults(), request.nextToken(), 100);
        return SearchUserHierarchyGroupsResponse.builder()
                .userHierarchyGroups(found.page().rows().stream().map(row -> (HierarchyGroup) decode(row, HierarchyGroup.builder())).toList())
                .approximateTotalCount(found.total()).nextToken(found.page().nextToken()).build();
    }
}
