package dev.callgate.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The model's constraints on each member (length, size, range, pattern, enum), read from a table that
 * tools/generate-constraints.py writes from the service model: the Java SDK carries none at run time.
 * Keys are {@code shape.member}, with {@code .member}, {@code .key} and {@code .value} for the elements of
 * lists and maps; shapes compare without case. Patterns are compiled once, and only tried on values whose
 * length already passed, with a bounded number of steps, so no input makes a check run away.
 */
final class MemberRules {
    /** The table's text, by shape (lower case), then member key. */
    private final Map<String, Map<String, String>> textByShape = new HashMap<>();
    /**
     * A shape's rules, parsed at its first check: parsing all 1,600 and compiling their patterns at start took
     * 50-60 ms of a start's CPU (bench/journal.md, "The start: its poller and its CPU").
     */
    private final Map<String, Map<String, Rule>> byShape = new ConcurrentHashMap<>();

    MemberRules(String resource) {
        Properties table = new Properties();
        try (InputStream in = MemberRules.class.getResourceAsStream(resource)) {
            table.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        table.forEach((key, rules) -> {
            String name = (String) key;
            int dot = name.indexOf('.');
            textByShape.computeIfAbsent(name.substring(0, dot).toLowerCase(Locale.ROOT), s -> new HashMap<>())
                    .put(name.substring(dot + 1), (String) rules);
        });
    }

    /** The rules of one shape's members, by member key ({@code Name}, {@code Name.member}, …). */
    Map<String, Rule> of(String shape) {
        String key = shape.toLowerCase(Locale.ROOT);
        Map<String, Rule> rules = byShape.get(key);   // a plain read once parsed: computeIfAbsent may lock a bin
        if (rules != null) {
            return rules;
        }
        Map<String, String> text = textByShape.get(key);
        return text == null ? Map.of() : byShape.computeIfAbsent(key, s -> parsed(text));
    }

    private static Map<String, Rule> parsed(Map<String, String> text) {
        Map<String, Rule> rules = new HashMap<>();
        text.forEach((member, rule) -> rules.put(member, Rule.parse(rule)));
        return rules;
    }

    /** One member's rules; bounds are null where the model sets none. */
    record Rule(Long min, Long max, List<String> allowed, Pattern pattern, String patternText) {
        private static final long STEPS_PER_CHAR = 256;

        static Rule parse(String text) {
            Long min = null;
            Long max = null;
            List<String> allowed = null;
            String pattern = null;
            // A pattern may hold ';', so it is always the last rule.
            int at = text.indexOf("pattern=");
            if (at >= 0) {
                pattern = text.substring(at + "pattern=".length());
                text = text.substring(0, at);
            }
            for (String rule : text.split(";")) {
                if (rule.startsWith("enum=")) {
                    allowed = List.of(rule.substring(5).split("\\|"));
                } else if (rule.contains("=")) {
                    String bounds = rule.substring(rule.indexOf('=') + 1);
                    int dots = bounds.indexOf("..");
                    min = dots == 0 ? null : Long.valueOf(bounds.substring(0, dots));
                    max = dots + 2 == bounds.length() ? null : Long.valueOf(bounds.substring(dots + 2));
                }
            }
            return new Rule(min, max, allowed, pattern == null ? null : Pattern.compile(pattern), pattern);
        }

        /** Throws the refusal naming {@code path} and the bound when {@code value} breaks this rule. */
        void check(String path, Object value) {
            if (value instanceof String text) {
                requireWithin(path, text.codePointCount(0, text.length()), "characters long");
                if (allowed != null && !allowed.contains(text)) {
                    throw refusal("Member " + path + " must be one of " + String.join(", ", allowed) + "; got '" + abbreviate(text) + "'.");
                }
                if (pattern != null && !matches(text)) {
                    throw refusal("Member " + path + " '" + abbreviate(text) + "' does not match the pattern " + patternText + ".");
                }
            } else if (value instanceof Collection<?> list) {
                requireWithin(path, list.size(), "elements");
            } else if (value instanceof Map<?, ?> map) {
                requireWithin(path, map.size(), "entries");
            } else if (value instanceof Number number && !(value instanceof Double || value instanceof Float)) {
                requireWithin(path, number.longValue(), null);
            }
        }

        private void requireWithin(String path, long measure, String unit) {
            boolean low = min != null && measure < min;
            boolean high = max != null && measure > max;
            if (low || high) {
                String bound = min == null ? "at most " + max : max == null ? "at least " + min : min + " to " + max;
                throw refusal(unit == null ? "Member " + path + " is " + measure + "; the model allows " + bound + "."
                        : "Member " + path + " is " + measure + " " + unit + "; the model allows " + bound + ".");
            }
        }

        private boolean matches(String text) {
            try {
                return pattern.matcher(new Budgeted(text, STEPS_PER_CHAR * (text.length() + 64))).find();
            } catch (Budgeted.Exhausted e) {
                return false;
            }
        }

        private static ServiceError refusal(String message) {
            return ServiceError.invalidParameter(message);
        }

        private static String abbreviate(String text) {
            return text.length() <= 60 ? text : text.substring(0, 57) + "...";
        }
    }

    /** The text a pattern reads, which stops the match once it has read too many characters (backtracking). */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private long budget;

        Budgeted(String text, long budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if (--budget < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(start, end);
        }

        @Override
        public String toString() {
            return text;
        }

        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super(null, null, false, false);
            }
        }
    }
}
