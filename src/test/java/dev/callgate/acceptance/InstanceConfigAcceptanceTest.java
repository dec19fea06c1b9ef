package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.config.Settings;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.TestEditions;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.connect.model.Attribute;
import software.amazon.awssdk.services.connect.model.ContactFlowModuleState;
import software.amazon.awssdk.services.connect.model.HierarchyGroup;
import software.amazon.awssdk.services.connect.model.InstanceAttributeType;
import software.amazon.awssdk.services.connect.model.InstanceStorageResourceType;
import software.amazon.awssdk.services.connect.model.InvalidContactFlowModuleException;
import software.amazon.awssdk.services.connect.model.InvalidParameterException;
import software.amazon.awssdk.services.connect.model.LimitExceededException;
import software.amazon.awssdk.services.connect.model.ResourceConflictException;
import software.amazon.awssdk.services.connect.model.ResourceInUseException;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;
import software.amazon.awssdk.services.connect.model.StorageType;
import software.amazon.awssdk.services.connect.model.VocabularyLanguageCode;
import software.amazon.awssdk.services.connect.model.VocabularyState;

/**
 * Instance attributes and storage configs, the hierarchy structure, flow modules (and their quota),
 * vocabularies and analytics data set associations, through the Java SDK.
 */
class InstanceConfigAcceptanceTest extends ServerSuite {
    private static final String MODULE = "{\"Version\":\"2019-10-30\",\"StartAction\":\"a\",\"Actions\":[]}";
    private Fixtures fx;

    @Override
    protected UnaryOperator<Settings> settings() {
        return TestEditions.current("instance-config-tests", TestEditions.SMALL);
    }

    @BeforeEach
    void newInstance() {
        fx = Fixtures.newInstance(connect, "config");
    }

