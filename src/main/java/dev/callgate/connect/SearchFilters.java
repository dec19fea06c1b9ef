package dev.callgate.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.aws.SdkJson;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.ResourceRow;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The filters of the Search* operations. Every family's SearchCriteria has the same JSON form (nested
 * OrConditions and AndConditions over a StringCondition on a named field) and every SearchFilter a
 * TagFilter of the same form, so one matcher reads them all from that form against a resource's
 * stored description; {@code fields} maps each searchable FieldName to a member path in it.
 */
final class SearchFilters {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SearchFilters() {
    }

    /** Rows that match both the criteria and the tag filter; either may be null (matches everything). */
    static Predicate<ResourceRow> matching(SdkPojo criteria, SdkPojo filter, Map<String, String> fields) {
        JsonNode criteriaJson = criteria == null ? null : tree(SdkJson.encodeToString(criteria));
        JsonNode tagFilter = filter == null ? null : tree(SdkJson.encodeToString(filter)).path("TagFilter");
        if (criteriaJson != null) {
            check(criteriaJson, fields);
        }
        return row -> {
            JsonNode body = tree(row.body());
            return (criteriaJson == null || criteria(criteriaJson, body, fields))
                    && (tagFilter == null || tagFilter.isMissingNode() || tags(tagFilter, body.path("Tags")));
        };
    }

    /** Refuses a FieldName or ComparisonType the family cannot search, before any row is read. */
    private static void check(JsonNode criteria, Map<String, String> fields) {
        criteria.path("OrConditions").forEach(c -> check(c, fields));
        criteria.path("AndConditions").forEach(c -> check(c, fields));
        JsonNode condition = criteria.path("StringCondition");
        if (!condition.isMissingNode()) {
            String field = condition.path("FieldName").asText();
            if (!fields.containsKey(field)) {
                throw ServiceError.invalidParameter("StringCondition.FieldName '" + field + "' is not searchable here; the fields are "
                        + String.join(", ", fields.keySet()) + ".");
            }
            String comparison = condition.path("ComparisonType").asText();
            if (!comparison.equals("STARTS_WITH") && !comparison.equals("CONTAINS") && !comparison.equals("EXACT")) {
                throw ServiceError.invalidParameter("StringCondition.ComparisonType must be STARTS_WITH, CONTAINS or EXACT; got '"
                        + comparison + "'.");
            }
        }
    }

    private static boolean criteria(JsonNode criteria, JsonNode body, Map<String, String> fields) {
        JsonNode or = criteria.path("OrConditions");
        if (or.size() > 0 && !anyMatch(or, body, fields)) {
            return false;
        }
        for (JsonNode and : criteria.path("AndConditions")) {
            if (!criteria(and, body, fields)) {
                return false;
            }
        }
        JsonNode condition = criteria.path("StringCondition");
        return condition.isMissingNode() || string(condition, body, fields);
    }

    private static boolean anyMatch(JsonNode alternatives, JsonNode body, Map<String, String> fields) {
        for (JsonNode alternative : alternatives) {
            if (criteria(alternative, body, fields)) {
                return true;
            }
        }
        return false;
    }

    private static boolean string(JsonNode condition, JsonNode body, Map<String, String> fields) {
        JsonNode value = body;
        for (String member : fields.get(condition.path("FieldName").asText()).split("\\.")) {
            value = value.path(member);
        }
        if (!value.isValueNode()) {
            return false;
        }
        String actual = value.asText();
        String wanted = condition.path("Value").asText();
        return switch (condition.path("ComparisonType").asText()) {
            case "EXACT" -> actual.equals(wanted);
            case "STARTS_WITH" -> actual.toLowerCase(Locale.ROOT).startsWith(wanted.toLowerCase(Locale.ROOT));
            default -> actual.toLowerCase(Locale.ROOT).contains(wanted.toLowerCase(Locale.ROOT));
        };
    }

    /** A TagFilter: any of OrConditions (each a list of tags, all required), all AndConditions, the TagCondition. */
    private static boolean tags(JsonNode filter, JsonNode tags) {
        JsonNode or = filter.path("OrConditions");
        if (or.size() > 0) {
            boolean any = false;
            for (JsonNode all : or) {
                any |= allTags(all, tags);
            }
            if (!any) {
                return false;
            }
        }
        JsonNode condition = filter.path("TagCondition");
        return allTags(filter.path("AndConditions"), tags) && (condition.isMissingNode() || tag(condition, tags));
    }

    private static boolean allTags(JsonNode conditions, JsonNode tags) {
        for (JsonNode condition : conditions) {
            if (!tag(condition, tags)) {
                return false;
            }
        }
        return true;
    }

    private static boolean tag(JsonNode condition, JsonNode tags) {
        JsonNode value = tags.path(condition.path("TagKey").asText());
        return !value.isMissingNode() && (!condition.has("TagValue") || value.asText().equals(condition.path("TagValue").asText()));
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not JSON: " + json, e);
        }
    }
}
