package dev.callgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callgate.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code callgate requests list|approve|deny|advance}: the operator's side of the request channel,
 * against a running server's operator API. Each option can also come from CALLGATE_ENDPOINT,
 * CALLGATE_OPERATOR_TOKEN and the config file, like the server's.
 */
final class RequestsCommand {
    static final Setting ENDPOINT = Setting.option("endpoint", "<url>", "http://127.0.0.1:4599", "The server.");
    static final Setting OPERATOR_TOKEN = Setting.option("operator-token", "<token>", "The operator token of a strict-mode server.");
    /** Where the server is: the options every requests command takes, and the only ones a config file may give them. */
    static final List<Setting> SERVER = List.of(ENDPOINT, OPERATOR_TOKEN);

    static final Command GROUP = new CommandGroup("requests", "List and decide limit requests on a running Callgate.", null,
            List.of(new ListRequests(), new Approve(), new Deny(), new Advance()));

    private RequestsCommand() {
    }

    /** Where the server is and the operator's token. */
    record Server(String endpoint, String operatorToken) {
        static Server of(Arguments arguments) {
            return new Server(arguments.value(ENDPOINT), arguments.value(OPERATOR_TOKEN));
        }

        /** Sends an operator call; a refusal is a failed command naming the server's error. */
        JsonNode send(String method, String path, JsonNode body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.replaceAll("/+$", "") + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (operatorToken != null) {
                request.header("Authorization", "Bearer " + operatorToken);
            }
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
                JsonNode answer = Json.MAPPER.readTree(response.body());
                if (response.statusCode() != 200) {
                    throw new Refused(answer.path("__type").asText("HTTP " + response.statusCode()) + ": " + answer.path("Message").asText(""));
                }
                return answer;
            } catch (IOException e) {
                throw new Refused("Cannot reach Callgate at " + endpoint + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Refused("Interrupted");
            }
        }
    }

    /** A refusal by the server, or no server: printed, exit code 1. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** Runs a subcommand's call and prints its outcome; a refusal prints to stderr and exits 1. */
    abstract static class Call extends ParsedCommand {
        private final List<Setting> settings;

        Call(String name, String summary, Setting... own) {
            super(name, summary);
            this.settings = Stream.concat(Stream.of(own), SERVER.stream()).toList();
        }

        @Override
        List<Setting> settings() {
            return settings;
        }

        @Override
        int run(Arguments arguments, Invocation invocation) {
            try {
                print(invocation.out(), answer(Server.of(arguments), arguments));
                invocation.out().flush();
                return 0;
            } catch (Refused e) {
                invocation.err().println(e.getMessage());
                invocation.err().flush();
                return 1;
            }
        }

        abstract JsonNode answer(Server server, Arguments arguments);

        void print(PrintWriter out, JsonNode request) {
            out.printf("%s %s %s%s%n", request.path("id").asText(), request.path("status").asText(), request.path("kind").asText(),
                    request.path("reason").isTextual() ? " (" + request.path("reason").asText() + ")" : "");
        }
    }

    /** A call about one request, named by its id after the command. */
    abstract static class RequestCall extends Call {
        RequestCall(String name, String summary, Setting... own) {
            super(name, summary, own);
        }

        @Override
        List<String> parameters() {
            return List.of("<request-id>");
        }
    }

    static final class ListRequests extends Call {
        static final Setting ACCOUNT = Setting.option("account", "<account-id>", "Only this account's.");
        static final Setting STATUS = Setting.option("status", "<status>", "Only those with this status (PENDING, CASE_OPENED, APPROVED, …).");
        static final Setting KIND = Setting.option("kind", "<kind>",
                "Only this kind (QUOTA_INCREASE, ADD_COUNTRIES, REMOVE_COUNTRIES, LIFT_PREFIX, PORT_NUMBERS).");
        static final Setting PAGE_SIZE = Setting.option("page-size", "<n>", "1000",
                "Requests per call to the server, 1–1000; every page is listed.");

