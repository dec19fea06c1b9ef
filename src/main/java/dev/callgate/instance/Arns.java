package dev.callgate.instance;

import java.util.Optional;

/** Amazon Connect ARNs, and the instance ids that callers may give as ARNs: an instance ARN arrives as one percent-encoded {@code {InstanceId}} path segment. */
public final class Arns {
    /** Callgate's one partition: an ARN of another (aws-cn, aws-us-gov) names nothing here. */
    public static final String PARTITION = "aws";
    private static final String INSTANCE_MARK = ":instance/";

    private Arns() {
    }

    public static String instance(String region, String accountId, String instanceId) {
        return "arn:" + PARTITION + ":connect:" + region + ":" + accountId + INSTANCE_MARK + instanceId;
    }

    public static String instance(InstanceRow instance) {
        return instance(instance.region(), instance.accountId(), instance.id());
    }

    /** A resource's ARN: under its instance's, except a phone number's, which belongs to the account. */
    public static String resource(InstanceRow instance, ResourceKind kind, String id) {
        if (kind == ResourceKind.PHONE_NUMBER) {
            return "arn:" + PARTITION + ":connect:" + instance.region() + ":" + instance.accountId() + ":phone-number/" + id;
        }
        return instance(instance) + "/" + kind.arnSegment() + "/" + id;
    }

    /**
     * The instance id in {@code idOrArn}: the value itself, or the id part of an instance (or sub-resource)
     * ARN; empty when the ARN is of another partition, service, region or account than the caller's, as such
     * an instance is never the caller's.
     */
    public static Optional<String> instanceId(String idOrArn, String region, String accountId) {
        int mark = idOrArn.indexOf(INSTANCE_MARK);
        if (!idOrArn.startsWith("arn:") || mark < 0) {
            return Optional.of(idOrArn);
        }
        if (!idOrArn.substring(0, mark).equals("arn:" + PARTITION + ":connect:" + region + ":" + accountId)) {
            return Optional.empty();
        }
        String rest = idOrArn.substring(mark + INSTANCE_MARK.length());
        int slash = rest.indexOf('/');
        return Optional.of(slash < 0 ? rest : rest.substring(0, slash));
    }
}
