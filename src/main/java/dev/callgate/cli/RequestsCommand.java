package dev.callgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code callgate requests list|approve|deny|advance}: the operator's side of the request channel,
 * against a running server's operator API. Each option can also come from CALLGATE_ENDPOINT,
 * CALLGATE_OPERATOR_TOKEN and the config file, like the server's.
 */
@Command(name = "requests", mixinStandardHelpOptions = true, description = "List and decide limit requests on a running Callgate.",
        subcommands = {RequestsCommand.List.class, RequestsCommand.Approve.class, RequestsCommand.Deny.class, RequestsCommand.Advance.class})
final class RequestsCommand implements Runnable {
    private static final ObjectMapper JSON = Json.MAPPER;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the server is and the operator's token. */
    static final class Server {
        @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:4599", description = "The server (default ${DEFAULT-VALUE}).")
        String endpoint;

        @Option(names = "--operator-token", description = "The operator token of a strict-mode server.")
        String operatorToken;

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
                JsonNode answer = JSON.readTree(response.body());
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
    abstract static class Call implements java.util.concurrent.Callable<Integer> {
        @Mixin
        Server server;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try {
                print(spec.commandLine().getOut(), answer());
                return 0;
            } catch (Refused e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
        }

        abstract JsonNode answer();

        void print(PrintWriter out, JsonNode request) {
            out.printf("%s %s %s%s%n", request.path("id").asText(), request.path("status").asText(), request.path("kind").asText(),
                    request.path("reason").isTextual() ? " (" + request.path("reason").asText() + ")" : "");
        }
    }

    @Command(name = "list", description = "List requests, oldest first (every page).")
    static final class List extends Call {

        @Option(names = "--account", description = "Only this account's.")
        String account;

        @Option(names = "--status", description = "Only those with this status (PENDING, CASE_OPENED, APPROVED, …).")
        String status;

        @Option(names = "--kind", description = "Only this kind (QUOTA_INCREASE, ADD_COUNTRIES, REMOVE_COUNTRIES, LIFT_PREFIX, PORT_NUMBERS).")
        String kind;

        @Option(names = "--page-size", defaultValue = "1000", description = "Requests per call to the server, 1–1000 (default ${DEFAULT-VALUE}); every page is listed.")
        int pageSize;

        /** Every page's requests, in one {"requests": […]}. */
        @Override
        JsonNode answer() {
            ObjectNode all = JSON.createObjectNode();
            ArrayNode requests = all.putArray("requests");
            String token = null;
            do {
                JsonNode page = server.send("GET", "/_callgate/requests?" + query(token), null);
                requests.addAll((ArrayNode) page.path("requests"));
                token = page.path("nextToken").isTextual() ? page.path("nextToken").asText() : null;
            } while (token != null);
            return all;
        }

        private String query(String token) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("account", account);
            query.put("status", status);
            query.put("kind", kind);
            query.put("limit", Integer.toString(pageSize));
            query.put("nextToken", token);
            return query.entrySet().stream().filter(e -> e.getValue() != null)
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        }

        @Override
        void print(PrintWriter out, JsonNode answer) {
            out.printf("%-32s  %-12s  %-15s  %-12s  %-20s  %s%n", "ID", "ACCOUNT", "STATUS", "KIND", "QUOTA", "WANTED");
            for (JsonNode r : answer.path("requests")) {
                String quota = r.path("quotaCode").isTextual() ? r.path("quotaCode").asText() : "";
                String wanted = r.path("desiredValue").isNumber() ? r.path("desiredValue").asLong() + " (now " + r.path("currentValue").asLong() + ")"
                        : r.path("details").toString();
                out.printf("%-32s  %-12s  %-15s  %-12s  %-20s  %s%n", r.path("id").asText(), r.path("accountId").asText(),
                        r.path("status").asText(), r.path("kind").asText(), quota, wanted);
            }
        }
    }

    @Command(name = "approve", description = "Approve a request: what it asks for applies at once.")
    static final class Approve extends Call {
        @Parameters(index = "0", description = "The request id.")
        String id;

        @Option(names = "--reason", description = "Why (optional).")
        String reason;

        @Override
        JsonNode answer() {
            return server.send("POST", "/_callgate/requests/" + id + "/approve", reason(reason));
        }
    }

    @Command(name = "deny", description = "Deny a request: nothing changes.")
    static final class Deny extends Call {
        @Parameters(index = "0", description = "The request id.")
        String id;

        @Option(names = "--reason", required = true, description = "Why (required).")
        String reason;

        @Override
        JsonNode answer() {
            return server.send("POST", "/_callgate/requests/" + id + "/deny", reason(reason));
        }
    }

    @Command(name = "advance", description = "Move a port to its next step (or --step), e.g. PORT_DATE_SET with --port-date.")
    static final class Advance extends Call {
        @Parameters(index = "0", description = "The request id.")
        String id;

        @Option(names = "--step", description = "The step to go to (default: the usual next one).")
        String step;

        @Option(names = "--port-date", description = "The port date (yyyy-mm-dd), with PORT_DATE_SET.")
        String portDate;

        @Override
        JsonNode answer() {
            ObjectNode body = reason(null);
            if (step != null) {
                body.put("step", step);
            }
            if (portDate != null) {
                body.put("portDate", portDate);
            }
            return server.send("POST", "/_callgate/requests/" + id + "/advance", body);
        }
    }

    private static ObjectNode reason(String reason) {
        ObjectNode body = JSON.createObjectNode();
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }
}
