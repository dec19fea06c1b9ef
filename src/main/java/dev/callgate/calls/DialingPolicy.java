package dev.callgate.calls;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.callgate.aws.ErrorCode;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.InstanceRow;
import dev.callgate.requests.DialingRulesChange;
import dev.callgate.store.Store;
import java.util.regex.Pattern;

/**
 * Which destinations an instance may call (limits.md §5). A destination must be E.164; its country is
 * the region libphonenumber assigns to the whole number, never its dialing code alone ({@code +1 876…}
 * is Jamaica, {@code +1 809…} the Dominican Republic, {@code +1 787…} Puerto Rico, none of them the
 * United States); a number without a region is refused. Then the blocked prefixes apply to the
 * E.164 string as a literal prefix ({@code +447} whatever region a UK mobile range belongs to).
 *
 * <p>Each instance has its own rules: those of the edition it was created with, then changed only for it by
 * approved requests (a country added or removed, a prefix lifted).
 */
public final class DialingPolicy {
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final Store store;
    private final DialingRulesChange rules;

    public DialingPolicy(Store store, DialingRulesChange rules) {
        this.store = store;
        this.rules = rules;
    }

    /** The destination, if the instance may call it; DestinationNotAllowedException saying why not otherwise. */
    public String check(InstanceRow instance, String destination) {
        check(rules(instance), instance.id(), destination);
        return destination;
    }

    /** Refuses a destination that {@code rules} do not allow, in the order country, then blocked prefix. */
    static void check(DialingRulesChange.Rules rules, String instanceId, String destination) {
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

    /** The instance's rules: its edition's lists, as approved requests changed them. */
    public DialingRulesChange.Rules rules(InstanceRow instance) {
        return store.read(c -> rules.rules(c, instance.id(), instance.edition()));
    }

    private static ServiceError refused(String message) {
        return new ServiceError(ErrorCode.DESTINATION_NOT_ALLOWED, message);
    }

}
