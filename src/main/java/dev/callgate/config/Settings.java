package dev.callgate.config;

import dev.callgate.Callgate;
import dev.callgate.accounts.AccessKey;
import dev.callgate.accounts.BillingEntity;
import dev.callgate.limits.throttle.RedisAddress;
import dev.callgate.limits.throttle.ThrottleMode;
import dev.callgate.requests.ApprovalPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a Callgate server is started with. Each value comes from a flag, an environment variable
 * ({@code CALLGATE_<NAME>}) or the config file, under the same name, in that order of precedence.
 * {@code throttleStore} is null unless the throttle's buckets live in Redis.
 */
public record Settings(
        int port,
        String bind,
        Path dataDir,
        String store,
        AuthMode auth,
        String edition,
        Path editionsFile,
        String operatorToken,
        List<AccessKey> accessKeys,
        Map<String, BillingEntity> billingEntities,
        ThrottleMode throttle,
        RedisAddress throttleStore,
        ClockMode clock,
        CallSettings calls,
        ApprovalPolicy approvalPolicy) {

    /** How AWS requests are authenticated: any key (lenient), or known keys with verified signatures (strict). */
    public enum AuthMode { LENIENT, STRICT }

    /** The server's one clock: the system's, or virtual time that only the operator API moves. */
    public enum ClockMode { SYSTEM, VIRTUAL }

    public Settings {
        if (auth == AuthMode.STRICT && (operatorToken == null || operatorToken.isBlank())) {
            // Strict mode without a token would leave the operator API (POST /_callgate/reset) open to anyone.
            throw new IllegalArgumentException("--auth strict needs an operator token: give --operator-token"
                    + " (or \"operator-token\" in the config file, or CALLGATE_OPERATOR_TOKEN), which the operator API then requires.");
        }
        accessKeys = List.copyOf(accessKeys);
        billingEntities = Map.copyOf(billingEntities);
    }

    /** Defaults for an embedded server on {@code dataDir}: what tests start from (SIP on a free port, see {@link CallSettings#forTests}). */
    public static Settings defaults(Path dataDir) {
        return new Settings(4599, "127.0.0.1", dataDir, null, AuthMode.LENIENT, null, null, null, List.of(), Map.of(),
                ThrottleMode.FAITHFUL, null, ClockMode.SYSTEM, CallSettings.forTests(), ApprovalPolicy.MANUAL);
    }

    public Settings withPort(int newPort) {
        return new Settings(newPort, bind, dataDir, store, auth, edition, editionsFile, operatorToken, accessKeys, billingEntities, throttle, throttleStore, clock, calls, approvalPolicy);
    }

    public Settings withStore(String newStore) {
        return new Settings(port, bind, dataDir, newStore, auth, edition, editionsFile, operatorToken, accessKeys, billingEntities, throttle, throttleStore, clock, calls, approvalPolicy);
    }

    public Settings withEdition(String newEdition) {
        return new Settings(port, bind, dataDir, store, auth, newEdition, editionsFile, operatorToken, accessKeys, billingEntities, throttle, throttleStore, clock, calls, approvalPolicy);
    }

    public Settings withEditionsFile(Path newEditionsFile) {
        return new Settings(port, bind, dataDir, store, auth, edition, newEditionsFile, operatorToken, accessKeys, billingEntities, throttle, throttleStore, clock, calls, approvalPolicy);
    }

    public Settings withStrictAuth(String newOperatorToken, List<AccessKey> keys) {
        return new Settings(port, bind, dataDir, store, AuthMode.STRICT, edition, editionsFile, newOperatorToken, keys, billingEntities, throttle, throttleStore, clock, calls, approvalPolicy);
    }

    public Settings withThrottle(ThrottleMode newThrottle) {
        return new Settings(port, bind, dataDir, store, auth, edition, editionsFile, operatorToken, accessKeys, billingEntities, newThrottle, throttleStore, clock, calls, approvalPolicy);
    }

    /** Buckets in Redis at {@code address} (null: where the store keeps them). */
    public Settings withThrottleStore(RedisAddress address) {
        return new Settings(port, bind, dataDir, store, auth, edition, editionsFile, operatorToken, accessKeys, billingEntities, throttle, address, clock, calls,
                approvalPolicy);
    }

    public Settings withCalls(CallSettings newCalls) {
        return new Settings(port, bind, dataDir, store, auth, edition, editionsFile, operatorToken, accessKeys, billingEntities, throttle, throttleStore, clock, newCalls, approvalPolicy);
    }

    public Settings withApprovalPolicy(ApprovalPolicy newPolicy) {
        return new Settings(port, bind, dataDir, store, auth, edition, editionsFile, operatorToken, accessKeys, billingEntities, throttle, throttleStore, clock, calls,
                newPolicy);
    }

    public Settings withClock(ClockMode newClock) {
        return new Settings(port, bind, dataDir, store, auth, edition, editionsFile, operatorToken, accessKeys, billingEntities, throttle, throttleStore, newClock, calls, approvalPolicy);
    }
}
