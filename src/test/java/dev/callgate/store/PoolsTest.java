package dev.callgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolsTest {
    @Test
    void embeddedReadersAreTwoACoreUpToTheConnections() {
        assertThat(Pools.of(false, 2)).isEqualTo(new Pools(24, 4));
        assertThat(Pools.of(false, 8)).isEqualTo(new Pools(24, 16));
        assertThat(Pools.of(false, 64)).isEqualTo(new Pools(24, 16));
    }

    @Test
    void postgresReadersAreAsManyAsTheConnectionsWhateverTheCores() {
        assertThat(Pools.of(true, 2)).isEqualTo(new Pools(24, 16));
        assertThat(Pools.of(true, 64)).isEqualTo(new Pools(24, 16));
    }
}
