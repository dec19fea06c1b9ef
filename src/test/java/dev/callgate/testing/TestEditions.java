package dev.callgate.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.config.Settings;
import dev.callgate.limits.quota.Quota;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Editions for tests, written to a user editions file: the 2019 edition with some quotas changed and
 * throttling effectively off, so a suite can reach a quota in a handful of calls.
 */
public final class TestEditions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestEditions() {
    }

    /** Small per-instance quotas: each reachable in a few creates, with room for the defaults. */
    public static final Map<Quota, Long> SMALL = Map.ofEntries(
            Map.entry(Quota.USERS, 4L),
            Map.entry(Quota.PHONE_NUMBERS, 3L),
            Map.entry(Quota.QUEUES, 6L),
            Map.entry(Quota.QUEUES_PER_ROUTING_PROFILE, 5L),
            Map.entry(Quota.ROUTING_PROFILES, 4L),
            Map.entry(Quota.HOURS_OF_OPERATION, 4L),
            Map.entry(Quota.QUICK_CONNECTS, 3L),
            Map.entry(Quota.PROMPTS, 3L),
            Map.entry(Quota.AGENT_STATUSES, 5L),
            Map.entry(Quota.SECURITY_PROFILES, 7L),
            Map.entry(Quota.CONTACT_FLOWS, 3L),
            Map.entry(Quota.HIERARCHY_GROUPS, 6L),
            Map.entry(Quota.REPORTS, 5L),
            Map.entry(Quota.SCHEDULED_REPORTS, 2L),
            Map.entry(Quota.LAMBDA_FUNCTIONS, 3L),
            Map.entry(Quota.LEX_BOTS, 4L),
            Map.entry(Quota.FLOW_MODULES, 2L));

    /** Quotas for the races: a handful of slots each, so twice the room races in parallel in a moment. */
    public static final Map<Quota, Long> RACE = Map.ofEntries(
            Map.entry(Quota.USERS, 8L),
            Map.entry(Quota.PHONE_NUMBERS, 5L),
            Map.entry(Quota.QUEUES, 8L),
            Map.entry(Quota.QUEUES_PER_ROUTING_PROFILE, 6L),
            Map.entry(Quota.ROUTING_PROFILES, 6L),
            Map.entry(Quota.HOURS_OF_OPERATION, 6L),
            Map.entry(Quota.QUICK_CONNECTS, 5L),
            Map.entry(Quota.PROMPTS, 6L),
            Map.entry(Quota.AGENT_STATUSES, 7L),
            Map.entry(Quota.SECURITY_PROFILES, 9L),
            Map.entry(Quota.CONTACT_FLOWS, 5L),
            Map.entry(Quota.HIERARCHY_GROUPS, 5L),
            Map.entry(Quota.REPORTS, 10L),
            Map.entry(Quota.SCHEDULED_REPORTS, 3L),
            Map.entry(Quota.LAMBDA_FUNCTIONS, 5L),
            Map.entry(Quota.LEX_BOTS, 6L));

    /** Settings that make {@code name} (with these quota values) the current edition. */
    public static UnaryOperator<Settings> current(String name, Map<Quota, Long> quotas) {
        Path file = write(name, quotas);
        return settings -> settings.withEditionsFile(file).withEdition(name);
    }

    public static Path write(String name, Map<Quota, Long> quotas) {
        try (InputStream in = TestEditions.class.getResourceAsStream("/dev/callgate/editions/2019-09-30.json")) {
            ObjectNode edition = (ObjectNode) JSON.readTree(in);
            edition.put("name", name);
            edition.put("description", "Test edition " + name);
            ObjectNode values = (ObjectNode) edition.get("quotas");
            quotas.forEach((quota, value) -> values.put(quota.name(), value));
            ObjectNode unlimited = JSON.createObjectNode().put("rate", 1_000_000).put("burst", 1_000_000);
            ObjectNode throttle = JSON.createObjectNode();
            throttle.set("default", unlimited);
            throttle.set("operations", JSON.createObjectNode());
            edition.set("throttle", throttle);
            Path file = Files.createTempFile("callgate-edition-" + name, ".json");
            file.toFile().deleteOnExit();
            JSON.writeValue(file.toFile(), edition);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
