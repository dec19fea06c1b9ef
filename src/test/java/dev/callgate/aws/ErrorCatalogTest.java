package dev.callgate.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.http.WireResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The error body every AWS SDK reads, checked by parsing it as JSON, whatever the message holds. */
class ErrorCatalogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMessageWithQuotesControlCharactersAndNonAsciiTextIsReadBackAsWritten() throws Exception {
        String message = "Queue \"Sales\\EMEA\"\n\tis full: 5 of 5 \u00e9\u20ac\u0001 \ud83d\udcde </script>";

        JsonNode body = body(new ServiceError(ErrorCode.INVALID_REQUEST, message));

        assertThat(body.get("__type").asText()).isEqualTo("InvalidRequestException");
        assertThat(body.get("Message").asText()).isEqualTo(message);
        assertThat(body.size()).isEqualTo(2);
    }

    @Test
    void membersGoBesideTheMessageAsJsonValues() throws Exception {
        JsonNode body = body(new ServiceError(ErrorCode.INVALID_REQUEST, "in use",
                Map.of("ResourceType", "QUEUE", "Quota\"Code", 5, "Ids", List.of("a", "b"))));

        assertThat(body.get("ResourceType").asText()).isEqualTo("QUEUE");
        assertThat(body.get("Quota\"Code").asInt()).isEqualTo(5);
        assertThat(body.get("Ids")).hasSize(2);
        assertThat(body.get("Message").asText()).isEqualTo("in use");
    }

    @Test
    void noMessageIsANullMessage() throws Exception {
        JsonNode body = body(new ServiceError(ErrorCode.INVALID_REQUEST, null));

        assertThat(body.get("Message").isNull()).isTrue();
    }

    private static JsonNode body(ServiceError error) throws Exception {
        WireResponse response = ErrorCatalog.AS_DECLARED.render(error, "application/x-amz-json-1.1");
        assertThat(response.headers()).containsEntry("Content-Type", "application/x-amz-json-1.1");
        return JSON.readTree(response.body());
    }
}
