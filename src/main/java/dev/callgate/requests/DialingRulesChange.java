package dev.callgate.requests;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.SortedSet;

/**
 * An instance's outbound dialing rules (docs/limits.md §5) as the request channel sees them: the
 * callable countries and blocked prefixes a request is checked against, and where an approved change
 * (countries added or removed, a prefix lifted) takes effect, in the approval's transaction.
 */
public interface DialingRulesChange {
    /** An instance's callable countries (ISO codes) and blocked prefixes (E.164). */
    record Rules(SortedSet<String> countries, SortedSet<String> blockedPrefixes) {
    }

    Rules rules(Connection connection, String instanceId, String edition) throws SQLException;

    void apply(Connection connection, ChangeRequest request) throws SQLException;
}
