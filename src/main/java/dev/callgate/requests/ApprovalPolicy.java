package dev.callgate.requests;

import java.util.Locale;

/**
 * What happens to a request when it is submitted (docs/limits.md §7), from the setting
 * {@code approval-policy}:
 * <ul>
 * <li>{@code manual} (the default): every request stays PENDING until an operator decides;</li>
 * <li>{@code auto}: every request is approved at once (a port is opened as a case: its steps are the operator's);</li>
 * <li>{@code auto-up-to=Nx[,deny-above=Mx]}: a quota increase up to N times the current edition's default is
 * approved at once, one above M times it is denied, anything between (and every other kind of request) opens a
 * case for an operator.</li>
 * </ul>
 */
public record ApprovalPolicy(Mode mode, double upTo, double denyAbove) {
    public static final ApprovalPolicy MANUAL = new ApprovalPolicy(Mode.MANUAL, 0, Double.POSITIVE_INFINITY);

    public enum Mode { MANUAL, AUTO, GRADED }

    /** What the policy does with a new request. */
    public enum Decision { KEEP_PENDING, APPROVE, OPEN_CASE, DENY }

    public static ApprovalPolicy parse(String text) {
        String value = text == null ? "manual" : text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("manual")) {
            return MANUAL;
        }
        if (value.equals("auto")) {
            return new ApprovalPolicy(Mode.AUTO, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        double upTo = Double.NaN;
        double denyAbove = Double.POSITIVE_INFINITY;
        for (String part : value.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("auto-up-to")) {
                upTo = factor(pair[1], text);
            } else if (pair.length == 2 && pair[0].equals("deny-above")) {
                denyAbove = factor(pair[1], text);
            } else {
                throw invalid(text);
            }
        }
        if (Double.isNaN(upTo) || denyAbove < upTo) {
            throw invalid(text);
        }
        return new ApprovalPolicy(Mode.GRADED, upTo, denyAbove);
    }

    private static double factor(String text, String policy) {
        if (!text.endsWith("x")) {
            throw invalid(policy);
        }
        try {
            double factor = Double.parseDouble(text.substring(0, text.length() - 1));
            if (factor >= 1 && Double.isFinite(factor)) {
                return factor;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw invalid(policy);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("approval policy must be manual, auto or auto-up-to=Nx[,deny-above=Mx] (N, M >= 1, M >= N), not '"
                + text + "'");
    }

    /** The decision on a new request; {@code defaultValue} is the edition's default of an increase's quota. */
    Decision decide(ChangeRequest request, double defaultValue) {
        return switch (mode) {
            case MANUAL -> Decision.KEEP_PENDING;
            case AUTO -> request.kind() == RequestKind.PORT_NUMBERS ? Decision.OPEN_CASE : Decision.APPROVE;
            case GRADED -> graded(request, defaultValue);
        };
    }

    private Decision graded(ChangeRequest request, double defaultValue) {
        if (request.kind() != RequestKind.QUOTA_INCREASE) {
            return Decision.OPEN_CASE;
        }
        double desired = request.desiredValue();
        if (desired > denyAbove * defaultValue) {
            return Decision.DENY;
        }
        return desired <= upTo * defaultValue ? Decision.APPROVE : Decision.OPEN_CASE;
    }

    /** Why the policy decided so, as the request's reason. */
    String reason(Decision decision) {
        return switch (decision) {
            case KEEP_PENDING -> null;
            case APPROVE -> "Approved by the approval policy " + this + ".";
            case OPEN_CASE -> "A case is open for an operator (approval policy " + this + ").";
            case DENY -> "Denied by the approval policy " + this + ": the desired value is above " + format(denyAbove)
                    + " times the default.";
        };
    }

    @Override
    public String toString() {
        return switch (mode) {
            case MANUAL -> "manual";
            case AUTO -> "auto";
            case GRADED -> "auto-up-to=" + format(upTo) + "x" + (Double.isInfinite(denyAbove) ? "" : ",deny-above=" + format(denyAbove) + "x");
        };
    }

    private static String format(double factor) {
        return factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor);
    }
}
