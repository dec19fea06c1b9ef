package dev.callgate.limits.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.accounts.Caller;
import dev.callgate.clock.ServerClock;
import dev.callgate.store.Store;
import dev.callgate.store.StoreException;
import dev.callgate.testing.Stores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The front decides on its event loop only what {@link ApiThrottle#decidesAtOnce} says needs nothing but memory:
 * such a decision must hold with the store gone, and every other one must be left to a worker.
 */
class ThrottleDecisionPlaceTest {
    private static final Caller CALLER = ApiThrottleOffTest.CALLER;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aDecisionSaidToNeedOnlyMemoryIsMadeWithoutTheStore(String kind) {
        Store store = Store.open(kind.equals("sqlite") ? Store.embeddedUrl(dataDir) : Stores.freshPostgres());
        ApiThrottle throttle = new ApiThrottle(ThrottleMode.FAITHFUL, ApiThrottleOffTest.RATES, store, ServerClock.system(),
                new SimpleMeterRegistry());
        boolean beforeOverridesAreRead = throttle.decidesAtOnce(CALLER.accountId(), ApiThrottle.CONNECT);
        Throttled first = throttle.refusal(CALLER, ApiThrottle.CONNECT, "ListInstances");
        boolean afterwards = throttle.decidesAtOnce(CALLER.accountId(), ApiThrottle.CONNECT);
        store.close();

        assertThat(first).isNull();
        assertThat(beforeOverridesAreRead).isFalse();
        assertThat(afterwards).isEqualTo(kind.equals("sqlite"));
        if (afterwards) {
            // Burst 5, one taken: four more admitted, then refused, all from memory.
            for (int i = 0; i < 4; i++) {
                assertThat(throttle.refusal(CALLER, ApiThrottle.CONNECT, "ListInstances")).isNull();
            }
            assertThat(throttle.refusal(CALLER, ApiThrottle.CONNECT, "ListInstances")).isInstanceOf(Throttled.class);
        } else {
            assertThatThrownBy(() -> throttle.refusal(CALLER, ApiThrottle.CONNECT, "ListInstances")).isInstanceOf(StoreException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void withTheThrottleOffEveryDecisionIsMadeAtOnce(String kind) {
        Store store = Store.open(kind.equals("sqlite") ? Store.embeddedUrl(dataDir) : Stores.freshPostgres());
        ApiThrottle off = new ApiThrottle(ThrottleMode.OFF, ApiThrottleOffTest.RATES, store, ServerClock.system(), new SimpleMeterRegistry());
        store.close();

        assertThat(off.decidesAtOnce(CALLER.accountId(), ApiThrottle.CONNECT)).isTrue();
    }
}
