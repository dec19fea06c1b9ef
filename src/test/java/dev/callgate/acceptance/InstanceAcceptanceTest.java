package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.testing.Clients;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.StoreKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.CreateInstanceResponse;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.Instance;
import software.amazon.awssdk.services.connect.model.InstanceStatus;
import software.amazon.awssdk.services.connect.model.InstanceSummary;
import software.amazon.awssdk.services.connect.model.InvalidRequestException;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;
import software.amazon.awssdk.services.connect.model.ServiceQuotaExceededException;

/** Instances through the real ConnectClient: the account rules of limits.md §2, on each store. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class InstanceAcceptanceTest extends ServerSuite {

    CreateInstanceResponse create(ConnectClient client, String alias) {
        return client.createInstance(r -> r.identityManagementType(DirectoryType.CONNECT_MANAGED)
                .instanceAlias(alias).inboundCallsEnabled(true).outboundCallsEnabled(false));
    }

    @Test
    void createdInstanceIsDescribedAndListed() {
        CreateInstanceResponse created = create(connect, "acme-support");

        Instance instance = connect.describeInstance(r -> r.instanceId(created.id())).instance();

        assertThat(instance.arn()).isEqualTo("arn:aws:connect:us-east-1:" + ACCOUNT + ":instance/" + created.id());
        assertThat(created.arn()).isEqualTo(instance.arn());
        assertThat(instance.instanceAlias()).isEqualTo("acme-support");
        assertThat(instance.identityManagementType()).isEqualTo(DirectoryType.CONNECT_MANAGED);
        assertThat(instance.instanceStatus()).isEqualTo(InstanceStatus.ACTIVE);
        assertThat(instance.inboundCallsEnabled()).isTrue();
        assertThat(instance.outboundCallsEnabled()).isFalse();
        assertThat(instance.createdTime()).isNotNull();
        assertThat(connect.listInstances(r -> { }).instanceSummaryList()).extracting(InstanceSummary::id).containsExactly(created.id());
    }

    @Test
    void everyMemberOfASummaryIsTheDescriptionsMemberOfTheSameName() {
        CreateInstanceResponse created = connect.createInstance(r -> r.identityManagementType(DirectoryType.CONNECT_MANAGED)
                .instanceAlias("summed-up").inboundCallsEnabled(false).outboundCallsEnabled(true).tags(Map.of("team", "support")));
        Instance described = connect.describeInstance(r -> r.instanceId(created.id())).instance();

        InstanceSummary summary = connect.listInstances(r -> { }).instanceSummaryList().get(0);

        Map<String, Object> expected = new HashMap<>();
        described.sdkFields().forEach(field -> expected.put(field.memberName(), field.getValueOrDefault(described)));
        assertThat(summary.sdkFields()).hasSize(10).allSatisfy(field ->
                assertThat(field.getValueOrDefault(summary)).as(field.memberName()).isNotNull().isEqualTo(expected.get(field.memberName())));
    }

    @Test
    void instanceArnWorksWhereAnIdIsExpected() {
        CreateInstanceResponse created = create(connect, "by-arn");

        Instance instance = connect.describeInstance(r -> r.instanceId(created.arn())).instance();

        assertThat(instance.id()).isEqualTo(created.id());
    }

    @Test
    void sixthInstanceInARegionIsRefusedWithTheQuotaAndItsUsage() {
        for (int i = 0; i < 5; i++) {
            create(connect, "five-" + i);
        }

        assertThatThrownBy(() -> create(connect, "five-5"))
                .isInstanceOfSatisfying(ServiceQuotaExceededException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(402);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .contains("Instances per account per region", "L-AA17A6B9", "is 5", "usage is 5");
                });
    }

    @Test
    void deletingAnInstanceFreesItsSlot() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(connect, "slot-" + i).id());
        }

        connect.deleteInstance(r -> r.instanceId(ids.get(0)));

        assertThat(create(connect, "slot-5").id()).isNotBlank();
        assertThatThrownBy(() -> connect.describeInstance(r -> r.instanceId(ids.get(0))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void quotaCountsPerRegionAndPerAccount() {
        for (int i = 0; i < 5; i++) {
            create(connect, "east-" + i);
        }
        try (ConnectClient west = Clients.connect(server.port(), ACCOUNT, "us-west-2");
             ConnectClient other = Clients.connect(server.port(), "444455556666", "us-east-1")) {
            assertThat(create(west, "west-0").id()).isNotBlank();
            assertThat(create(other, "other-0").id()).isNotBlank();
            assertThat(west.listInstances(r -> { }).instanceSummaryList()).hasSize(1);
        }
    }

    @Test
    void aliasIsUniqueAcrossRegions() {
        create(connect, "taken");
        try (ConnectClient west = Clients.connect(server.port(), ACCOUNT, "us-west-2")) {
            assertThatThrownBy(() -> create(west, "taken"))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("'taken' is already in use");
                    });
            // The refused create charged nothing: the west region still has all 5 slots.
            for (int i = 0; i < 5; i++) {
                create(west, "west-" + i);
            }
        }
    }

    @Test
    void aisplAccountCannotCreateInstances() {
        server.operator().setBillingEntity("999988887777", "AISPL");
        try (ConnectClient india = Clients.connect(server.port(), "999988887777", "us-east-1")) {
            assertThatThrownBy(() -> create(india, "mumbai"))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e ->
                            assertThat(e.getMessage()).contains("not available to AISPL customers"));
        }
    }

    @Test
    void anotherAccountsInstanceIsNotFound() {
        CreateInstanceResponse created = create(connect, "private");
        try (ConnectClient other = Clients.connect(server.port(), "444455556666", "us-east-1")) {
            assertThatThrownBy(() -> other.describeInstance(r -> r.instanceId(created.id())))
                    .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
            assertThatThrownBy(() -> other.deleteInstance(r -> r.instanceId(created.id())))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
        assertThat(connect.describeInstance(r -> r.instanceId(created.id())).instance().id()).isEqualTo(created.id());
    }

    @Test
    void listPaginatesThroughEveryInstance() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(connect, "page-" + i).id());
        }

        List<String> listed = connect.listInstancesPaginator(r -> r.maxResults(2)).instanceSummaryList().stream()
                .map(InstanceSummary::id).toList();

        assertThat(listed).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void regionWithoutConnectIsRefusedByName() {
        try (ConnectClient sa = Clients.connect(server.port(), ACCOUNT, "sa-east-1")) {
            assertThatThrownBy(() -> sa.listInstances(r -> { }))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e ->
                            assertThat(e.getMessage()).contains("sa-east-1"));
        }
    }

    @Test
    void retriedCreateWithTheSameClientTokenReturnsTheSameInstance() {
        String token = URLEncoder.encode("retry-1", StandardCharsets.UTF_8);
        CreateInstanceResponse first = connect.createInstance(r -> r.identityManagementType(DirectoryType.SAML)
                .instanceAlias("idem").inboundCallsEnabled(true).outboundCallsEnabled(true).clientToken(token));
        CreateInstanceResponse again = connect.createInstance(r -> r.identityManagementType(DirectoryType.SAML)
                .instanceAlias("idem").inboundCallsEnabled(true).outboundCallsEnabled(true).clientToken(token));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(connect.listInstances(r -> { }).instanceSummaryList()).hasSize(1);
    }
}
