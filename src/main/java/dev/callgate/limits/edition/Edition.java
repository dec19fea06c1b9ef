package dev.callgate.limits.edition;

import dev.callgate.limits.quota.Quota;
import java.util.List;
import java.util.Map;

/**
 * A dated set of defaults (docs/limits.md §1). An instance takes its edition's per-instance values at
 * creation and keeps them; the edition itself is data, loaded from a JSON file.
 */
public record Edition(
        String name,
        String description,
        List<String> regions,
        Map<Quota, Long> quotas,
        ThrottleRates throttle,
        List<String> callableCountries,
        List<String> blockedPrefixes) {

    public Edition {
        for (Quota quota : Quota.values()) {
            if (!quotas.containsKey(quota)) {
                throw new IllegalArgumentException("Edition " + name + " has no value for quota " + quota);
            }
        }
        regions = List.copyOf(regions);
        quotas = Map.copyOf(quotas);
        callableCountries = List.copyOf(callableCountries);
        blockedPrefixes = List.copyOf(blockedPrefixes);
    }

    public long quota(Quota quota) {
        return quotas.get(quota);
    }

    public boolean hasRegion(String region) {
        return regions.contains(region);
    }

    /** API rate limits: a default pair, and the operations that have their own (limits.md §6). */
    public record ThrottleRates(Rate defaults, Map<String, Rate> operations) {
        public ThrottleRates {
            operations = Map.copyOf(operations);
        }

        public Rate of(String operation) {
            return operations.getOrDefault(operation, defaults);
        }
    }

    /** RateLimit tokens per second, BurstLimit tokens of capacity. */
    public record Rate(long rate, long burst) {
    }
}
