package dev.callgate.connect;

import static dev.callgate.instance.InstanceResources.decode;
import static dev.callgate.instance.InstanceResources.json;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.Checks;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.InstanceService;
import dev.callgate.instance.ResourceKind;
import dev.callgate.instance.ResourceRow;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.connect.model.AssociateInstanceStorageConfigRequest;
import software.amazon.awssdk.services.connect.model.AssociateInstanceStorageConfigResponse;
import software.amazon.awssdk.services.connect.model.Attribute;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.DescribeInstanceAttributeRequest;
import software.amazon.awssdk.services.connect.model.DescribeInstanceAttributeResponse;
import software.amazon.awssdk.services.connect.model.DescribeInstanceStorageConfigRequest;
import software.amazon.awssdk.services.connect.model.DescribeInstanceStorageConfigResponse;
import software.amazon.awssdk.services.connect.model.DisassociateInstanceStorageConfigRequest;
import software.amazon.awssdk.services.connect.model.DisassociateInstanceStorageConfigResponse;
import software.amazon.awssdk.services.connect.model.InstanceAttributeType;
import software.amazon.awssdk.services.connect.model.InstanceStorageConfig;
import software.amazon.awssdk.services.connect.model.InstanceStorageResourceType;
import software.amazon.awssdk.services.connect.model.ListInstanceAttributesRequest;
import software.amazon.awssdk.services.connect.model.ListInstanceAttributesResponse;
import software.amazon.awssdk.services.connect.model.ListInstanceStorageConfigsRequest;
import software.amazon.awssdk.services.connect.model.ListInstanceStorageConfigsResponse;
import software.amazon.awssdk.services.connect.model.StorageType;
import software.amazon.awssdk.services.connect.model.UpdateInstanceAttributeRequest;
import software.amazon.awssdk.services.connect.model.UpdateInstanceAttributeResponse;
import software.amazon.awssdk.services.connect.model.UpdateInstanceStorageConfigRequest;
import software.amazon.awssdk.services.connect.model.UpdateInstanceStorageConfigResponse;

/**
 * An instance's attributes (on/off features) and storage configs (where each kind of data goes).
 * An attribute reads its default until it is changed; inbound and outbound calling are the instance's
 * own flags, as CreateInstance set them. A resource type has one storage config at most.
 */
public final class InstanceConfigService implements OperationFamily<ConnectRequest, ConnectResponse> {
    /** Amazon Connect's defaults for a new instance's attributes (besides inbound and outbound calls). */
    private static final Map<InstanceAttributeType, Boolean> DEFAULTS = defaults();

    private final InstanceService instances;
    private final InstanceResources resources;

    public InstanceConfigService(InstanceService instances, InstanceResources resources) {
        this.instances = instances;
        this.resources = resources;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(DescribeInstanceAttributeRequest.class, this::describeAttribute);
        handlers.on(UpdateInstanceAttributeRequest.class, this::updateAttribute);
        handlers.on(ListInstanceAttributesRequest.class, this::listAttributes);
        handlers.on(AssociateInstanceStorageConfigRequest.class, this::associateStorage);
        handlers.on(DescribeInstanceStorageConfigRequest.class, this::describeStorage);
        handlers.on(UpdateInstanceStorageConfigRequest.class, this::updateStorage);
        handlers.on(DisassociateInstanceStorageConfigRequest.class, this::disassociateStorage);
        handlers.on(ListInstanceStorageConfigsRequest.class, this::listStorage);
    }

    public DescribeInstanceAttributeResponse describeAttribute(Caller caller, DescribeInstanceAttributeRequest request) {
        InstanceAttributeType type = Checks.known("AttributeType", request.attributeType(), request.attributeTypeAsString());
        InstanceRow instance = resources.instance(caller, request.instanceId());
        return DescribeInstanceAttributeResponse.builder().attribute(attribute(instance, type, stored(instance))).build();
    }

