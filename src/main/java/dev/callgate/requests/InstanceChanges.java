package dev.callgate.requests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.callgate.accounts.Caller;
import dev.callgate.aws.ServiceError;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.InstanceService;
import dev.callgate.json.Json;
import dev.callgate.servicequotas.ServiceQuotasErrors;
import dev.callgate.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The requests Service Quotas has no code for (docs/limits.md §5, §8), on one of the caller's
 * instances: add or remove callable countries, lift a blocked prefix, port US numbers. Each is checked
 * here, then goes through the same channel as a quota increase.
 */
public final class InstanceChanges {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern E164_PREFIX = Pattern.compile("\\+[1-9]\\d{0,14}");
    private static final Set<String> NO_PORTS_IN = Set.of("ap-northeast-1");
    private static final int MAX_ITEMS = 100;
    private static final ObjectMapper JSON = Json.MAPPER;

    private final Store store;
    private final InstanceService instances;
    private final DialingRulesChange dialing;
    private final ChangeRequests requests;
    private final Clock clock;

    public InstanceChanges(Store store, InstanceService instances, DialingRulesChange dialing, ChangeRequests requests, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.instances = instances;
        this.dialing = dialing;
        this.requests = requests;
    }

    /** Submits {@code {"kind": …, "countries"|"prefix"|"numbers": …}} for the caller's instance. */
    public ChangeRequest submit(Caller caller, String instanceRef, JsonNode body) {
        RequestKind kind = kind(body.path("kind").asText(""));
        InstanceRow instance = instances.find(caller, instanceRef);
        ObjectNode details = JSON.createObjectNode().put("edition", instance.edition());
        DialingRulesChange.Rules rules = store.read(c -> dialing.rules(c, instance.id(), instance.edition()));
        switch (kind) {
            case ADD_COUNTRIES, REMOVE_COUNTRIES -> {
                List<String> countries = countries(body.path("countries"));
                for (String country : countries) {
                    if (kind == RequestKind.ADD_COUNTRIES == rules.countries().contains(country)) {
                        throw illegal(country + (kind == RequestKind.ADD_COUNTRIES ? " is already" : " is not") + " callable from instance "
                                + instance.id() + "; its callable countries are " + rules.countries() + ".");
                    }
                }
                countries.forEach(details.putArray("countries")::add);
            }
            case LIFT_PREFIX -> {
                String prefix = body.path("prefix").asText("");
                if (!E164_PREFIX.matcher(prefix).matches()) {
                    throw illegal("prefix must be E.164: '+' and up to 15 digits, e.g. +447; got '" + prefix + "'.");
                }
                if (!rules.blockedPrefixes().contains(prefix)) {
                    throw illegal(prefix + " is not blocked on instance " + instance.id() + "; its blocked prefixes are "
                            + rules.blockedPrefixes() + ".");
                }
                details.put("prefix", prefix);
            }
            case PORT_NUMBERS -> {
                if (NO_PORTS_IN.contains(instance.region())) {
                    throw illegal("Numbers cannot be ported into instances in " + instance.region() + ".");
                }
                usNumbers(body.path("numbers")).forEach(details.putArray("numbers")::add);
                details.put("step", PortStep.SUBMITTED.name());
                details.putArray("steps").addObject().put("step", PortStep.SUBMITTED.name()).put("at", clock.instant().toString());
            }
            default -> throw illegal("kind must be ADD_COUNTRIES, REMOVE_COUNTRIES, LIFT_PREFIX or PORT_NUMBERS.");
        }
        return requests.submitChange(caller, instance, kind, details);
    }

    private static RequestKind kind(String name) {
        try {
            RequestKind kind = RequestKind.valueOf(name);
            if (kind != RequestKind.QUOTA_INCREASE) {
                return kind;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw illegal("kind must be ADD_COUNTRIES, REMOVE_COUNTRIES, LIFT_PREFIX or PORT_NUMBERS (a quota increase goes through"
                + " Service Quotas); got '" + name + "'.");
    }

    private static List<String> countries(JsonNode array) {
        Set<String> countries = new LinkedHashSet<>();
        for (String value : strings(array, "countries", "ISO 3166 country codes such as FR")) {
            String country = value.toUpperCase(Locale.ROOT);
            if (!PHONES.getSupportedRegions().contains(country)) {
                throw illegal("'" + value + "' is not an ISO 3166 country code that libphonenumber knows.");
            }
            countries.add(country);
        }
        return new ArrayList<>(countries);
    }

    /** The numbers in E.164, each one a valid US number as libphonenumber decides. */
    private static List<String> usNumbers(JsonNode array) {
        Set<String> numbers = new LinkedHashSet<>();
        for (String value : strings(array, "numbers", "E.164 US numbers such as +12025550123")) {
            try {
                Phonenumber.PhoneNumber number = PHONES.parse(value, null);
                String region = PHONES.getRegionCodeForNumber(number);
                if (!value.startsWith("+") || !PHONES.isValidNumber(number) || !"US".equals(region)) {
                    throw illegal("Only US numbers can be ported: " + value + " is "
                            + (region == null ? "not a valid number" : "a number of " + region) + ".");
                }
                numbers.add(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
            } catch (NumberParseException e) {
                throw illegal("'" + value + "' is not an E.164 number: " + e.getMessage());
            }
        }
        return new ArrayList<>(numbers);
    }

    private static List<String> strings(JsonNode array, String member, String what) {
        if (!array.isArray() || array.isEmpty() || array.size() > MAX_ITEMS) {
            throw illegal("\"" + member + "\" must be a list of 1 to " + MAX_ITEMS + " " + what + ".");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            if (!value.isTextual()) {
                throw illegal("\"" + member + "\" must hold strings: " + what + ".");
            }
            values.add(value.asText());
        }
        return values;
    }

    private static ServiceError illegal(String message) {
        return new ServiceError(ServiceQuotasErrors.ILLEGAL_ARGUMENT, message);
    }
}
