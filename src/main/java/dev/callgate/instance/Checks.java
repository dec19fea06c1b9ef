package dev.callgate.instance;

import dev.callgate.aws.ServiceError;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Member checks shared by the resource families; each refusal names the member. */
public final class Checks {
    private Checks() {
    }

    /** A required name: not blank, at most {@code max} characters. */
    public static String name(String member, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ServiceError.invalidParameter(member + " must not be empty.");
        }
        return length(member, value, max);
    }

    public static String length(String member, String value, int max) {
        if (value != null && value.length() > max) {
            throw ServiceError.invalidParameter(member + " is " + value.length() + " characters long; at most " + max + " are allowed.");
        }
        return value;
    }

    public static int range(String member, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            throw ServiceError.invalidParameter(member + " must be between " + min + " and " + max + "; got " + value + ".");
        }
        return value;
    }

    /** The distinct values of a list, refusing repeats, an empty list when required, and more than {@code max}. */
    public static List<String> distinct(String member, Collection<String> values, int min, int max) {
        List<String> list = values == null ? List.of() : List.copyOf(values);
        if (list.size() < min || list.size() > max) {
            throw ServiceError.invalidParameter(member + " must hold between " + min + " and " + max + " values; got " + list.size() + ".");
        }
        Set<String> seen = new HashSet<>();
        for (String value : list) {
            if (!seen.add(value)) {
                throw ServiceError.invalidParameter(member + " names " + value + " more than once.");
            }
        }
        return list;
    }

    /** Known enum value: the SDK turns unknown strings into UNKNOWN_TO_SDK_VERSION (or null when absent). */
    public static <E extends Enum<E>> E known(String member, E value, String raw) {
        if (value == null || value.name().equals("UNKNOWN_TO_SDK_VERSION")) {
            throw ServiceError.invalidParameter(member + " '" + raw + "' is not a valid value.");
        }
        return value;
    }

    /** Tags as given (an absent map is empty), within Connect's tag rules. */
    public static Map<String, String> tags(Map<String, String> tags, boolean present) {
        if (!present || tags == null) {
            return Map.of();
        }
        if (tags.size() > 50) {
            throw ServiceError.invalidParameter("A resource may have at most 50 tags; the request has " + tags.size() + ".");
        }
        tags.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > 128 || key.startsWith("aws:")) {
                throw ServiceError.invalidParameter("Tag key '" + key + "' is not valid: 1 to 128 characters, not starting with 'aws:'.");
            }
            if (value.length() > 256) {
                throw ServiceError.invalidParameter("The value of tag '" + key + "' is longer than 256 characters.");
            }
        });
        return tags;
    }
}
