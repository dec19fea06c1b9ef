package dev.callgate.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.aws.SdkJson;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.ResourceRow;
import dev.callgate.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The filters of the Search* operations, read from their JSON form against a resource's stored
 * description. Every family's SearchCriteria nests OrConditions and AndConditions over a StringCondition
 * on a named field ({@code fields} maps each searchable FieldName to a member path), and may have members
 * of its own (a queue's QueueTypeCondition, a flow's TypeCondition...): {@code conditions} evaluates
 * those. A SearchFilter holds a TagFilter or an attribute filter (tag conditions, and the family's own
 * conditions). Any member that is given and that Callgate cannot evaluate is refused, naming it, before
 * any row is read: a search never ignores part of what was asked.
 */
final class SearchFilters {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final List<String> ATTRIBUTE_FILTERS = List.of("AttributeFilter", "FlowAttributeFilter", "UserAttributeFilter");

    private final Map<String, String> fields;
    private final Map<String, Condition> conditions;

    private SearchFilters(Map<String, String> fields, Map<String, Condition> conditions) {
        this.fields = fields;
        this.conditions = conditions;
    }

    /** A family's own criteria or attribute-filter member, by its JSON name. */
    interface Condition {
        /** Whether a resource's stored description matches the member's value. */
        boolean test(JsonNode value, JsonNode body);

        /** Refuses a value that cannot be evaluated; {@code member} is its path in the request. */
        default void check(String member, JsonNode value) {
        }

        /** A member whose value must equal the description's member at {@code path}. */
        static Condition equalTo(String path) {
            return (value, body) -> value.isValueNode() && value.asText().equals(at(body, path).asText());
        }
    }

    /** Rows that match both the criteria and the filter; either may be null (matches everything). */
    static Predicate<ResourceRow> matching(SdkPojo criteria, SdkPojo filter, Map<String, String> fields) {
        return matching(criteria, filter, fields, Map.of());
    }

    static Predicate<ResourceRow> matching(SdkPojo criteria, SdkPojo filter, Map<String, String> fields,
                                           Map<String, Condition> conditions) {
        SearchFilters search = new SearchFilters(fields, conditions);
        JsonNode criteriaJson = criteria == null ? null : tree(SdkJson.encodeToString(criteria));
        JsonNode filterJson = filter == null ? null : tree(SdkJson.encodeToString(filter));
        if (criteriaJson != null) {
            search.checkCriteria(criteriaJson, "SearchCriteria");
        }
        if (filterJson != null) {
            search.checkFilter(filterJson);
        }
        return row -> {
            JsonNode body = tree(row.body());
            return (criteriaJson == null || search.criteria(criteriaJson, body))
                    && (filterJson == null || search.filter(filterJson, body));
        };
    }

    /** Refuses a member, FieldName or ComparisonType the family cannot search. */
    private void checkCriteria(JsonNode criteria, String path) {
        for (Map.Entry<String, JsonNode> member : given(criteria)) {
            String name = member.getKey();
            switch (name) {
                case "OrConditions", "AndConditions" -> member.getValue().forEach(c -> checkCriteria(c, path + "." + name));
                case "StringCondition" -> checkString(member.getValue());
                default -> checkOwn(path + "." + name, member.getValue(), List.of("OrConditions", "AndConditions", "StringCondition"));
            }
        }
    }

