package dev.callgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.accounts.AccessKey;
import dev.callgate.accounts.BillingEntity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON config file: the same option names as the flags ({@code "port"}, {@code "data-dir"}, ...)
 * plus what only a file can hold, the accounts with their billing entity and users' keys:
 * <pre>{"auth": "strict", "operator-token": "t",
 *  "accounts": [{"id": "111122223333", "billingEntity": "AWS",
 *                "users": [{"name": "alice", "accessKeyId": "AKIA...", "secretAccessKey": "..."}]}]}</pre>
 */
public final class ConfigFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;

    private ConfigFile(JsonNode root) {
        this.root = root;
    }

    public static ConfigFile empty() {
        return new ConfigFile(JSON.createObjectNode());
    }

    public static ConfigFile read(Path file) {
        try {
            return new ConfigFile(JSON.readTree(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read config file " + file, e);
        }
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