    @Test
    void attributesReadTheirDefaultsUntilChanged() {
        assertThat(attribute(InstanceAttributeType.CONTACT_LENS)).isEqualTo("true");
        assertThat(attribute(InstanceAttributeType.CONTACTFLOW_LOGS)).isEqualTo("false");
        connect.updateInstanceAttribute(r -> r.instanceId(fx.instanceId).attributeType(InstanceAttributeType.CONTACTFLOW_LOGS).value("true"));
        connect.updateInstanceAttribute(r -> r.instanceId(fx.instanceId).attributeType(InstanceAttributeType.INBOUND_CALLS).value("false"));
        assertThat(attribute(InstanceAttributeType.CONTACTFLOW_LOGS)).isEqualTo("true");
        assertThat(connect.describeInstance(r -> r.instanceId(fx.instanceId)).instance().inboundCallsEnabled()).isFalse();
        assertThat(connect.listInstanceAttributes(r -> r.instanceId(fx.instanceId)).attributes())
                .contains(Attribute.builder().attributeType(InstanceAttributeType.INBOUND_CALLS).value("false").build(),
                        Attribute.builder().attributeType(InstanceAttributeType.EARLY_MEDIA).value("true").build());
        assertThatThrownBy(() -> connect.updateInstanceAttribute(r -> r.instanceId(fx.instanceId)
                .attributeType(InstanceAttributeType.EARLY_MEDIA).value("maybe"))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> connect.describeInstanceAttribute(r -> r.instanceId("nope").attributeType(InstanceAttributeType.EARLY_MEDIA)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aResourceTypeHasOneStorageConfig() {
        String id = connect.associateInstanceStorageConfig(r -> r.instanceId(fx.instanceId).resourceType(InstanceStorageResourceType.CALL_RECORDINGS)
                .storageConfig(s -> s.storageType(StorageType.S3).s3Config(b -> b.bucketName("calls").bucketPrefix("rec")))).associationId();
        assertThat(connect.describeInstanceStorageConfig(r -> r.instanceId(fx.instanceId).associationId(id)
                .resourceType(InstanceStorageResourceType.CALL_RECORDINGS)).storageConfig().s3Config().bucketName()).isEqualTo("calls");
        connect.updateInstanceStorageConfig(r -> r.instanceId(fx.instanceId).associationId(id).resourceType(InstanceStorageResourceType.CALL_RECORDINGS)
                .storageConfig(s -> s.storageType(StorageType.S3).s3Config(b -> b.bucketName("calls-2").bucketPrefix("rec"))));
        assertThat(connect.listInstanceStorageConfigs(r -> r.instanceId(fx.instanceId).resourceType(InstanceStorageResourceType.CALL_RECORDINGS))
                .storageConfigs()).singleElement().satisfies(c -> assertThat(c.s3Config().bucketName()).isEqualTo("calls-2"));
        assertThatThrownBy(() -> connect.associateInstanceStorageConfig(r -> r.instanceId(fx.instanceId)
                .resourceType(InstanceStorageResourceType.CALL_RECORDINGS)
                .storageConfig(s -> s.storageType(StorageType.S3).s3Config(b -> b.bucketName("x").bucketPrefix("y")))))
                .isInstanceOf(ResourceConflictException.class);
        assertThatThrownBy(() -> connect.associateInstanceStorageConfig(r -> r.instanceId(fx.instanceId)
                .resourceType(InstanceStorageResourceType.AGENT_EVENTS).storageConfig(s -> s.storageType(StorageType.KINESIS_STREAM))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> connect.describeInstanceStorageConfig(r -> r.instanceId(fx.instanceId).associationId(id)
                .resourceType(InstanceStorageResourceType.CHAT_TRANSCRIPTS))).isInstanceOf(ResourceNotFoundException.class);
        connect.disassociateInstanceStorageConfig(r -> r.instanceId(fx.instanceId).associationId(id)
                .resourceType(InstanceStorageResourceType.CALL_RECORDINGS));
        assertThat(connect.listInstanceStorageConfigs(r -> r.instanceId(fx.instanceId).resourceType(InstanceStorageResourceType.CALL_RECORDINGS))
                .storageConfigs()).isEmpty();
    }

    @Test
    void theHierarchyStructureNamesLevelsAndKeepsThoseInUse() {
        connect.updateUserHierarchyStructure(r -> r.instanceId(fx.instanceId).hierarchyStructure(h -> h
                .levelOne(l -> l.name("Region")).levelTwo(l -> l.name("Site"))));
        var structure = connect.describeUserHierarchyStructure(r -> r.instanceId(fx.instanceId)).hierarchyStructure();
        assertThat(structure.levelTwo().name()).isEqualTo("Site");
        assertThat(structure.levelThree()).isNull();
        String americas = connect.createUserHierarchyGroup(r -> r.instanceId(fx.instanceId).name("Americas")).hierarchyGroupId();
        String seattle = connect.createUserHierarchyGroup(r -> r.instanceId(fx.instanceId).name("Seattle").parentGroupId(americas))
                .hierarchyGroupId();
        connect.updateUserHierarchyGroupName(r -> r.instanceId(fx.instanceId).hierarchyGroupId(americas).name("The Americas"));
        HierarchyGroup child = connect.describeUserHierarchyGroup(r -> r.instanceId(fx.instanceId).hierarchyGroupId(seattle)).hierarchyGroup();
        assertThat(child.hierarchyPath().levelOne().name()).isEqualTo("The Americas");

        assertThatThrownBy(() -> connect.updateUserHierarchyStructure(r -> r.instanceId(fx.instanceId).hierarchyStructure(h -> h
                .levelOne(l -> l.name("Region"))))).isInstanceOf(ResourceInUseException.class).hasMessageContaining(seattle);
        assertThatThrownBy(() -> connect.updateUserHierarchyStructure(r -> r.instanceId(fx.instanceId).hierarchyStructure(h -> h
                .levelOne(l -> l.name("Region")).levelThree(l -> l.name("Team"))))).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void flowModulesCountTowardTheirQuota() {
        String id = connect.createContactFlowModule(r -> r.instanceId(fx.instanceId).name("Greeting").content(MODULE)).id();
        connect.updateContactFlowModuleMetadata(r -> r.instanceId(fx.instanceId).contactFlowModuleId(id).name("Hello")
                .state(ContactFlowModuleState.ARCHIVED));
        connect.updateContactFlowModuleContent(r -> r.instanceId(fx.instanceId).contactFlowModuleId(id).content(MODULE.replace("a", "b")));
        var module = connect.describeContactFlowModule(r -> r.instanceId(fx.instanceId).contactFlowModuleId(id)).contactFlowModule();
        assertThat(module.name()).isEqualTo("Hello");
        assertThat(module.state()).isEqualTo(ContactFlowModuleState.ARCHIVED);
        assertThat(connect.listContactFlowModules(r -> r.instanceId(fx.instanceId).contactFlowModuleState(ContactFlowModuleState.ACTIVE))
                .contactFlowModulesSummaryList()).isEmpty();
        assertThatThrownBy(() -> connect.createContactFlowModule(r -> r.instanceId(fx.instanceId).name("Bad").content("no")))
                .isInstanceOf(InvalidContactFlowModuleException.class);

        connect.createContactFlowModule(r -> r.instanceId(fx.instanceId).name("Second").content(MODULE));
        assertThatThrownBy(() -> connect.createContactFlowModule(r -> r.instanceId(fx.instanceId).name("Third").content(MODULE)))
                .isInstanceOf(LimitExceededException.class)
                .satisfies(e -> assertThat(((LimitExceededException) e).statusCode()).isEqualTo(429))
                .hasMessageContaining("Flow modules per instance (L-19755C7E) is 2");
        connect.deleteContactFlowModule(r -> r.instanceId(fx.instanceId).contactFlowModuleId(id));
        connect.createContactFlowModule(r -> r.instanceId(fx.instanceId).name("Third").content(MODULE));
    }

    @Test
    void vocabulariesAreActiveOnceCreatedAndGoneOnceDeleted() {
        var created = connect.createVocabulary(r -> r.instanceId(fx.instanceId).vocabularyName("products")
                .languageCode(VocabularyLanguageCode.EN_US).content("Phrase\tDisplayAs\nCallgate\tCallgate\n"));
        assertThat(created.state()).isEqualTo(VocabularyState.ACTIVE);
        assertThat(connect.searchVocabularies(r -> r.instanceId(fx.instanceId).nameStartsWith("prod")).vocabularySummaryList())
                .singleElement().satisfies(v -> assertThat(v.id()).isEqualTo(created.vocabularyId()));
        assertThatThrownBy(() -> connect.createVocabulary(r -> r.instanceId(fx.instanceId).vocabularyName("products")
                .languageCode(VocabularyLanguageCode.EN_US).content("x"))).isInstanceOf(ResourceConflictException.class);
        assertThatThrownBy(() -> connect.createVocabulary(r -> r.instanceId(fx.instanceId).vocabularyName("bad name")
                .languageCode(VocabularyLanguageCode.EN_US).content("x"))).isInstanceOf(InvalidParameterException.class);
        connect.deleteVocabulary(r -> r.instanceId(fx.instanceId).vocabularyId(created.vocabularyId()));
        assertThatThrownBy(() -> connect.describeVocabulary(r -> r.instanceId(fx.instanceId).vocabularyId(created.vocabularyId())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void analyticsDataSetsAreSharedOncePerAccount() {
        var shared = connect.associateAnalyticsDataSet(r -> r.instanceId(fx.instanceId).dataSetId("contact_record").targetAccountId("999988887777"));
        var again = connect.associateAnalyticsDataSet(r -> r.instanceId(fx.instanceId).dataSetId("contact_record").targetAccountId("999988887777"));
        assertThat(again.resourceShareId()).isEqualTo(shared.resourceShareId());
        connect.associateAnalyticsDataSet(r -> r.instanceId(fx.instanceId).dataSetId("agent_metrics"));
        assertThat(connect.listAnalyticsDataAssociations(r -> r.instanceId(fx.instanceId).dataSetId("contact_record")).results())
                .singleElement().satisfies(a -> assertThat(a.targetAccountId()).isEqualTo("999988887777"));
        assertThat(connect.listAnalyticsDataAssociations(r -> r.instanceId(fx.instanceId)).results()).hasSize(2);
        connect.disassociateAnalyticsDataSet(r -> r.instanceId(fx.instanceId).dataSetId("contact_record").targetAccountId("999988887777"));
        assertThatThrownBy(() -> connect.disassociateAnalyticsDataSet(r -> r.instanceId(fx.instanceId).dataSetId("contact_record")
                .targetAccountId("999988887777"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> connect.associateAnalyticsDataSet(r -> r.instanceId(fx.instanceId).dataSetId("x").targetAccountId("12")))
                .isInstanceOf(InvalidParameterException.class);
    }

    private String attribute(InstanceAttributeType type) {
        return connect.describeInstanceAttribute(r -> r.instanceId(fx.instanceId).attributeType(type)).attribute().value();
    }
}
