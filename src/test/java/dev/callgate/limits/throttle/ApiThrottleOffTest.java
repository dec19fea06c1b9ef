package dev.callgate.limits.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.accounts.Caller;
import dev.callgate.clock.ServerClock;
import dev.callgate.limits.edition.Edition;
import dev.callgate.store.Store;
import dev.callgate.store.StoreException;
import dev.callgate.testing.Stores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With the throttle off a call never touches the store: it is admitted even when the store is gone. */
class ApiThrottleOffTest {
    static final Edition.ThrottleRates RATES = new Edition.ThrottleRates(new Edition.Rate(2, 5), Map.of());
    static final Caller CALLER = new Caller("111122223333", "us-east-1", "AKIAEXAMPLE");

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void offModeAdmitsWithoutTheStoreWhileFaithfulNeedsIt(String kind) {
        Store store = Store.open(kind.equals("sqlite") ? Store.embeddedUrl(dataDir) : Stores.freshPostgres());
        ApiThrottle off = new ApiThrottle(ThrottleMode.OFF, RATES, store, ServerClock.system(), new SimpleMeterRegistry());
        ApiThrottle faithful = new ApiThrottle(ThrottleMode.FAITHFUL, RATES, store, ServerClock.system(), new SimpleMeterRegistry());
        store.close();

        for (int i = 0; i < 10; i++) {
            assertThat(off.refusal(CALLER, ApiThrottle.CONNECT, "ListInstances")).isNull();
        }
        assertThatThrownBy(() -> faithful.refusal(CALLER, ApiThrottle.CONNECT, "ListInstances")).isInstanceOf(StoreException.class);
    }
}
