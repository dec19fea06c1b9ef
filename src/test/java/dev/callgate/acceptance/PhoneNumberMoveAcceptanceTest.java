package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.config.Settings;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.Race;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.StoreKind;
import dev.callgate.testing.TestEditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.ClaimedPhoneNumberSummary;
import software.amazon.awssdk.services.connect.model.InvalidParameterException;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;
import software.amazon.awssdk.services.connect.model.ServiceQuotaExceededException;

/**
 * UpdatePhoneNumber (a claimed number moves to another instance, charged to the target's quota "Phone
 * numbers per instance", 3 in this edition) and UpdatePhoneNumberMetadata, through the real ConnectClient
 * on each store.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class PhoneNumberMoveAcceptanceTest extends ServerSuite {
    private static final String QUOTA = "PHONE_NUMBERS";
    private Fixtures source;
    private Fixtures target;

    @Override
    protected UnaryOperator<Settings> settings() {
        return TestEditions.current("number-move-tests", TestEditions.SMALL);
    }

    @BeforeEach
    void twoInstances() {
        source = Fixtures.newInstance(connect, "source");
        target = Fixtures.newInstance(connect, "target");
    }

    @Test
    void aNumberMovesWithItsDescriptionAndTagsAndItsSlotMovesWithIt() {
        String id = connect.claimPhoneNumber(r -> r.instanceId(source.instanceId).phoneNumber(available())
                .phoneNumberDescription("main line").tags(Map.of("team", "sales"))).phoneNumberId();
        String targetArn = arn(target);

        var moved = connect.updatePhoneNumber(r -> r.phoneNumberId(id).targetArn(targetArn));

        assertThat(moved.phoneNumberId()).isEqualTo(id);
        assertThat(moved.phoneNumberArn()).isEqualTo("arn:aws:connect:us-east-1:" + ACCOUNT + ":phone-number/" + id);
        ClaimedPhoneNumberSummary described = describe(id);
        assertThat(described.instanceId()).isEqualTo(target.instanceId);
        assertThat(described.targetArn()).isEqualTo(targetArn);
        assertThat(described.phoneNumberDescription()).isEqualTo("main line");
        assertThat(connect.listTagsForResource(r -> r.resourceArn(moved.phoneNumberArn())).tags()).containsEntry("team", "sales");
        assertThat(connect.listPhoneNumbersV2(r -> r.instanceId(source.instanceId)).listPhoneNumbersSummaryList()).isEmpty();
        assertThat(connect.listPhoneNumbersV2(r -> r.instanceId(target.instanceId)).listPhoneNumbersSummaryList())
                .singleElement().satisfies(n -> assertThat(n.phoneNumberId()).isEqualTo(id));
        assertThat(usage(source)).isZero();
        assertThat(usage(target)).isEqualTo(1);

        // Moving it to where it is changes nothing (a retried move); moving it back by InstanceId works too.
        connect.updatePhoneNumber(r -> r.phoneNumberId(id).instanceId(target.instanceId));
        assertThat(usage(target)).isEqualTo(1);
        connect.updatePhoneNumber(r -> r.phoneNumberId(id).instanceId(source.instanceId));
        assertThat(describe(id).instanceId()).isEqualTo(source.instanceId);
        assertThat(usage(source)).isEqualTo(1);
        assertThat(usage(target)).isZero();

        connect.releasePhoneNumber(r -> r.phoneNumberId(id));
        assertThat(usage(source)).isZero();
    }

    @Test
    void aMoveIntoAFullInstanceIsRefusedAndChangesNothing() {
        String id = connect.claimPhoneNumber(r -> r.instanceId(source.instanceId).phoneNumber(available())).phoneNumberId();
        for (int i = 0; i < 3; i++) {
            claim(target);
        }

        assertThatThrownBy(() -> connect.updatePhoneNumber(r -> r.phoneNumberId(id).instanceId(target.instanceId)))
                .isInstanceOfSatisfying(ServiceQuotaExceededException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(402);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("L-8F812903").contains("is 3")
                            .contains(target.instanceId).contains("its usage is 3");
                });

        assertThat(describe(id).instanceId()).isEqualTo(source.instanceId);
        assertThat(usage(source)).isEqualTo(1);
        assertThat(usage(target)).isEqualTo(3);
        assertThat(connect.listPhoneNumbersV2(r -> r.instanceId(target.instanceId)).listPhoneNumbersSummaryList()).hasSize(3);
    }

    @Test
    void anUnknownNumberOrTargetIsNotFoundBeforeAnyQuotaAndBadInputIsRefused() {
        String id = claim(source);
        for (int i = 0; i < 3; i++) {
            claim(target);
        }
        assertThatThrownBy(() -> connect.updatePhoneNumber(r -> r.phoneNumberId("no-such-number").instanceId(target.instanceId)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("no-such-number");
        assertThatThrownBy(() -> connect.updatePhoneNumber(r -> r.phoneNumberId(id).instanceId("no-such-instance")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> connect.updatePhoneNumber(r -> r.phoneNumberId(id)
                .targetArn("arn:aws:connect:us-east-1:444455556666:instance/" + target.instanceId)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> connect.updatePhoneNumber(r -> r.phoneNumberId(id)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("TargetArn");
        assertThatThrownBy(() -> connect.updatePhoneNumber(r -> r.phoneNumberId("no-such-number")
                .instanceId(target.instanceId).targetArn(arn(target))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> connect.updatePhoneNumber(r -> r.phoneNumberId(id)
                .targetArn("arn:aws:connect:us-east-1:" + ACCOUNT + ":traffic-distribution-group/tdg")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("traffic distribution group");
        assertThatThrownBy(() -> connect.updatePhoneNumberMetadata(r -> r.phoneNumberId("no-such-number").phoneNumberDescription("x")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> connect.updatePhoneNumberMetadata(r -> r.phoneNumberId(id).phoneNumberDescription("x".repeat(501))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("PhoneNumberDescription");
        try (ConnectClient stranger = Clients.connect(server.port(), "444455556666", "us-east-1")) {
            Fixtures theirs = Fixtures.newInstance(stranger, "theirs");
            assertThatThrownBy(() -> stranger.updatePhoneNumber(r -> r.phoneNumberId(id).instanceId(theirs.instanceId)))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> stranger.updatePhoneNumberMetadata(r -> r.phoneNumberId(id).phoneNumberDescription("mine")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
        assertThat(describe(id).instanceId()).isEqualTo(source.instanceId);
        assertThat(describe(id).phoneNumberDescription()).isNull();
        assertThat(usage(source)).isEqualTo(1);
        assertThat(usage(target)).isEqualTo(3);
    }

    @Test
    void metadataChangesTheDescriptionOnly() {
        String id = connect.claimPhoneNumber(r -> r.instanceId(source.instanceId).phoneNumber(available())
                .phoneNumberDescription("old")).phoneNumberId();
        String number = describe(id).phoneNumber();

        var answer = connect.updatePhoneNumberMetadata(r -> r.phoneNumberId(id).phoneNumberDescription("new line"));

        assertThat(answer.sdkHttpResponse().statusCode()).isEqualTo(200);
        ClaimedPhoneNumberSummary described = describe(id);
        assertThat(described.phoneNumberDescription()).isEqualTo("new line");
        assertThat(described.phoneNumber()).isEqualTo(number);
        assertThat(described.instanceId()).isEqualTo(source.instanceId);
        assertThat(connect.listPhoneNumbersV2(r -> r.instanceId(source.instanceId)).listPhoneNumbersSummaryList())
                .singleElement().satisfies(n -> assertThat(n.phoneNumberDescription()).isEqualTo("new line"));
        connect.updatePhoneNumberMetadata(r -> r.phoneNumberId(id));
        assertThat(describe(id).phoneNumberDescription()).isEqualTo("new line");
        assertThat(usage(source)).isEqualTo(1);
    }

    @Test
    void manyNumbersRacingIntoTheLastSlotAdmitExactlyOne() {
        Fixtures third = Fixtures.newInstance(connect, "third");
        claim(target);
        claim(target);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            numbers.add(claim(source));
            numbers.add(claim(third));
        }

        List<Boolean> admitted = Race.run(numbers.size(), i -> {
            try {
                connect.updatePhoneNumber(r -> r.phoneNumberId(numbers.get(i)).instanceId(target.instanceId));
                return true;
            } catch (ServiceQuotaExceededException refused) {
                return false;
            }
        });

        assertThat(admitted).filteredOn(a -> a).hasSize(1);
        assertThat(usage(target)).isEqualTo(3);
        assertThat(usage(source) + usage(third)).isEqualTo(5);
        assertThat(connect.listPhoneNumbersV2(r -> r.instanceId(target.instanceId)).listPhoneNumbersSummaryList()).hasSize(3);
        assertThat(connect.listPhoneNumbersV2(r -> r.instanceId(source.instanceId)).listPhoneNumbersSummaryList()).hasSize((int) usage(source));
    }

    @Test
    void racingMovesOfOneNumberAllLandAndItIsCountedOnce() {
        Fixtures third = Fixtures.newInstance(connect, "third");
        String id = claim(source);
        List<Fixtures> targets = List.of(target, third);

        List<Boolean> moved = Race.run(8, i -> {
            connect.updatePhoneNumber(r -> r.phoneNumberId(id).instanceId(targets.get(i % 2).instanceId));
            return true;
        });

        assertThat(moved).hasSize(8).containsOnly(true);
        String holder = describe(id).instanceId();
        assertThat(holder).isIn(target.instanceId, third.instanceId);
        assertThat(usage(source)).isZero();
        assertThat(usage(target) + usage(third)).isEqualTo(1);
        assertThat(usage(new Fixtures(connect, holder))).isEqualTo(1);
    }

    private String available() {
        return connect.searchAvailablePhoneNumbers(r -> r.instanceId(source.instanceId).phoneNumberCountryCode("US")
                .phoneNumberType("DID").maxResults(1)).availableNumbersList().get(0).phoneNumber();
    }

    private String claim(Fixtures instance) {
        String number = available();
        return connect.claimPhoneNumber(r -> r.instanceId(instance.instanceId).phoneNumber(number)).phoneNumberId();
    }

    private ClaimedPhoneNumberSummary describe(String id) {
        return connect.describePhoneNumber(r -> r.phoneNumberId(id)).claimedPhoneNumberSummary();
    }

    private String arn(Fixtures instance) {
        return connect.describeInstance(r -> r.instanceId(instance.instanceId)).instance().arn();
    }

    private long usage(Fixtures instance) {
        return server.operator().usage("instances/" + instance.instanceId + "/quotas", QUOTA);
    }
}