        ListRequests() {
            super("list", "List requests, oldest first (every page).", ACCOUNT, STATUS, KIND, PAGE_SIZE);
        }

        /** Every page's requests, in one {"requests": […]}. */
        @Override
        JsonNode answer(Server server, Arguments arguments) {
            ObjectNode all = Json.MAPPER.createObjectNode();
            ArrayNode requests = all.putArray("requests");
            String token = null;
            do {
                JsonNode page = server.send("GET", "/_callgate/requests?" + query(arguments, token), null);
                requests.addAll((ArrayNode) page.path("requests"));
                token = page.path("nextToken").isTextual() ? page.path("nextToken").asText() : null;
            } while (token != null);
            return all;
        }

        private static String query(Arguments arguments, String token) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("account", arguments.value(ACCOUNT));
            query.put("status", arguments.value(STATUS));
            query.put("kind", arguments.value(KIND));
            query.put("limit", Integer.toString(arguments.wholeNumber(PAGE_SIZE)));
            query.put("nextToken", token);
            return query.entrySet().stream().filter(e -> e.getValue() != null)
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        }

        /** One request a line; KIND is as wide as the longest kind, REMOVE_COUNTRIES. */
        private static final String ROW = "%-32s  %-12s  %-15s  %-16s  %-20s  %s%n";

        @Override
        void print(PrintWriter out, JsonNode answer) {
            out.printf(ROW, "ID", "ACCOUNT", "STATUS", "KIND", "QUOTA", "WANTED");
            for (JsonNode r : answer.path("requests")) {
                String quota = r.path("quotaCode").isTextual() ? r.path("quotaCode").asText() : "";
                String wanted = r.path("desiredValue").isNumber() ? r.path("desiredValue").asLong() + " (now " + r.path("currentValue").asLong() + ")"
                        : r.path("details").toString();
                out.printf(ROW, r.path("id").asText(), r.path("accountId").asText(),
                        r.path("status").asText(), r.path("kind").asText(), quota, wanted);
            }
        }
    }

    static final class Approve extends RequestCall {
        static final Setting REASON = Setting.option("reason", "<reason>", "Why (optional).");

        Approve() {
            super("approve", "Approve a request: what it asks for applies at once.", REASON);
        }

        @Override
        JsonNode answer(Server server, Arguments arguments) {
            return server.send("POST", "/_callgate/requests/" + arguments.parameter(0) + "/approve", reason(arguments.value(REASON)));
        }
    }

    static final class Deny extends RequestCall {
        static final Setting REASON = Setting.option("reason", "<reason>", "Why (required).");

        Deny() {
            super("deny", "Deny a request: nothing changes.", REASON);
        }

        @Override
        JsonNode answer(Server server, Arguments arguments) {
            return server.send("POST", "/_callgate/requests/" + arguments.parameter(0) + "/deny", reason(arguments.required(REASON)));
        }
    }

    static final class Advance extends RequestCall {
        static final Setting STEP = Setting.option("step", "<step>", "The step to go to (default: the usual next one).");
        static final Setting PORT_DATE = Setting.option("port-date", "<yyyy-mm-dd>", "The port date, with PORT_DATE_SET.");

        Advance() {
            super("advance", "Move a port to its next step (or --step), e.g. PORT_DATE_SET with --port-date.", STEP, PORT_DATE);
        }

        @Override
        JsonNode answer(Server server, Arguments arguments) {
            ObjectNode body = reason(null);
            if (arguments.value(STEP) != null) {
                body.put("step", arguments.value(STEP));
            }
            if (arguments.value(PORT_DATE) != null) {
                body.put("portDate", arguments.value(PORT_DATE));
            }
            return server.send("POST", "/_callgate/requests/" + arguments.parameter(0) + "/advance", body);
        }
    }

    private static ObjectNode reason(String reason) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }
}
