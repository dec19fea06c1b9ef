package dev.callgate.limits.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What {@code --throttle-store} takes: redis://host:port[/db], the port and database by default, a password never printed. */
class RedisAddressTest {

    @Test
    void hostPortAndDatabase() {
        assertThat(RedisAddress.parse("redis://cache.internal:6380/2")).isEqualTo(new RedisAddress("cache.internal", 6380, 2, null, null));
        assertThat(RedisAddress.parse("redis://cache")).isEqualTo(new RedisAddress("cache", 6379, 0, null, null));
        assertThat(RedisAddress.parse("redis://10.0.0.5:7000/")).isEqualTo(new RedisAddress("10.0.0.5", 7000, 0, null, null));
    }

    @Test
    void aPasswordIsTakenAndMaskedWhenPrinted() {
        RedisAddress address = RedisAddress.parse("redis://callgate:s3cret@cache:6379/1");

        assertThat(address.user()).isEqualTo("callgate");
        assertThat(address.password()).isEqualTo("s3cret");
        assertThat(address).hasToString("redis://callgate:***@cache:6379/1");
        assertThat(RedisAddress.parse("redis://:s3cret@cache")).hasToString("redis://:***@cache:6379/0");
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"cache:6379", "http://cache:6379", "rediss://cache", "redis://cache/db", "redis://cache/-1",
                "redis://cache:6379?timeout=1", "redis:///0", "redis://cache:99999"}) {
            assertThatThrownBy(() -> RedisAddress.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
