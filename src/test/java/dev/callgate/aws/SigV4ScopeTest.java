package dev.callgate.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.http.WireRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the credential scope is read from an Authorization header, before anything else of a call. */
class SigV4ScopeTest {
    private static final String CREDENTIAL = "Credential=AKIDEXAMPLE/20260101/us-east-1/connect/aws4_request";

    @Test
    void readsTheThreePartsInAnyOrderWithAnySpacing() {
        SigV4Authenticator.Scope scope = scope("AWS4-HMAC-SHA256 Signature=abc ,\t" + CREDENTIAL + " ,SignedHeaders=host;x-amz-date  ");

        assertThat(scope).isEqualTo(new SigV4Authenticator.Scope("AKIDEXAMPLE", "20260101", "us-east-1", "connect", "aws4_request",
                "host;x-amz-date", "abc"));
        assertThat(scope.signedHeaderNames()).containsExactly("host", "x-amz-date");
    }

    @Test
    void theFirstOfARepeatedPartWinsAndAValueMayHoldEqualsSigns() {
        SigV4Authenticator.Scope scope = scope("AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=host, Signature=a=b, Signature=c,"
                + " Credential=OTHER/20260101/eu-west-2/connect/aws4_request");

        assertThat(scope.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(scope.region()).isEqualTo("us-east-1");
        assertThat(scope.signature()).isEqualTo("a=b");
    }

    @Test
    void aPartWhoseNameOnlyStartsLikeOneIsNotThatPart() {
        assertThat(scope("AWS4-HMAC-SHA256 Credentials=AKID/20260101/us-east-1/connect/aws4_request, SignedHeaders=host, Signature=abc"))
                .isNull();
        assertThat(scope("AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=host, Signatures=abc")).isNull();
    }

    @Test
    void aMissingPartOrAShortScopeIsNoScope() {
        assertThat(scope("AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=host")).isNull();
        assertThat(scope("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/connect, SignedHeaders=host, Signature=abc")).isNull();
        assertThat(scope("AWS4-HMAC-SHA256 ,,, ")).isNull();
        assertThat(scope("AWS4-HMAC-SHA256")).isNull();
        assertThat(scope("Basic dXNlcjpwYXNz")).isNull();
    }

    @Test
    void anEmptyValueIsKeptAsEmpty() {
        SigV4Authenticator.Scope scope = scope("AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=host, Signature=,");

        assertThat(scope.signature()).isEmpty();
    }

    private static SigV4Authenticator.Scope scope(String authorization) {
        return SigV4Authenticator.scope(new WireRequest("GET", "/instance", "", Map.of(), Map.of("authorization", List.of(authorization)), new byte[0]));
    }
}