    /** Sets an attribute to "true" or "false". */
    public UpdateInstanceAttributeResponse updateAttribute(Caller caller, UpdateInstanceAttributeRequest request) {
        InstanceAttributeType type = Checks.known("AttributeType", request.attributeType(), request.attributeTypeAsString());
        String value = request.value();
        if (!"true".equals(value) && !"false".equals(value)) {
            throw ServiceError.invalidParameter("The value of attribute " + type + " must be true or false; got '" + value + "'.");
        }
        boolean on = Boolean.parseBoolean(value);
        InstanceRow instance = resources.instance(caller, request.instanceId());
        if (type == InstanceAttributeType.INBOUND_CALLS || type == InstanceAttributeType.OUTBOUND_CALLS) {
            instances.updateCalls(caller, instance.id(), type == InstanceAttributeType.INBOUND_CALLS ? on : null,
                    type == InstanceAttributeType.OUTBOUND_CALLS ? on : null);
            return UpdateInstanceAttributeResponse.builder().build();
        }
        String body = json(Attribute.builder().attributeType(type).value(value).build());
        resources.inTransaction(instance, tx -> {
            Optional<ResourceRow> row = tx.findByName(ResourceKind.INSTANCE_ATTRIBUTE, type.toString());
            if (row.isPresent()) {
                tx.update(tx.require(ResourceKind.INSTANCE_ATTRIBUTE, row.get().id()), body);
            } else {
                tx.insert(ResourceKind.INSTANCE_ATTRIBUTE, type.toString(), type.toString(), body);
            }
            return null;
        });
        return UpdateInstanceAttributeResponse.builder().build();
    }

    /** Every attribute, in the SDK's order, on one page (MaxResults is within the model's 1 to 7, MemberRules checked it). */
    public ListInstanceAttributesResponse listAttributes(Caller caller, ListInstanceAttributesRequest request) {
        InstanceRow instance = resources.instance(caller, request.instanceId());
        Map<InstanceAttributeType, String> stored = stored(instance);
        List<Attribute> attributes = new ArrayList<>();
        for (InstanceAttributeType type : InstanceAttributeType.knownValues()) {
            attributes.add(attribute(instance, type, stored));
        }
        return ListInstanceAttributesResponse.builder().attributes(attributes).build();
    }

    public AssociateInstanceStorageConfigResponse associateStorage(Caller caller, AssociateInstanceStorageConfigRequest request) {
        InstanceStorageResourceType type = Checks.known("ResourceType", request.resourceType(), request.resourceTypeAsString());
        InstanceStorageConfig config = validate(request.storageConfig());
        var draft = resources.create(caller, request.instanceId(), ResourceKind.STORAGE_CONFIG, type.toString(),
                (tx, d) -> json(config.toBuilder().associationId(d.id()).build()));
        return AssociateInstanceStorageConfigResponse.builder().associationId(draft.id()).build();
    }

    public DescribeInstanceStorageConfigResponse describeStorage(Caller caller, DescribeInstanceStorageConfigRequest request) {
        ResourceRow row = storage(caller, request.instanceId(), request.associationId(), request.resourceType(),
                request.resourceTypeAsString());
        return DescribeInstanceStorageConfigResponse.builder().storageConfig((InstanceStorageConfig) decode(row, InstanceStorageConfig.builder()))
                .build();
    }

    public UpdateInstanceStorageConfigResponse updateStorage(Caller caller, UpdateInstanceStorageConfigRequest request) {
        ResourceRow row = storage(caller, request.instanceId(), request.associationId(), request.resourceType(),
                request.resourceTypeAsString());
        InstanceStorageConfig config = validate(request.storageConfig());
        resources.revise(caller, request.instanceId(), ResourceKind.STORAGE_CONFIG, row.id(), null,
                (tx, locked) -> json(config.toBuilder().associationId(locked.id()).build()));
        return UpdateInstanceStorageConfigResponse.builder().build();
    }

