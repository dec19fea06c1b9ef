package dev.callgate.aws;

/**
 * An error code a service answers with: its wire name and HTTP status. The constants here are the
 * codes Amazon Connect models, with the statuses Connect's SDK model declares, plus the refusals the shared AWS path raises for every service:
 * {@link #INVALID_REQUEST}, {@link #INVALID_PARAMETER}, {@link #RESOURCE_NOT_FOUND}, {@link #ACCESS_DENIED},
 * {@link #THROTTLING}, the authentication failures, {@link #UNKNOWN_OPERATION}, {@link #NOT_IMPLEMENTED}
 * and {@link #INTERNAL_SERVICE}. Another service's {@link ErrorCatalog} renames those to its own codes;
 * its other errors are constants of its own. Codes compare by identity: two may share a wire name.
 */
public final class ErrorCode {
    public static final ErrorCode ACCESS_DENIED = new ErrorCode("AccessDeniedException", 403);
    public static final ErrorCode CONTACT_NOT_FOUND = new ErrorCode("ContactNotFoundException", 410);
    public static final ErrorCode DESTINATION_NOT_ALLOWED = new ErrorCode("DestinationNotAllowedException", 403);
    public static final ErrorCode DUPLICATE_RESOURCE = new ErrorCode("DuplicateResourceException", 409);
    public static final ErrorCode IDEMPOTENCY = new ErrorCode("IdempotencyException", 409);
    public static final ErrorCode INTERNAL_SERVICE = new ErrorCode("InternalServiceException", 500);
    public static final ErrorCode INVALID_CONTACT_FLOW = new ErrorCode("InvalidContactFlowException", 400);
    public static final ErrorCode INVALID_CONTACT_FLOW_MODULE = new ErrorCode("InvalidContactFlowModuleException", 400);
    public static final ErrorCode INVALID_PARAMETER = new ErrorCode("InvalidParameterException", 400);
    public static final ErrorCode INVALID_REQUEST = new ErrorCode("InvalidRequestException", 400);
    public static final ErrorCode LIMIT_EXCEEDED = new ErrorCode("LimitExceededException", 429);
    public static final ErrorCode OUTBOUND_CONTACT_NOT_PERMITTED = new ErrorCode("OutboundContactNotPermittedException", 403);
    public static final ErrorCode RESOURCE_CONFLICT = new ErrorCode("ResourceConflictException", 409);
    public static final ErrorCode RESOURCE_IN_USE = new ErrorCode("ResourceInUseException", 409);
    public static final ErrorCode RESOURCE_NOT_FOUND = new ErrorCode("ResourceNotFoundException", 404);
    public static final ErrorCode SERVICE_QUOTA_EXCEEDED = new ErrorCode("ServiceQuotaExceededException", 402);
    public static final ErrorCode THROTTLING = new ErrorCode("ThrottlingException", 429);
    // Authentication failures: not Connect-modelled, but the codes every AWS service uses.
    public static final ErrorCode UNRECOGNIZED_CLIENT = new ErrorCode("UnrecognizedClientException", 403);
    public static final ErrorCode INVALID_SIGNATURE = new ErrorCode("InvalidSignatureException", 403);
    public static final ErrorCode MISSING_AUTHENTICATION_TOKEN = new ErrorCode("MissingAuthenticationTokenException", 403);
    // No operation of the service matches the request; an operation the model has but Callgate does not serve.
    public static final ErrorCode UNKNOWN_OPERATION = new ErrorCode("InvalidRequestException", 400);
    public static final ErrorCode NOT_IMPLEMENTED = new ErrorCode("InvalidRequestException", 400);

    private final String wireName;
    private final int httpStatus;

    public ErrorCode(String wireName, int httpStatus) {
        this.wireName = wireName;
        this.httpStatus = httpStatus;
    }

    public String wireName() {
        return wireName;
    }

    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public String toString() {
        return wireName + " (" + httpStatus + ")";
    }
}
