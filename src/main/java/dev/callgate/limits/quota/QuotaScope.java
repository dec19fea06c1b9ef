package dev.callgate.limits.quota;

import java.util.Objects;

/**
 * Where a quota's usage is counted: an account in a region, an instance, or one routing profile of an
 * instance. The ledger stores it as a key ("account/region", "instance", "instance/ROUTING_PROFILE/profile");
 * only this class builds and reads those keys. A routing profile's key lies under its instance's, so
 * an instance's new applied value and its deletion reach its profiles' rows too.
 */
public final class QuotaScope {
    private static final String ROUTING_PROFILE = "ROUTING_PROFILE";

    private final Quota.Scope kind;
    private final String key;

    private QuotaScope(Quota.Scope kind, String key) {
        this.kind = kind;
        this.key = key;
    }

    public static QuotaScope account(String accountId, String region) {
        return new QuotaScope(Quota.Scope.ACCOUNT_REGION, accountId + "/" + region);
    }

    public static QuotaScope instance(String instanceId) {
        return new QuotaScope(Quota.Scope.INSTANCE, instanceId);
    }

    public static QuotaScope routingProfile(String instanceId, String profileId) {
        return new QuotaScope(Quota.Scope.ROUTING_PROFILE, instanceId + "/" + ROUTING_PROFILE + "/" + profileId);
    }

    /** The scope a stored key names. */
    static QuotaScope parse(String key) {
        String[] parts = key.split("/", 3);
        return switch (parts.length) {
            case 1 -> instance(key);
            case 2 -> account(parts[0], parts[1]);
            default -> routingProfile(parts[0], parts[2]);
        };
    }

    public Quota.Scope kind() {
        return kind;
    }

    /** The stored key. */
    String key() {
        return key;
    }

    /** A LIKE pattern matching the keys of the scopes inside this one (an instance's routing profiles). */
    String inside() {
        return key + "/%";
    }

    /** A routing profile's scope named below its instance, as the operator shows it: "ROUTING_PROFILE/{id}". */
    public String resource() {
        if (kind != Quota.Scope.ROUTING_PROFILE) {
            throw new IllegalStateException(key + " is not inside an instance");
        }
        return key.substring(key.indexOf('/') + 1);
    }

    /** How a refusal names the scope, e.g. "for instance 1234". */
    public String describe() {
        return switch (kind) {
            case ACCOUNT_REGION -> "for account " + key.replace("/", " in ");
            case INSTANCE -> "for instance " + key;
            case ROUTING_PROFILE -> "for routing profile " + key.substring(key.lastIndexOf('/') + 1);
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QuotaScope scope && scope.key.equals(key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key);
    }

    @Override
    public String toString() {
        return key;
    }
}