    public DisassociateInstanceStorageConfigResponse disassociateStorage(Caller caller, DisassociateInstanceStorageConfigRequest request) {
        ResourceRow row = storage(caller, request.instanceId(), request.associationId(), request.resourceType(),
                request.resourceTypeAsString());
        resources.delete(caller, request.instanceId(), ResourceKind.STORAGE_CONFIG, row.id(), InstanceResources.Deletion.NONE);
        return DisassociateInstanceStorageConfigResponse.builder().build();
    }

    /** The config of one resource type (a list of one, or none). */
    public ListInstanceStorageConfigsResponse listStorage(Caller caller, ListInstanceStorageConfigsRequest request) {
        InstanceStorageResourceType type = Checks.known("resourceType", request.resourceType(), request.resourceTypeAsString());
        InstanceRow instance = resources.instance(caller, request.instanceId());
        List<InstanceStorageConfig> configs = resources.read(instance, tx -> tx.findByName(ResourceKind.STORAGE_CONFIG, type.toString()))
                .map(row -> List.of((InstanceStorageConfig) decode(row, InstanceStorageConfig.builder()))).orElse(List.of());
        return ListInstanceStorageConfigsResponse.builder().storageConfigs(configs).build();
    }

    private ResourceRow storage(Caller caller, String instanceRef, String associationId, InstanceStorageResourceType type, String raw) {
        Checks.known("resourceType", type, raw);
        ResourceRow row = resources.find(caller, instanceRef, ResourceKind.STORAGE_CONFIG, associationId);
        if (!row.name().equals(type.toString())) {
            throw ServiceError.notFound("Storage config " + associationId + " is not the instance's config for " + type + ".");
        }
        return row;
    }

    /** A config whose storage type's member is given. */
    private static InstanceStorageConfig validate(InstanceStorageConfig config) {
        StorageType type = Checks.known("StorageConfig.StorageType", config.storageType(), config.storageTypeAsString());
        Object member = switch (type) {
            case S3 -> config.s3Config();
            case KINESIS_VIDEO_STREAM -> config.kinesisVideoStreamConfig();
            case KINESIS_STREAM -> config.kinesisStreamConfig();
            case KINESIS_FIREHOSE -> config.kinesisFirehoseConfig();
            default -> throw new IllegalStateException(type.toString());
        };
        if (member == null) {
            throw ServiceError.invalidParameter("StorageConfig of StorageType " + type + " needs its configuration member"
                    + " (S3Config, KinesisVideoStreamConfig, KinesisStreamConfig or KinesisFirehoseConfig).");
        }
        return config;
    }

    private Map<InstanceAttributeType, String> stored(InstanceRow instance) {
        Map<InstanceAttributeType, String> values = new EnumMap<>(InstanceAttributeType.class);
        for (ResourceRow row : resources.read(instance, tx -> tx.all(ResourceKind.INSTANCE_ATTRIBUTE))) {
            Attribute attribute = decode(row, Attribute.builder());
            values.put(attribute.attributeType(), attribute.value());
        }
        return values;
    }

    private static Attribute attribute(InstanceRow instance, InstanceAttributeType type, Map<InstanceAttributeType, String> stored) {
        String value = switch (type) {
            case INBOUND_CALLS -> String.valueOf(instance.inboundCalls());
            case OUTBOUND_CALLS -> String.valueOf(instance.outboundCalls());
            default -> stored.getOrDefault(type, String.valueOf(DEFAULTS.getOrDefault(type, false)));
        };
        return Attribute.builder().attributeType(type).value(value).build();
    }

    private static Map<InstanceAttributeType, Boolean> defaults() {
        Map<InstanceAttributeType, Boolean> defaults = new EnumMap<>(InstanceAttributeType.class);
        defaults.put(InstanceAttributeType.CONTACT_LENS, true);
        defaults.put(InstanceAttributeType.AUTO_RESOLVE_BEST_VOICES, true);
        defaults.put(InstanceAttributeType.EARLY_MEDIA, true);
        return defaults;
    }
}
