package dev.callgate.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The generated constraint tables and how one rule judges a value. */
class MemberRulesTest {

    @Test
    void everyRuleOfBothModelsParsesAndEveryPatternCompilesInJava() throws IOException {
        for (String table : List.of("/dev/callgate/aws/connect-constraints.properties", "/dev/callgate/servicequotas/constraints.properties")) {
            Properties rules = new Properties();
            try (InputStream in = MemberRules.class.getResourceAsStream(table)) {
                rules.load(in);
            }
            assertThat(rules).hasSizeGreaterThan(50);
            // A shape's rules are parsed at its first check, so each is parsed here rather than left to a request.
            rules.forEach((member, rule) -> assertThatCode(() -> MemberRules.Rule.parse((String) rule)).as("%s", member)
                    .doesNotThrowAnyException());
        }
    }

    @Test
    void aShapesRulesAreFoundWhateverTheCaseOfItsName() {
        MemberRules rules = new MemberRules("/dev/callgate/aws/connect-constraints.properties");

        assertThat(rules.of("createinstancerequest").get("InstanceAlias").max()).isEqualTo(45L);
        assertThat(rules.of("CreateInstanceRequest").get("InstanceAlias").min()).isEqualTo(1L);
        assertThat(rules.of("NoSuchShape")).isEmpty();
    }

    @Test
    void anOpenBoundIsNoBound() {
        assertThat(MemberRules.Rule.parse("range=0..").min()).isZero();
        assertThat(MemberRules.Rule.parse("range=0..").max()).isNull();
        assertThat(MemberRules.Rule.parse("size=..5").min()).isNull();
        assertThat(MemberRules.Rule.parse("size=..5").max()).isEqualTo(5L);
    }

    @Test
    void aBacktrackingPatternOnAHugeValueIsRefusedInsteadOfRunningAway() {
        MemberRules.Rule rule = MemberRules.Rule.parse("length=1..131070;pattern=.*\\S.*");

        assertThatThrownBy(() -> rule.check("Text", " ".repeat(100_000)))
                .isInstanceOfSatisfying(ServiceError.class, e -> assertThat(e.getMessage()).contains("does not match the pattern"));
        rule.check("Text", " ".repeat(50_000) + "x");
    }

    @Test
    void lengthIsCheckedBeforeThePatternAndCountsCharactersNotUtf16Units() {
        MemberRules.Rule rule = MemberRules.Rule.parse("length=1..2;pattern=^[\\p{L}\\p{So}]*$");

        rule.check("Name", "\uD83D\uDE00\uD83D\uDE00");
        assertThatThrownBy(() -> rule.check("Name", "abc")).hasMessageContaining("Name is 3 characters long; the model allows 1 to 2");
    }

    @Test
    void boundsNameTheMemberAndTheBound() {
        assertThatThrownBy(() -> MemberRules.Rule.parse("range=1..10").check("maxResults", 11))
                .hasMessage("Member maxResults is 11; the model allows 1 to 10.");
        assertThatThrownBy(() -> MemberRules.Rule.parse("size=..1").check("Tags", Map.of("a", "1", "b", "2")))
                .hasMessage("Member Tags is 2 entries; the model allows at most 1.");
        assertThatThrownBy(() -> MemberRules.Rule.parse("enum=V1|V2").check("lexVersion", "V3"))
                .hasMessage("Member lexVersion must be one of V1, V2; got 'V3'.");
    }
}
