package dev.callgate.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The inventory offers only numbers that libphonenumber accepts for the country and type asked. */
class PhoneInventoryTest {
    private final PhoneInventory inventory = new PhoneInventory();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"US,DID", "US,TOLL_FREE", "CA,DID", "GB,DID", "GB,TOLL_FREE", "DE,DID", "JP,DID", "AU,TOLL_FREE", "MX,DID", "SE,DID"})
    void everyCandidateIsValidForItsCountryAndType(String country, PhoneInventory.Kind kind) throws Exception {
        List<PhoneInventory.Candidate> candidates = inventory.candidates(country, kind, null, 0, 25);

        assertThat(candidates).hasSize(25);
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        for (PhoneInventory.Candidate candidate : candidates) {
            var parsed = util.parse(candidate.e164(), null);
            assertThat(util.isValidNumberForRegion(parsed, country)).as(candidate.e164()).isTrue();
            assertThat(inventory.classify(candidate.e164())).hasValueSatisfying(n -> {
                assertThat(n.country()).isEqualTo(country);
                assertThat(n.kind()).isEqualTo(kind);
            });
        }
        assertThat(candidates).extracting(PhoneInventory.Candidate::e164).doesNotHaveDuplicates();
    }

    @Test
    void sequenceIsStableAndContinuesFromAPosition() {
        List<PhoneInventory.Candidate> first = inventory.candidates("US", PhoneInventory.Kind.DID, null, 0, 10);
        List<PhoneInventory.Candidate> rest = inventory.candidates("US", PhoneInventory.Kind.DID, null, first.get(4).position() + 1, 5);

        assertThat(inventory.candidates("US", PhoneInventory.Kind.DID, null, 0, 10)).isEqualTo(first);
        assertThat(rest).isEqualTo(first.subList(5, 10));
    }

    @Test
    void countryComesFromTheNumberNotFromItsDialingCode() {
        assertThat(inventory.classify("+18765550100")).isEmpty();
        assertThat(inventory.candidates("US", PhoneInventory.Kind.DID, "+1876", 0, 5)).isEmpty();
        assertThat(inventory.candidates("JM", PhoneInventory.Kind.DID, "+1876", 0, 5))
                .isNotEmpty().allSatisfy(c -> assertThat(c.e164()).startsWith("+1876"));
        assertThat(inventory.classify("+12015550123")).hasValueSatisfying(n -> assertThat(n.country()).isEqualTo("US"));
        assertThat(inventory.classify("+4420 7946 0000")).isEmpty();
        assertThat(inventory.classify("+1")).isEmpty();
    }
}
