package dev.callgate.limits.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.config.Settings;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.Race;
import dev.callgate.testing.ReportsClient;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.StoreKind;
import dev.callgate.testing.TestEditions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The one race harness for every per-instance quota (limits.md §3): with {@code room} slots left, 2 ×
 * room creates in parallel leave exactly {@code room} succeeded and the others refused with the
 * quota's own error; a create refused for another reason charges nothing; giving a unit back frees
 * its slot (except agent statuses, which are disabled, never deleted). Runs on each store.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreKind.class)
class QuotaRaceTest extends ServerSuite {
    ReportsClient reports;

    @Override
    protected UnaryOperator<Settings> settings() {
        return TestEditions.current("race", TestEditions.RACE);
    }

    @BeforeEach
    void reportsClient() {
        reports = new ReportsClient(server.port(), ACCOUNT, "us-east-1");
    }

    static Stream<QuotaCases.QuotaCase> cases() {
        return QuotaCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void raceOfTwiceTheRoomLeavesExactlyTheRoom(QuotaCases.QuotaCase quotaCase) {
        QuotaCases.Arena arena = new QuotaCases.Arena(connect, reports, Fixtures.newInstance(connect, "race"));
        long limit = TestEditions.RACE.get(quotaCase.quota());
        quotaCase.prepare().prepare(arena, (int) (2 * limit + 3));

        // A first unit, then a create that fails for another reason: it charges nothing.
        int before = quotaCase.usage().count(arena);
        assertThat(before).as("units before the race").isLessThan((int) limit);
        List<String> handles = new ArrayList<>();
        handles.add(quotaCase.create().create(arena, 0));
        assertThatThrownBy(() -> quotaCase.refusedForAnotherReason().fail(arena)).satisfies(e -> assertThat(code(e)).isNotNull()
                .isNotEqualTo(quotaCase.quota().refusal().wireName()));
        assertThat(quotaCase.usage().count(arena)).isEqualTo(before + 1);

        int room = (int) limit - before - 1;
        List<Outcome> outcomes = Race.run(2 * room, i -> {
            try {
                return new Outcome(i, quotaCase.create().create(arena, i + 1), null);
            } catch (RuntimeException e) {
                return new Outcome(i, null, e);
            }
        });
        List<Outcome> succeeded = outcomes.stream().filter(o -> o.handle != null).toList();
        assertThat(succeeded).as("creates that succeeded out of " + 2 * room).hasSize(room);
        for (Outcome refused : outcomes.stream().filter(o -> o.handle == null).toList()) {
            assertThat(code(refused.error)).as(String.valueOf(refused.error)).isEqualTo(quotaCase.quota().refusal().wireName());
            assertThat(message(refused.error)).contains(quotaCase.quota().title(), "is " + limit, "usage is " + limit);
        }
        assertThat(quotaCase.usage().count(arena)).isEqualTo((int) limit);

        // Giving one back frees its slot (agent statuses: disabling frees nothing).
        Outcome first = succeeded.get(0);
        quotaCase.release().release(arena, first.index + 1, first.handle);
        int next = 2 * room + 1;
        if (quotaCase.releaseFrees()) {
            assertThat(quotaCase.create().create(arena, next)).isNotNull();
            next++;
        }
        int last = next;
        assertThatThrownBy(() -> quotaCase.create().create(arena, last))
                .satisfies(e -> assertThat(code(e)).isEqualTo(quotaCase.quota().refusal().wireName()));
    }

    private static String code(Throwable e) {
        if (e instanceof AwsServiceException aws) {
            return aws.awsErrorDetails().errorCode();
        }
        if (e instanceof ReportsClient.Failure failure) {
            return failure.code();
        }
        return null;
    }

    private static String message(Throwable e) {
        return e instanceof AwsServiceException aws ? aws.awsErrorDetails().errorMessage() : e.getMessage();
    }

    private record Outcome(int index, String handle, RuntimeException error) {
    }
}
