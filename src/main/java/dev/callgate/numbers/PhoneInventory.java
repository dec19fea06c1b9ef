package dev.callgate.numbers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.callgate.Callgate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The numbers Callgate can offer, per country and type (DID or toll-free): a fixed sequence per
 * country, type and prefix, of numbers that libphonenumber accepts as valid numbers of that type in
 * that country (never a guess from the dialing code: docs/limits.md §5). Which of them are taken
 * is the store's business (table phone_number_taken).
 */
public final class PhoneInventory {
    /** How far a sequence runs: enough for any test suite, small enough to scan. */
    static final int SEQUENCE_LENGTH = 20_000;
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Set<PhoneNumberType> DID_TYPES = Set.of(PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE);

    /** Connect's two number types that the inventory stocks. */
    public enum Kind { DID, TOLL_FREE }

    /** A number as Connect describes it: E.164, its country (ISO 3166 alpha-2) and type. */
    public record Number(String e164, String country, Kind kind) {
    }

    /**
     * Up to {@code count} candidates of the sequence from position {@code from}, each with its position;
     * the caller filters out the taken ones and continues from the last position + 1.
     */
    public List<Candidate> candidates(String country, Kind kind, String prefix, int from, int count) {
        List<Candidate> found = new ArrayList<>();
        Optional<Sequence> sequence = sequence(country, kind, prefix);
        if (sequence.isEmpty()) {
            return found;
        }
        Sequence seq = sequence.get();
        for (int position = from; position < SEQUENCE_LENGTH && found.size() < count; position++) {
            String national = seq.at(position);
            if (national == null) {
                break;
            }
            Number number = classify("+" + seq.countryCode() + national).orElse(null);
            if (number != null && number.country().equals(country) && number.kind() == kind
                    && (prefix == null || number.e164().startsWith(prefix))) {
                found.add(new Candidate(position, number.e164()));
            }
        }
        return found;
    }

    /** A number of the sequence and its position in it. */
    public record Candidate(int position, String e164) {
    }

    /** The country and inventory type of an E.164 number, or empty when it is invalid or of another type. */
    public Optional<Number> classify(String e164) {
        if (e164 == null || !e164.matches("\\+[1-9]\\d{1,14}")) {
            return Optional.empty();
        }
        PhoneNumber parsed;
        try {
            parsed = UTIL.parse(e164, null);
        } catch (NumberParseException e) {
            return Optional.empty();
        }
        if (!UTIL.isValidNumber(parsed)) {
            return Optional.empty();
        }
        String region = UTIL.getRegionCodeForNumber(parsed);
        PhoneNumberType type = UTIL.getNumberType(parsed);
        Kind kind = DID_TYPES.contains(type) ? Kind.DID : type == PhoneNumberType.TOLL_FREE ? Kind.TOLL_FREE : null;
        if (region == null || kind == null || !UTIL.format(parsed, PhoneNumberFormat.E164).equals(e164)) {
            return Optional.empty();
        }
        return Optional.of(new Number(e164, region, kind));
    }

    /**
     * The sequence of a country, type and prefix: the national numbers that start with the prefix's
     * national digits and run upward from libphonenumber's example number of that type.
     */
    private Optional<Sequence> sequence(String country, Kind kind, String prefix) {
        PhoneNumber example = UTIL.getExampleNumberForType(country, kind == Kind.DID ? PhoneNumberType.FIXED_LINE : PhoneNumberType.TOLL_FREE);
        if (example == null) {
            return Optional.empty();
        }
        int countryCode = example.getCountryCode();
        String nsn = UTIL.getNationalSignificantNumber(example);
        String head = "";
        if (prefix != null) {
            String cc = "+" + countryCode;
            if (!prefix.startsWith(cc) && !cc.startsWith(prefix)) {
                return Optional.empty();
            }
            head = prefix.length() > cc.length() ? prefix.substring(cc.length()) : "";
            if (!head.matches("\\d*") || head.length() >= nsn.length()) {
                return Optional.empty();
            }
        }
        int free = nsn.length() - head.length();
        // Vary at most the last 7 digits, starting from the example's own.
        int varied = Math.min(free, 7);
        String fixed = head + nsn.substring(head.length(), nsn.length() - varied);
        long start = Long.parseLong(nsn.substring(nsn.length() - varied));
        long modulo = (long) Math.pow(10, varied);
        return Optional.of(new Sequence(countryCode, position -> position >= modulo ? null
                : fixed + String.format("%0" + varied + "d", (start + position) % modulo)));
    }

    private record Sequence(int countryCode, IntFunction<String> numbers) {
        String at(int position) {
            return numbers.apply(position);
        }
    }
}
