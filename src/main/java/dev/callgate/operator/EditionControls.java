package dev.callgate.operator;

import static dev.callgate.operator.OperatorApi.JSON;
import static dev.callgate.operator.OperatorApi.ok;
import static dev.callgate.operator.OperatorApi.readJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.aws.ErrorCode;
import dev.callgate.aws.ServiceError;
import dev.callgate.http.WireRequest;
import dev.callgate.http.WireResponse;
import dev.callgate.limits.edition.Edition;
import dev.callgate.limits.edition.Editions;
import dev.callgate.store.Sql;
import dev.callgate.store.Store;
import dev.callgate.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Editions in operation (docs/limits.md §1): the operator adds one and chooses the current one, which
 * new instances take; existing instances keep the edition they were created with. Both are stored, so
 * they outlive a restart (the stored choice wins over {@code --edition}).
 * <pre>
 * GET /_callgate/editions                 {"current":…, "editions":[…]}
 * PUT /_callgate/editions/{name}          an edition in the form of the built-in files; names are never reused
 * PUT /_callgate/editions/current         {"name": …}
 * </pre>
 */
final class EditionControls {
    private static final String CURRENT = "current";

    private final Store store;
    private final Editions editions;

    EditionControls(Store store, Editions editions) {
        this.store = store;
        this.editions = editions;
    }

    /** Loads the stored editions and choice into {@code editions}: at start. */
    void restore() {
        List<String> definitions = store.read(c -> Sql.list(c, "select definition from edition order by name", row -> row.getString(1)));
        definitions.forEach(definition -> editions.add(Editions.parse(parse(definition.getBytes(StandardCharsets.UTF_8)))));
        store.read(c -> Sql.one(c, "select name from edition_choice where id = 1", row -> row.getString(1))).ifPresent(editions::makeCurrent);
    }

    /** The answer to a route under /_callgate/editions, or null when the path is not one. */
    WireResponse handle(WireRequest request, List<String> path) {
        if (path.isEmpty() || !path.get(0).equals("editions")) {
            return null;
        }
        if (path.size() == 1 && request.method().equals("GET")) {
            return ok(list());
        }
        if (path.size() == 2 && request.method().equals("PUT")) {
            return ok(path.get(1).equals(CURRENT) ? makeCurrent(readJson(request.body())) : add(path.get(1), request.body()));
        }
        return null;
    }

    private ObjectNode add(String name, byte[] body) {
        JsonNode node = readJson(body);
        if (!node.isObject()) {
            throw ServiceError.invalidParameter("An edition is a JSON object, in the form of GET /_callgate/editions' entries' source files.");
        }
        ((ObjectNode) node).put("name", name);
        Edition edition;
        try {
            edition = Editions.parse(node);
        } catch (IllegalArgumentException e) {
            throw ServiceError.invalidParameter("Not a valid edition: " + e.getMessage());
        }
        if (editions.has(name)) {
            throw new ServiceError(ErrorCode.DUPLICATE_RESOURCE, "Edition " + name
                    + " exists: instances created under it keep its values, so it never changes. Give the new one another name.");
        }
        try {
            store.inTransaction(c -> Sql.update(c, "insert into edition (name, definition) values (?, ?)", name, node.toString()));
        } catch (StoreException e) {
            if (Store.isUniqueViolation(e.sqlException())) {
                throw new ServiceError(ErrorCode.DUPLICATE_RESOURCE, "Edition " + name + " exists.");
            }
            throw e;
        }
        editions.add(edition);
        return (ObjectNode) JSON.valueToTree(edition);
    }

    private ObjectNode makeCurrent(JsonNode body) {
        String name = body.path("name").asText("");
        if (!editions.has(name)) {
            throw ServiceError.invalidParameter("Unknown edition '" + name + "'; GET /_callgate/editions lists them.");
        }
        store.inTransaction(c -> {
            Sql.update(c, "delete from edition_choice where id = 1");
            return Sql.update(c, "insert into edition_choice (id, name) values (1, ?)", name);
        });
        editions.makeCurrent(name);
        return list();
    }

    ObjectNode list() {
        ObjectNode result = JSON.createObjectNode().put("current", editions.current().name());
        ArrayNode list = result.putArray("editions");
        for (Edition edition : editions.all()) {
            list.add(JSON.valueToTree(edition));
        }
        return result;
    }

    private static JsonNode parse(byte[] definition) {
        try {
            return JSON.readTree(definition);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
