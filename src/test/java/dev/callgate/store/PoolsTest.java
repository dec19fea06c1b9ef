package dev.callgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolsTest {
    @Test
    void embeddedReadersAreTwoACoreUpToTheConnectionsAndBriefReadsTryTheLoop() {
        assertThat(Pools.of(false, 2)).isEqualTo(new Pools(24, 4, true));
        assertThat(Pools.of(false, 8)).isEqualTo(new Pools(24, 16, true));
        assertThat(Pools.of(false, 64)).isEqualTo(new Pools(24, 16, true));
    }

    @Test
    void postgresReadersAreAsManyAsTheConnectionsWhateverTheCoresAndNoReadRunsOnTheLoop() {
        assertThat(Pools.of(true, 2)).isEqualTo(new Pools(24, 16, false));
        assertThat(Pools.of(true, 64)).isEqualTo(new Pools(24, 16, false));
    }
}