    private void checkString(JsonNode condition) {
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

    private void checkFilter(JsonNode filter) {
        for (Map.Entry<String, JsonNode> member : given(filter)) {
            String name = member.getKey();
            if (ATTRIBUTE_FILTERS.contains(name)) {
                checkAttributes(member.getValue(), "SearchFilter." + name);
            } else if (!name.equals("TagFilter")) {
                throw cannotEvaluate("SearchFilter." + name, List.of("TagFilter"));
            }
        }
    }

    /** An attribute filter: OrConditions (each an and-condition), AndCondition, TagCondition, and the family's own. */
    private void checkAttributes(JsonNode filter, String path) {
        List<String> evaluated = List.of("OrConditions", "AndCondition", "TagCondition");
        for (Map.Entry<String, JsonNode> member : given(filter)) {
            String name = member.getKey();
            switch (name) {
                case "OrConditions" -> member.getValue().forEach(c -> checkAndCondition(c, path + ".OrConditions"));
                case "AndCondition" -> checkAndCondition(member.getValue(), path + ".AndCondition");
                case "TagCondition" -> { }
                default -> checkOwn(path + "." + name, member.getValue(), evaluated);
            }
        }
    }

    private void checkAndCondition(JsonNode condition, String path) {
        for (Map.Entry<String, JsonNode> member : given(condition)) {
            if (!member.getKey().equals("TagConditions")) {
                checkOwn(path + "." + member.getKey(), member.getValue(), List.of("TagConditions"));
            }
        }
    }

    private void checkOwn(String path, JsonNode value, List<String> evaluated) {
        Condition condition = conditions.get(path.substring(path.lastIndexOf('.') + 1));
        if (condition == null) {
            throw cannotEvaluate(path, evaluated);
        }
        condition.check(path, value);
    }

    private ServiceError cannotEvaluate(String path, List<String> evaluated) {
        List<String> members = new ArrayList<>(evaluated);
        members.addAll(new TreeSet<>(conditions.keySet()));
        return ServiceError.invalidParameter("Callgate cannot evaluate " + path + " in this search: its resources carry no"
                + " such data. Here it evaluates " + String.join(", ", members) + ".");
    }

    private boolean criteria(JsonNode criteria, JsonNode body) {
        for (Map.Entry<String, JsonNode> member : given(criteria)) {
            JsonNode value = member.getValue();
            boolean matches = switch (member.getKey()) {
                case "OrConditions" -> anyMatch(value, body);
                case "AndConditions" -> allMatch(value, body);
                case "StringCondition" -> string(value, body);
                default -> conditions.get(member.getKey()).test(value, body);
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    private boolean anyMatch(JsonNode alternatives, JsonNode body) {
        for (JsonNode alternative : alternatives) {
            if (criteria(alternative, body)) {
                return true;
            }
        }
        return false;
    }

    private boolean allMatch(JsonNode all, JsonNode body) {
        for (JsonNode each : all) {
            if (!criteria(each, body)) {
                return false;
            }
        }
        return true;
    }

    private boolean string(JsonNode condition, JsonNode body) {
        JsonNode value = at(body, fields.get(condition.path("FieldName").asText()));
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

    private boolean filter(JsonNode filter, JsonNode body) {
        for (Map.Entry<String, JsonNode> member : given(filter)) {
            boolean matches = member.getKey().equals("TagFilter") ? tags(member.getValue(), body.path("Tags"))
                    : attributes(member.getValue(), body);
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    /** An attribute filter: any of OrConditions, the AndCondition, the TagCondition and the family's own members, all. */
    private boolean attributes(JsonNode filter, JsonNode body) {
        for (Map.Entry<String, JsonNode> member : given(filter)) {
            JsonNode value = member.getValue();
            boolean matches = switch (member.getKey()) {
                case "OrConditions" -> anyAndCondition(value, body);
                case "AndCondition" -> andCondition(value, body);
                case "TagCondition" -> tag(value, body.path("Tags"));
                default -> conditions.get(member.getKey()).test(value, body);
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    private boolean anyAndCondition(JsonNode alternatives, JsonNode body) {
        for (JsonNode alternative : alternatives) {
            if (andCondition(alternative, body)) {
                return true;
            }
        }
        return false;
    }

    private boolean andCondition(JsonNode condition, JsonNode body) {
        for (Map.Entry<String, JsonNode> member : given(condition)) {
            boolean matches = member.getKey().equals("TagConditions") ? allTags(member.getValue(), body.path("Tags"))
                    : conditions.get(member.getKey()).test(member.getValue(), body);
            if (!matches) {
                return false;
            }
        }
        return true;
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

    /** The members of an object that were given: an empty list asks nothing. */
    private static List<Map.Entry<String, JsonNode>> given(JsonNode object) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            JsonNode value = member.getValue();
            if (!value.isNull() && !(value.isArray() && value.isEmpty())) {
                members.add(member);
            }
        }
        return members;
    }

    private static JsonNode at(JsonNode body, String path) {
        JsonNode value = body;
        for (String member : path.split("\\.")) {
            value = value.path(member);
        }
        return value;
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not JSON: " + json, e);
        }
    }
}
