package dev.callgate.limits.edition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.Callgate;
import dev.callgate.config.FileProblem;
import dev.callgate.json.Json;
import dev.callgate.limits.quota.Quota;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The editions Callgate knows: the built-in ones shipped in the jar and any a user supplies in a
 * file, and which one is current (given to instances created from now on).
 */
public final class Editions {
    public static final String DEFAULT = "2019-09-30";
    private static final List<String> BUILT_IN = List.of("2017-03-28", "2019-09-30");
    private static final ObjectMapper JSON = Json.MAPPER;

    private final Map<String, Edition> loaded;
    private final String startCurrent;
    private final Map<String, Edition> byName;
    private volatile Edition current;

    private Editions(Map<String, Edition> loaded, String current) {
        this.loaded = Map.copyOf(loaded);
        this.startCurrent = current;
        this.byName = new ConcurrentHashMap<>(loaded);
        makeCurrent(current);
    }

    /** The built-in editions plus those in {@code userFile} (a JSON edition or an array of them), if given. */
    public static Editions load(Path userFile, String current) {
        Map<String, Edition> editions = new LinkedHashMap<>();
        for (String name : BUILT_IN) {
            try (InputStream in = Editions.class.getResourceAsStream("/dev/callgate/editions/" + name + ".json")) {
                Edition edition = parse(JSON.readTree(in));
                editions.put(edition.name(), edition);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (userFile != null) {
            for (Edition edition : readUserFile(userFile)) {
                editions.put(edition.name(), edition);
            }
        }
        return new Editions(editions, current == null ? DEFAULT : current);
    }

    public Edition current() {
        return current;
    }

    public Collection<Edition> all() {
        return new TreeMap<>(byName).values();
    }

    /** Adds an edition (or replaces one of the same name that no instance may use yet: the caller checks). */
    public void add(Edition edition) {
        byName.put(edition.name(), edition);
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** Makes an edition current: instances created from now on take its values; existing ones keep theirs. */
    public void makeCurrent(String name) {
        Edition edition = byName.get(name);
        if (edition == null) {
            throw new IllegalArgumentException("Unknown edition '" + name + "'; known editions: " + new TreeMap<>(byName).keySet());
        }
        current = edition;
    }

    /** Back to the editions and the current one of the start: the operator's reset for test suites. */
    public void reset() {
        byName.keySet().retainAll(loaded.keySet());
        byName.putAll(loaded);
        makeCurrent(startCurrent);
    }

    /** The edition an instance was created with; editions are never removed while instances use them. */
    public Edition named(String name) {
        Edition edition = byName.get(name);
        if (edition == null) {
            throw new IllegalStateException("An instance uses edition '" + name + "', which is not loaded");
        }
        return edition;
    }

    private static List<Edition> readUserFile(Path file) {
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            List<Edition> editions = new ArrayList<>();
            if (root.isArray()) {
                root.forEach(node -> editions.add(parse(node)));
            } else {
                editions.add(parse(root));
            }
            return editions;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Fix the editions file " + file + ", or drop --editions-file: " + FileProblem.describe(e), e);
        }
    }

    /** An edition from its JSON form (the form of the built-in files); IllegalArgumentException when it lacks a quota or a name. */
    public static Edition parse(JsonNode node) {
        Map<Quota, Long> quotas = new EnumMap<>(Quota.class);
        node.path("quotas").fields().forEachRemaining(e -> quotas.put(Quota.valueOf(e.getKey()), e.getValue().asLong()));
        if (node.path("name").asText("").isBlank()) {
            throw new IllegalArgumentException("An edition needs a name.");
        }
        JsonNode throttle = node.path("throttle");
        Map<String, Edition.Rate> operations = new LinkedHashMap<>();
        throttle.path("operations").fields().forEachRemaining(e -> operations.put(e.getKey(), rate(e.getValue())));
        return new Edition(
                node.path("name").asText(),
                node.path("description").asText(""),
                strings(node.path("regions")),
                quotas,
                new Edition.ThrottleRates(rate(throttle.path("default")), operations),
                strings(node.path("callableCountries")),
                strings(node.path("blockedPrefixes")));
    }

    private static Edition.Rate rate(JsonNode node) {
        return new Edition.Rate(node.path("rate").asLong(), node.path("burst").asLong());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
