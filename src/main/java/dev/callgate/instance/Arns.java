package dev.callgate.instance;


/** Amazon Connect ARNs, and the instance ids that callers may give as ARNs: an instance ARN arrives as one percent-encoded {@code {InstanceId}} path segment. */
public final class Arns {
    private static final String INSTANCE_MARK = ":instance/";

    private Arns() {
    }

    public static String instance(String region, String accountId, String instanceId) {
        return "arn:aws:connect:" + region + ":" + accountId + INSTANCE_MARK + instanceId;
    }

    public static String instance(InstanceRow instance) {
        return instance(instance.region(), instance.accountId(), instance.id());
    }

    /** A resource's ARN: under its instance's, except a phone number's, which belongs to the account. */
    public static String resource(InstanceRow instance, ResourceKind kind, String id) {
        if (kind == ResourceKind.PHONE_NUMBER) {
            return "arn:aws:connect:" + instance.region() + ":" + instance.accountId() + ":phone-number/" + id;
        }
        return instance(instance) + "/" + kind.arnSegment() + "/" + id;
    }

    /** The instance id in {@code idOrArn}: the value itself, or the id part of an instance (or sub-resource) ARN. */
    public static String instanceId(String idOrArn) {
        int mark = idOrArn.indexOf(INSTANCE_MARK);
        if (!idOrArn.startsWith("arn:") || mark < 0) {
            return idOrArn;
        }
        String rest = idOrArn.substring(mark + INSTANCE_MARK.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
