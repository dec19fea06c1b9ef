package dev.callgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.PhoneNumberCountryCode;
import software.amazon.awssdk.services.connect.model.PhoneNumberType;

/** Test helpers for calls: a claimed number to call, and the simulated-call API signed as the account. */
public final class Calls {
    private final ReportsClient signed;

    public Calls(int port, String accountId) {
        this.signed = new ReportsClient(port, accountId, "us-east-1");
    }

    /** Signed with a configured key and its secret (strict mode). */
    public Calls(int port, String accessKeyId, String secret) {
        this.signed = new ReportsClient(port, accessKeyId, secret, "us-east-1");
    }

    /** Claims a US DID for the instance and returns it in E.164. */
    public static String claimNumber(ConnectClient connect, String instanceId) {
        String number = connect.searchAvailablePhoneNumbers(r -> r.instanceId(instanceId)
                .phoneNumberCountryCode(PhoneNumberCountryCode.US).phoneNumberType(PhoneNumberType.DID).maxResults(1))
                .availableNumbersList().get(0).phoneNumber();
        connect.claimPhoneNumber(r -> r.instanceId(instanceId).phoneNumber(number));
        return number;
    }

    /** Places a simulated inbound call; returns its contact. */
    public JsonNode place(String instanceId, String number, long durationSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (number != null) {
            body.put("phoneNumber", number);
        }
        body.put("durationSeconds", durationSeconds);
        return signed.call("POST", path(instanceId), body);
    }

    public JsonNode live(String instanceId) {
        return signed.call("GET", path(instanceId), null);
    }

    public void hangUp(String instanceId, String contactId) {
        signed.call("DELETE", path(instanceId) + "/" + contactId, null);
    }

    private static String path(String instanceId) {
        return "/_callgate/instances/" + instanceId + "/calls";
    }
}
