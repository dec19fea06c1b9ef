package dev.callgate.calls;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.callgate.aws.ErrorCode;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.InstanceRow;
import dev.callgate.limits.edition.Edition;
import dev.callgate.limits.edition.Editions;
import dev.callgate.store.Sql;
import dev.callgate.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which destinations an instance may call (limits.md §5). A destination must be E.164; its country is
 * the region libphonenumber assigns to the whole number, never its dialing code alone ({@code +1 876…}
 * is Jamaica, {@code +1 809…} the Dominican Republic, {@code +1 787…} Puerto Rico, none of them the
 * United States); a number without a region is refused. Then the blocked prefixes apply to the
 * E.164 string as a literal prefix ({@code +447} whatever region a UK mobile range belongs to).
 *
 * <p>Each instance has its own rules, copied from the edition it was created with when it first dials
 * and then changed only for it (a request can add or remove a country or lift a prefix).
 */
public final class DialingPolicy {
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final Store store;
    private final Editions editions;

    public DialingPolicy(Store store, Editions editions) {
        this.store = store;
        this.editions = editions;
    }

    /** The destination, if the instance may call it; DestinationNotAllowedException saying why not otherwise. */
    public String check(InstanceRow instance, String destination) {
        check(rules(instance), instance.id(), destination);
        return destination;
    }

    /** Refuses a destination that {@code rules} do not allow, in the order country, then blocked prefix. */
    static void check(Rules rules, String instanceId, String destination) {
        String region = region(destination);
        if (region == null) {
            throw refused("Destination '" + destination + "' is not an E.164 number of a known country"
                    + " (+, country code, up to 15 digits); unknown destinations are refused.");
        }
        if (!rules.countries().contains(region)) {
            throw refused("Destination " + destination + " is in " + region + ", which is not among the countries instance "
                    + instanceId + " may call: " + String.join(", ", rules.countries()) + ".");
        }
        for (String prefix : rules.blockedPrefixes()) {
            if (destination.startsWith(prefix)) {
                throw refused("Destination " + destination + " starts with " + prefix + ", a prefix blocked for instance "
                        + instanceId + ".");
            }
        }
    }

    /** The region (ISO country) libphonenumber assigns to an E.164 number, or null when it assigns none. */
    static String region(String destination) {
        if (destination == null || !E164.matcher(destination).matches()) {
            return null;
        }
        try {
            PhoneNumber number = PHONES.parse(destination, null);
            String region = PHONES.getRegionCodeForNumber(number);
            return region == null || region.equals("ZZ") || region.equals("001") ? null : region;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** The instance's rules: its own row, written from its edition the first time they are needed. */
    public Rules rules(InstanceRow instance) {
        return store.read(c -> find(c, instance.id())).orElseGet(() -> {
            Edition edition = editions.named(instance.edition());
            return store.inTransaction(c -> {
                Sql.update(c, "insert into dialing_rules (instance_id, callable_countries, blocked_prefixes) values (?, ?, ?)"
                        + " on conflict do nothing", instance.id(), String.join(",", edition.callableCountries()),
                        String.join(",", edition.blockedPrefixes()));
                return find(c, instance.id()).orElseThrow();
            });
        });
    }

    static void dropInstance(Connection connection, String instanceId) throws SQLException {
        Sql.update(connection, "delete from dialing_rules where instance_id = ?", instanceId);
    }

    private static java.util.Optional<Rules> find(Connection connection, String instanceId) throws SQLException {
        return Sql.one(connection, "select callable_countries, blocked_prefixes from dialing_rules where instance_id = ?",
                rs -> new Rules(list(rs.getString(1)), list(rs.getString(2))), instanceId);
    }

    private static List<String> list(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static ServiceError refused(String message) {
        return new ServiceError(ErrorCode.DESTINATION_NOT_ALLOWED, message);
    }

    /** The countries an instance may call and the prefixes it may not. */
    public record Rules(List<String> countries, List<String> blockedPrefixes) {
    }
}
