package dev.callgate.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApprovalPolicyTest {
    @Test
    void parsesTheThreeForms() {
        assertThat(ApprovalPolicy.parse("manual")).isEqualTo(ApprovalPolicy.MANUAL);
        assertThat(ApprovalPolicy.parse("AUTO").mode()).isEqualTo(ApprovalPolicy.Mode.AUTO);
        ApprovalPolicy graded = ApprovalPolicy.parse("auto-up-to=2x,deny-above=10x");
        assertThat(graded).isEqualTo(new ApprovalPolicy(ApprovalPolicy.Mode.GRADED, 2, 10));
        assertThat(graded).hasToString("auto-up-to=2x,deny-above=10x");
        assertThat(ApprovalPolicy.parse("auto-up-to=1.5x")).hasToString("auto-up-to=1.5x");
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] {"", "sometimes", "auto-up-to=2", "auto-up-to=0.5x", "deny-above=3x", "auto-up-to=5x,deny-above=2x"}) {
            assertThatThrownBy(() -> ApprovalPolicy.parse(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("approval policy");
        }
    }
}
