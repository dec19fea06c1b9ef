package dev.callgate.connect;

import dev.callgate.accounts.Caller;
import dev.callgate.aws.ErrorCode;
import dev.callgate.aws.OperationFamily;
import dev.callgate.aws.OperationHandlers;
import dev.callgate.aws.ServiceError;
import dev.callgate.calls.CallEnd;
import dev.callgate.calls.ContactRow;
import dev.callgate.calls.DialingPolicy;
import dev.callgate.calls.Switchboard;
import dev.callgate.instance.InstanceResources;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.Pages;
import dev.callgate.instance.ResourceKind;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.connect.model.Channel;
import software.amazon.awssdk.services.connect.model.ConnectRequest;
import software.amazon.awssdk.services.connect.model.ConnectResponse;
import software.amazon.awssdk.services.connect.model.Contact;
import software.amazon.awssdk.services.connect.model.DescribeContactRequest;
import software.amazon.awssdk.services.connect.model.DescribeContactResponse;
import software.amazon.awssdk.services.connect.model.EndpointInfo;
import software.amazon.awssdk.services.connect.model.EndpointType;
import software.amazon.awssdk.services.connect.model.ListContactReferencesRequest;
import software.amazon.awssdk.services.connect.model.ListContactReferencesResponse;
import software.amazon.awssdk.services.connect.model.SearchContactsRequest;
import software.amazon.awssdk.services.connect.model.SearchContactsResponse;
import software.amazon.awssdk.services.connect.model.StartOutboundVoiceContactRequest;
import software.amazon.awssdk.services.connect.model.StartOutboundVoiceContactResponse;
import software.amazon.awssdk.services.connect.model.StopContactRequest;
import software.amazon.awssdk.services.connect.model.StopContactResponse;

/**
 * Voice contacts (limits.md §4, §5): every call, inbound or outbound, is a contact. StartOutboundVoiceContact
 * checks, in order, that outbound calling is on for the instance (OutboundContactNotPermittedException),
 * that the flow exists, that the dialing policy allows the destination (DestinationNotAllowedException),
 * and that a concurrent call is free (LimitExceededException); then dials the trunk. StopContact hangs
 * up and frees the call's slot; DescribeContact tells how a contact went, SearchContacts finds contacts
 * (see {@link ContactSearch}) and ListContactReferences lists a contact's references, which Callgate's
 * contacts never have.
 */
public final class ContactService implements OperationFamily<ConnectRequest, ConnectResponse> {
    private final InstanceResources resources;
    private final Switchboard switchboard;
    private final DialingPolicy policy;

    public ContactService(InstanceResources resources, Switchboard switchboard, DialingPolicy policy) {
        this.resources = resources;
        this.switchboard = switchboard;
        this.policy = policy;
    }

    @Override
    public void register(OperationHandlers<ConnectRequest, ConnectResponse> handlers) {
        handlers.on(StartOutboundVoiceContactRequest.class, this::startOutbound);
        handlers.on(StopContactRequest.class, this::stop);
        handlers.on(DescribeContactRequest.class, this::describe);
        handlers.on(SearchContactsRequest.class, this::search);
        handlers.on(ListContactReferencesRequest.class, this::references);
    }

    public StartOutboundVoiceContactResponse startOutbound(Caller caller, StartOutboundVoiceContactRequest request) {
        InstanceRow instance = resources.instance(caller, request.instanceId());
        if (!instance.outboundCalls()) {
            throw new ServiceError(ErrorCode.OUTBOUND_CONTACT_NOT_PERMITTED, "Outbound calls are disabled on instance "
                    + instance.id() + " (OutboundCallsEnabled is false).");
        }
        resources.find(caller, instance.id(), ResourceKind.CONTACT_FLOW, request.contactFlowId());
        String destination = policy.check(instance, request.destinationPhoneNumber());
        return StartOutboundVoiceContactResponse.builder()
                .contactId(switchboard.dial(instance, destination, request.sourcePhoneNumber())).build();
    }

    public StopContactResponse stop(Caller caller, StopContactRequest request) {
        InstanceRow instance = resources.instance(caller, request.instanceId());
        switchboard.stop(instance, request.contactId(), CallEnd.API);
        return StopContactResponse.builder().build();
    }

    public DescribeContactResponse describe(Caller caller, DescribeContactRequest request) {
        InstanceRow instance = resources.instance(caller, request.instanceId());
        return DescribeContactResponse.builder().contact(contact(instance, found(instance, request.contactId()))).build();
    }

    public SearchContactsResponse search(Caller caller, SearchContactsRequest request) {
        ContactSearch.check(request);
        return new ContactSearch(switchboard).search(resources.instance(caller, request.instanceId()), request);
    }

    /** Callgate's contacts carry no references (no attachments, URLs or attributes): an existing contact has none. */
    public ListContactReferencesResponse references(Caller caller, ListContactReferencesRequest request) {
        InstanceRow instance = resources.instance(caller, request.instanceId());
        found(instance, request.contactId());
        // An empty list has no next page: any NextToken is one this operation never returned.
        Pages.cursor("ListContactReferences@" + instance.id() + "/" + request.contactId(), null, 1, request.nextToken());
        return ListContactReferencesResponse.builder().referenceSummaryList(List.of()).build();
    }

    private ContactRow found(InstanceRow instance, String contactId) {
        return switchboard.contact(instance, contactId).orElseThrow(() ->
                ServiceError.notFound("Contact " + contactId + " not found in instance " + instance.id() + "."));
    }

    private static Contact contact(InstanceRow instance, ContactRow row) {
        Long last = row.disconnectedAt() != null ? row.disconnectedAt() : row.connectedAt() != null ? row.connectedAt() : row.initiatedAt();
        return Contact.builder()
                .arn(ContactSearch.arn(instance, row))
                .id(row.id()).initialContactId(row.id())
                .initiationMethod(row.initiationMethod())
                .channel(Channel.VOICE)
                .initiationTimestamp(Instant.ofEpochMilli(row.initiatedAt()))
                .connectedToSystemTimestamp(instant(row.connectedAt()))
                .disconnectTimestamp(instant(row.disconnectedAt()))
                .lastUpdateTimestamp(Instant.ofEpochMilli(last))
                .disconnectReason(row.disconnectReason())
                .customerEndpoint(endpoint(row.customerNumber()))
                .systemEndpoint(endpoint(row.systemNumber()))
                .build();
    }

    private static EndpointInfo endpoint(String number) {
        return number == null ? null : EndpointInfo.builder().type(EndpointType.TELEPHONE_NUMBER).address(number).build();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
