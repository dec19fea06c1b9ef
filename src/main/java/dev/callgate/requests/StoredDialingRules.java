package dev.callgate.requests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callgate.limits.edition.Edition;
import dev.callgate.limits.edition.Editions;
import dev.callgate.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * An instance's dialing rules in the store (table instance_dialing_rule): its edition's lists until a
 * request changes them, then the changed lists, written whole.
 */
public final class StoredDialingRules implements DialingRulesChange {
    private static final String COUNTRY = "COUNTRY";
    private static final String BLOCKED_PREFIX = "BLOCKED_PREFIX";
    /** Marks an instance whose lists a request changed, so that emptied lists stay empty. */
    private static final String CHANGED = "CHANGED";

    private final Editions editions;

    public StoredDialingRules(Editions editions) {
        this.editions = editions;
    }

    @Override
    public Rules rules(Connection c, String instanceId, String editionName) throws SQLException {
        List<String[]> rows = Sql.list(c, "select rule, rule_value from instance_dialing_rule where instance_id = ?",
                row -> new String[] {row.getString(1), row.getString(2)}, instanceId);
        if (rows.isEmpty()) {
            Edition edition = editions.named(editionName);
            return new Rules(new TreeSet<>(edition.callableCountries()), new TreeSet<>(edition.blockedPrefixes()));
        }
        Rules rules = new Rules(new TreeSet<>(), new TreeSet<>());
        for (String[] row : rows) {
            switch (row[0]) {
                case COUNTRY -> rules.countries().add(row[1]);
                case BLOCKED_PREFIX -> rules.blockedPrefixes().add(row[1]);
                default -> { }
            }
        }
        return rules;
    }

    @Override
    public void apply(Connection c, ChangeRequest request) throws SQLException {
        Rules rules = rules(c, request.instanceId(), request.details().path("edition").asText());
        switch (request.kind()) {
            case ADD_COUNTRIES -> rules.countries().addAll(strings(request.details().path("countries")));
            case REMOVE_COUNTRIES -> rules.countries().removeAll(strings(request.details().path("countries")));
            case LIFT_PREFIX -> rules.blockedPrefixes().remove(request.details().path("prefix").asText());
            default -> throw new IllegalStateException(request.kind() + " is not a dialing rule change");
        }
        Sql.update(c, "delete from instance_dialing_rule where instance_id = ?", request.instanceId());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {CHANGED, ""});
        rules.countries().forEach(country -> rows.add(new String[] {COUNTRY, country}));
        rules.blockedPrefixes().forEach(prefix -> rows.add(new String[] {BLOCKED_PREFIX, prefix}));
        Sql.batch(c, "insert into instance_dialing_rule (instance_id, rule, rule_value) values (?, ?, ?)", rows,
                row -> new Object[] {request.instanceId(), row[0], row[1]});
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
