package dev.callgate.limits.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.limits.edition.Edition;
import org.junit.jupiter.api.Test;

/** The {@code --throttle} values a user can give, and what each does to a rate. */
class ThrottleModeTest {

    @Test
    void parsesTheThreeModesAndPrintsThemBack() {
        assertThat(ThrottleMode.parse("faithful")).isEqualTo(ThrottleMode.FAITHFUL).hasToString("faithful");
        assertThat(ThrottleMode.parse("off")).isEqualTo(ThrottleMode.OFF).hasToString("off");
        assertThat(ThrottleMode.parse("scale=25")).hasToString("scale=25");
    }

    @Test
    void scaleMultipliesRateAndBurst() {
        assertThat(ThrottleMode.parse("scale=3").apply(new Edition.Rate(5, 8))).isEqualTo(new Edition.Rate(15, 24));
        assertThat(ThrottleMode.FAITHFUL.apply(new Edition.Rate(2, 5))).isEqualTo(new Edition.Rate(2, 5));
    }

    @Test
    void refusesAnythingElseWithTheAccepted() {
        for (String bad : new String[] {"scale=0", "scale=1.5", "scale=", "fast", "Faithful"}) {
            assertThatThrownBy(() -> ThrottleMode.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("faithful, off or scale=N");
        }
    }
}
