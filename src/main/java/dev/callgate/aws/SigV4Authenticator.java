package dev.callgate.aws;

import dev.callgate.accounts.AccessKey;
import dev.callgate.accounts.Accounts;
import dev.callgate.accounts.Caller;
import dev.callgate.aws.ErrorCode;
import dev.callgate.aws.ServiceError;
import dev.callgate.http.WireRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * Authenticates AWS requests by their SigV4 {@code Authorization} header, verified with the AWS SDK's own signer (docs/architecture.md).
 * Lenient mode trusts the credential scope: a 12-digit access key id is the account id, any other key
 * is account 000000000000. Strict mode knows every key and verifies the signature with the SDK's own
 * signers, so nothing unauthenticated reaches a handler in either mode.
 */
public final class SigV4Authenticator {
    public static final String DEFAULT_ACCOUNT = "000000000000";
    private static final String ALGORITHM = "AWS4-HMAC-SHA256 ";
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,32}");

    private final boolean strict;
    private final Map<String, AccessKey> keys;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    public SigV4Authenticator(boolean strict, List<AccessKey> keys, Clock clock) {
        this.strict = strict;
        this.keys = keys.stream().collect(Collectors.toMap(AccessKey::accessKeyId, Function.identity()));
        this.clock = clock;
    }

    /** The signed request's credential scope, without checking anything: used to route by service. */
    public static Scope scope(WireRequest request) {
        String authorization = request.header("authorization");
        if (authorization == null || !authorization.startsWith(ALGORITHM)) {
            return null;
        }
        return parse(authorization);
    }

    /** The parts of an Authorization header, read after its algorithm in place; null when one is missing. */
    private static Scope parse(String authorization) {
        // Read on every AWS call, before the throttle: one pass over the comma-separated parts, each trimmed as
        // String.trim does, without splitting them out; the first occurrence of each name wins.
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (int start = ALGORITHM.length(); start <= authorization.length(); ) {
            int comma = authorization.indexOf(',', start);
            int end = comma < 0 ? authorization.length() : comma;
            int from = start;
            int to = end;
            while (from < to && authorization.charAt(from) <= ' ') {
                from++;
            }
            while (to > from && authorization.charAt(to - 1) <= ' ') {
                to--;
            }
            credential = credential != null ? credential : value(authorization, from, to, "Credential");
            signedHeaders = signedHeaders != null ? signedHeaders : value(authorization, from, to, "SignedHeaders");
            signature = signature != null ? signature : value(authorization, from, to, "Signature");
            start = end + 1;
        }
        String[] scope = credential == null ? null : credentialParts(credential);
        if (scope == null || signature == null || signedHeaders == null) {
            return null;
        }
        return new Scope(scope[0], scope[1], scope[2], scope[3], scope[4], signedHeaders, signature);
    }

    /** key/date/region/service/terminator, or null when the credential has not exactly five parts. */
    private static String[] credentialParts(String credential) {
        String[] parts = new String[5];
        int start = 0;
        for (int i = 0; i < parts.length; i++) {
            int slash = credential.indexOf('/', start);
            if ((slash < 0) != (i == parts.length - 1)) {
                return null;
            }
            int end = slash < 0 ? credential.length() : slash;
            parts[i] = credential.substring(start, end);
            start = end + 1;
        }
        return parts;
    }

    /** The value of the part {@code parts[from, to)} when it is {@code name=value}, else null. */
    private static String value(String parts, int from, int to, String name) {
        int eq = from + name.length();
        return eq < to && parts.charAt(eq) == '=' && parts.startsWith(name, from) ? parts.substring(eq + 1, to) : null;
    }

    public Caller authenticate(WireRequest request, Scope scope) {
        if (scope == null) {
            throw new ServiceError(ErrorCode.MISSING_AUTHENTICATION_TOKEN,
                    "Missing or malformed SigV4 Authorization header: every AWS API request must be signed.");
        }
        if (!strict) {
            String account = Accounts.isAccountId(scope.accessKeyId()) ? scope.accessKeyId() : DEFAULT_ACCOUNT;
            return new Caller(account, scope.region(), scope.accessKeyId());
        }
        AccessKey key = keys.get(scope.accessKeyId());
        if (key == null) {
            throw new ServiceError(ErrorCode.UNRECOGNIZED_CLIENT,
                    "The security token included in the request is invalid: access key " + scope.accessKeyId() + " is unknown.");
        }
        Instant signedAt = requestTime(request);
        verifySignature(request, scope, key, signedAt);
        return new Caller(key.accountId(), scope.region(), key.accessKeyId());
    }

    private Instant requestTime(WireRequest request) {
        String amzDate = request.header("x-amz-date");
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate == null ? "" : amzDate));
        } catch (DateTimeParseException e) {
            throw new ServiceError(ErrorCode.INVALID_SIGNATURE, "The request has no valid X-Amz-Date header.");
        }
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            throw new ServiceError(ErrorCode.INVALID_SIGNATURE, "Signature expired: " + amzDate + " is more than 5 minutes from the server time "
                    + AMZ_DATE.format(now) + ".");
        }
        return signedAt;
    }

    private void verifySignature(WireRequest request, Scope scope, AccessKey key, Instant signedAt) {
        List<String> signedHeaders = scope.signedHeaderNames();
        requireWholeScope(scope, signedHeaders, signedAt);
        String expected;
        try {
            expected = expectedAuthorization(request, scope, signedHeaders, key, signedAt);
        } catch (IllegalArgumentException uncanonical) {
            // Input the front let through but no signer could have signed (e.g. a path that is not a URI).
            throw new ServiceError(ErrorCode.INVALID_SIGNATURE, "The request cannot be canonicalized for its signature: " + uncanonical.getMessage());
        }
        Scope computed = expected.startsWith(ALGORITHM) ? parse(expected) : null;
        if (computed == null || !computed.signedHeaderNames().equals(signedHeaders)) {
            throw new ServiceError(ErrorCode.INVALID_SIGNATURE, "SignedHeaders " + String.join(";", signedHeaders)
                    + " are not the request's signed headers " + (computed == null ? "" : String.join(";", computed.signedHeaderNames())) + ".");
        }
        if (!MessageDigest.isEqual(computed.signature().getBytes(StandardCharsets.US_ASCII), scope.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw new ServiceError(ErrorCode.INVALID_SIGNATURE,
                    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.");
        }
    }

    /**
     * The signature covers the scope's date, region, service and terminator, and the signer recomputes it
     * from the scope: so each is checked here, as AWS does, or an edited one would pass unseen.
     */
    private static void requireWholeScope(Scope scope, List<String> signedHeaders, Instant signedAt) {
        String date = AMZ_DATE.format(signedAt).substring(0, 8);
        if (!scope.date().equals(date)) {
            throw new ServiceError(ErrorCode.INVALID_SIGNATURE, "Date in Credential scope does not match YYYYMMDD from X-Amz-Date: '"
                    + scope.date() + "' != '" + date + "'.");
        }
        if (!REGION.matcher(scope.region()).matches()) {
            throw new ServiceError(ErrorCode.INVALID_SIGNATURE, "Credential should be scoped to a valid region, not '" + scope.region() + "'.");
        }
        if (!scope.terminator().equals("aws4_request")) {
            throw new ServiceError(ErrorCode.INVALID_SIGNATURE, "Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + scope.terminator() + "'.");
        }
        if (!signedHeaders.contains("host")) {
            throw new ServiceError(ErrorCode.INVALID_SIGNATURE, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
    }

    /** The Authorization header the SDK's signer writes for this request, signing the headers the scope names. */
    private String expectedAuthorization(WireRequest request, Scope scope, List<String> signedHeaders, AccessKey key, Instant signedAt) {
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .protocol("http")
                .host(host(request))
                .encodedPath(request.rawPath())
                .rawQueryParameters(request.query());
        int port = port(request);
        if (port > 0) {
            unsigned.port(port);
        }
        for (String name : signedHeaders) {
            if (!name.equals("host") && !name.equals("x-amz-date")) {
                List<String> values = request.headers().get(name);
                if (values == null) {
                    throw new ServiceError(ErrorCode.INVALID_SIGNATURE, "The signed header '" + name + "' is not in the request.");
                }
                unsigned.putHeader(name, values);
            }
        }
        boolean sdkStyle = signedHeaders.contains("x-amz-content-sha256");
        return sdkStyle ? signWithHttpAuthSigner(unsigned.build(), request.body(), scope, key, signedAt)
                : signWithLegacySigner(unsigned.contentStreamProvider(() -> new ByteArrayInputStream(request.body())).build(), scope, key, signedAt);
    }

    /** The AWS SDKs for Java sign x-amz-content-sha256; the http-auth-aws signer always does too. */
    private String signWithHttpAuthSigner(SdkHttpFullRequest unsigned, byte[] body, Scope scope, AccessKey key, Instant signedAt) {
        SignedRequest signed = signer.sign(r -> r
                .identity(AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey()))
                .request(unsigned)
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, scope.service())
                .putProperty(AwsV4HttpSigner.REGION_NAME, scope.region())
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        return signed.request().firstMatchingHeader("Authorization").orElse("");
    }

    /**
     * botocore (the AWS CLI) and other SDKs sign the payload hash without the x-amz-content-sha256
     * header, which the http-auth-aws signer cannot leave out; the SDK's Aws4Signer signs exactly the
     * headers it is given.
     */
    @SuppressWarnings("deprecation")
    private static String signWithLegacySigner(SdkHttpFullRequest unsigned, Scope scope, AccessKey key, Instant signedAt) {
        SdkHttpFullRequest signed = Aws4Signer.create().sign(unsigned, Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))
                .signingName(scope.service())
                .signingRegion(Region.of(scope.region()))
                .signingClockOverride(Clock.fixed(signedAt, ZoneOffset.UTC))
                .build());
        return signed.firstMatchingHeader("Authorization").orElse("");
    }

    private static String host(WireRequest request) {
        String host = request.header("host");
        int colon = host == null ? -1 : host.lastIndexOf(':');
        return host == null ? "localhost" : colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
    }

    private static int port(WireRequest request) {
        String host = request.header("host");
        int colon = host == null ? -1 : host.lastIndexOf(':');
        return colon > 0 && !host.endsWith("]") ? Integer.parseInt(host.substring(colon + 1)) : -1;
    }

    /**
     * The credential scope and signature parts of an Authorization header. The signed headers stay as written
     * (names joined by ';') until a signature is checked: every call reads its scope, only strict mode its names.
     */
    public record Scope(String accessKeyId, String date, String region, String service, String terminator, String signedHeaders,
            String signature) {
        /** The names of the signed headers, in their order. */
        public List<String> signedHeaderNames() {
            return List.of(signedHeaders.split(";"));
        }
    }

}
