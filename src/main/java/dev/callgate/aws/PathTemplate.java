package dev.callgate.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An operation's URI template from the SDK model, e.g. {@code /queues/{InstanceId}/{QueueId}}. */
public final class PathTemplate {
    private final String template;
    private final List<String> segments;
    private final int literals;

    PathTemplate(String template) {
        int queryStart = template.indexOf('?');
        this.template = queryStart < 0 ? template : template.substring(0, queryStart);
        this.segments = new ArrayList<>();
        for (String segment : this.template.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        this.literals = (int) segments.stream().filter(s -> !isVariable(s)).count();
    }

    /** The path parameters of {@code path} (already split and decoded), or null when it does not match. */
    Map<String, String> match(List<String> path) {
        if (path.size() != segments.size()) {
            return null;
        }
        // Every operation of the method is tried in turn: compare the literals before building anything.
        for (int i = 0; i < segments.size(); i++) {
            if (!isVariable(segments.get(i)) && !segments.get(i).equals(path.get(i))) {
                return null;
            }
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (isVariable(segment)) {
                params.put(segment.substring(1, segment.length() - 1).replace("+", ""), path.get(i));
            }
        }
        return params;
    }

    /** How many segments the paths it matches have. */
    int segments() {
        return segments.size();
    }

    /** Templates with more literal segments are tried first, so {@code /instance/{Id}/lex-bots} wins. */
    int literals() {
        return literals;
    }

    @Override
    public String toString() {
        return template;
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }
}
