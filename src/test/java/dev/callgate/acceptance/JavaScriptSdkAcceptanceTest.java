package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.config.Settings;
import dev.callgate.testing.ServerSuite;
import dev.callgate.testing.TestEditions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The AWS SDK for JavaScript v3 (@aws-sdk/client-connect, installed by {@code npm ci} in src/test/js)
 * runs src/test/js/tour.mjs against Callgate: creates, updates read back, lists page by page, a search,
 * and one refusal of each error family, which the script checks itself and reports here.
 */
class JavaScriptSdkAcceptanceTest extends ServerSuite {
    private static final Path TOUR = Path.of("src", "test", "js");

    @Override
    protected UnaryOperator<Settings> settings() {
        return TestEditions.current("js-tour", TestEditions.SMALL);
    }

    @Test
    void theJavaScriptSdkToursCallgate() throws Exception {
        Path node = Stream.of(System.getenv("PATH").split(File.pathSeparator)).map(dir -> Path.of(dir, "node"))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("node is not on the PATH: install Node.js 18 or later to run this test."));
        assertThat(TOUR.resolve("node_modules/@aws-sdk/client-connect/package.json"))
                .as("@aws-sdk/client-connect is not installed: run `npm ci` in src/test/js (.ci/run does)").isRegularFile();
        Process process = new ProcessBuilder(node.toString(), "tour.mjs", "http://127.0.0.1:" + server.port(), ACCOUNT)
                .directory(TOUR.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the tour ends in two minutes").isTrue();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(output).isZero();
        List<String> lines = output.lines().toList();
        JsonNode seen = new ObjectMapper().readTree(lines.get(lines.size() - 1));

        assertThat(seen.path("updated").asInt()).isEqualTo(14);
        assertThat(seen.path("listed").toString()).isEqualTo("{\"queues\":[6,3],\"securityProfiles\":[5,3],\"users\":[2,1]}");
        assertThat(seen.path("searched").toString()).isEqualTo("[\"Sales EMEA\"]");
        JsonNode refused = seen.path("refused");
        assertThat(refused.fieldNames()).toIterable().containsExactlyInAnyOrder("ResourceNotFoundException",
                "DuplicateResourceException", "InvalidParameterException", "InvalidRequestException", "ResourceInUseException",
                "InvalidContactFlowException", "InvalidContactFlowModuleException", "LimitExceededException",
                "ResourceConflictException", "ServiceQuotaExceededException");
        assertThat(refused.path("LimitExceededException").path("status").asInt()).isEqualTo(429);
        assertThat(refused.path("LimitExceededException").path("message").asText()).contains("Queues per instance", "6");
        assertThat(refused.path("ServiceQuotaExceededException").path("status").asInt()).isEqualTo(402);
        assertThat(refused.path("ServiceQuotaExceededException").path("message").asText()).contains("Lambda functions per instance");
        assertThat(refused.path("ResourceNotFoundException").path("status").asInt()).isEqualTo(404);
        assertThat(refused.path("DuplicateResourceException").path("status").asInt()).isEqualTo(409);
    }
}
