package dev.callgate.aws;

import dev.callgate.Callgate;

/**
 * The error codes Callgate answers with, each with the HTTP status that Amazon Connect's model
 * declares for it (spec/connect-api.md §2.1). The SDK picks the exception class from the code.
 */
public enum ErrorCode {
    ACCESS_DENIED("AccessDeniedException", 403),
    DESTINATION_NOT_ALLOWED("DestinationNotAllowedException", 403),
    DUPLICATE_RESOURCE("DuplicateResourceException", 409),
    IDEMPOTENCY("IdempotencyException", 409),
    INTERNAL_SERVICE("InternalServiceException", 500),
    INVALID_CONTACT_FLOW("InvalidContactFlowException", 400),
    INVALID_CONTACT_FLOW_MODULE("InvalidContactFlowModuleException", 400),
    INVALID_PARAMETER("InvalidParameterException", 400),
    INVALID_REQUEST("InvalidRequestException", 400),
    LIMIT_EXCEEDED("LimitExceededException", 429),
    OUTBOUND_CONTACT_NOT_PERMITTED("OutboundContactNotPermittedException", 403),
    RESOURCE_CONFLICT("ResourceConflictException", 409),
    RESOURCE_IN_USE("ResourceInUseException", 409),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
    SERVICE_QUOTA_EXCEEDED("ServiceQuotaExceededException", 402),
    THROTTLING("ThrottlingException", 429),
    // Authentication failures: not Connect-modelled, but the codes every AWS service uses.
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 403),
    INVALID_SIGNATURE("InvalidSignatureException", 403),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 403);

    private final String wireName;
    private final int httpStatus;

    ErrorCode(String wireName, int httpStatus) {
        this.wireName = wireName;
        this.httpStatus = httpStatus;
    }

    public String wireName() {
        return wireName;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
