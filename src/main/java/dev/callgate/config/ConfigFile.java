package dev.callgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.accounts.AccessKey;
import dev.callgate.accounts.BillingEntity;
import dev.callgate.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON config file: the same option names as the flags ({@code "port"}, {@code "data-dir"}, ...)
 * plus what only a file can hold, the accounts with their billing entity and users' keys:
 * <pre>{"auth": "strict", "operator-token": "t",
 *  "accounts": [{"id": "111122223333", "billingEntity": "AWS",
 *                "users": [{"name": "alice", "accessKeyId": "AKIA...", "secretAccessKey": "..."}]}]}</pre>
 */
public final class ConfigFile {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Set<String> ACCOUNT_KEYS = Set.of("id", "billingEntity", "users");
    private static final Set<String> USER_KEYS = Set.of("name", "accessKeyId", "secretAccessKey");

    private final Path path;
    private final JsonNode root;

    private ConfigFile(Path path, JsonNode root) {
        this.path = path;
        this.root = root;
    }

    public static ConfigFile empty() {
        return new ConfigFile(null, JSON.createObjectNode());
    }

    public static ConfigFile read(Path file) {
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            if (root == null || !root.isObject()) {
                throw new IOException("not a JSON object");
            }
            return new ConfigFile(file, root);
        } catch (IOException e) {
            throw new IllegalArgumentException("Fix the config file " + file + " (or give another --config): " + FileProblem.describe(e), e);
        }
    }

    /** The file read, or null when there was none. */
    public Path path() {
        return path;
    }

    /**
     * Refuses a key that is neither one of {@code options} (flag names without dashes) nor "accounts",
     * and a key of an account or user that the format does not have: a misspelt key would otherwise be
     * ignored silently, and the server would start with the default it was meant to change.
     */
    public void checkKeys(Set<String> options) {
        Set<String> known = new TreeSet<>(options);
        known.add("accounts");
        check(root, known, "");
        for (JsonNode account : root.path("accounts")) {
            check(account, ACCOUNT_KEYS, "accounts[].");
            for (JsonNode user : account.path("users")) {
                check(user, USER_KEYS, "accounts[].users[].");
            }
        }
    }

    private void check(JsonNode node, Set<String> known, String where) {
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("Unknown key \"" + where + key + "\" in the config file " + path
                        + ": did you mean \"" + where + Spelling.nearest(key, known) + "\"?");
            }
        });
    }

    /** The value of an option, by its flag name without dashes, or null. */
    public String option(String name) {
        JsonNode value = root.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    public List<AccessKey> accessKeys() {
        List<AccessKey> keys = new ArrayList<>();
        for (JsonNode account : root.path("accounts")) {
            for (JsonNode user : account.path("users")) {
                keys.add(new AccessKey(user.path("accessKeyId").asText(), user.path("secretAccessKey").asText(),
                        account.path("id").asText(), user.path("name").asText()));
            }
        }
        return keys;
    }

    public Map<String, BillingEntity> billingEntities() {
        Map<String, BillingEntity> entities = new LinkedHashMap<>();
        for (JsonNode account : root.path("accounts")) {
            if (account.has("billingEntity")) {
                entities.put(account.path("id").asText(), BillingEntity.valueOf(account.path("billingEntity").asText()));
            }
        }
        return entities;
    }
}
