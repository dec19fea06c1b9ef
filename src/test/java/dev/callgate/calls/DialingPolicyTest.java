package dev.callgate.calls;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.aws.ErrorCode;
import dev.callgate.aws.ServiceError;
import dev.callgate.requests.DialingRulesChange;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 2019-09-30 dialing rules on the destinations of limits.md §5: the country by region, never by dialing code. */
class DialingPolicyTest {
    private static final DialingRulesChange.Rules EDITION_2019 = new DialingRulesChange.Rules(
            new TreeSet<>(List.of("AU", "CA", "CN", "DE", "HK", "IL", "JP", "MX", "SG", "SE", "US", "GB")), new TreeSet<>(List.of("+447")));

    @ParameterizedTest
    @ValueSource(strings = {"+12125550123", "+14165550123", "+15062345678", "+442079460123", "+4930123456"})
    void allowsUsCanadaLondonAndBerlin(String destination) {
        assertThatCode(() -> DialingPolicy.check(EDITION_2019, "i-1", destination)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+18765230123", "+18092345678", "+17872345678", "+15550100123", "+447400123456", "+447012345678",
        "+33123456789", "12125550123", "+99912345", "call-me", "+1 212 555 0123", ""})
    void refusesJamaicaDominicanRepublicPuertoRicoUkMobilesFranceAndWhatIsNotE164(String destination) {
        assertThatThrownBy(() -> DialingPolicy.check(EDITION_2019, "i-1", destination))
                .isInstanceOfSatisfying(ServiceError.class, e -> org.assertj.core.api.Assertions.assertThat(e.code())
                        .isEqualTo(ErrorCode.DESTINATION_NOT_ALLOWED));
    }
}
