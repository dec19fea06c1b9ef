package dev.callgate.sip;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.TransactionExt;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.PeerUnavailableException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Callgate's SIP face (RFC 3261 over JAIN-SIP's reference implementation): one UDP and one TCP
 * listening point on the same port, inbound INVITEs handed to a {@link CallRouter} for a verdict,
 * outbound INVITEs to a trunk, BYE, CANCEL, ACK and session refreshes, and optionally the reorder tone
 * as early media before a refusal for want of a slot. It holds no business rule: who
 * may call whom, and how many at once, is the router's.
 */
public final class SipEndpoint implements SipListenerExt, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipEndpoint.class);
    /** Our Min-SE (RFC 4028): shorter session intervals are refused with 422. */
    static final int MIN_SESSION_EXPIRES = 90;
    private static final int SESSION_INTERVAL_TOO_SMALL = 422;
    private static final Pattern DELTA_SECONDS = Pattern.compile("^\\s*(\\d{1,9})");
    /** Threads deciding on INVITEs at once (each decision is a store transaction). */
    static final int OFFER_WORKERS = 8;
    /**
     * INVITEs that may wait for a worker. Past them a flood is refused at once ({@link Verdict#CONGESTED})
     * rather than queued without limit: at about a thousand admissions a second, a caller at the back of a
     * full queue waits about a second for its answer.
     */
    static final int OFFER_QUEUE = 1000;
    /** How long a stop waits for the decisions under way: each is a store transaction, and those queued refuse at once. */
    private static final int DECISIONS_WAIT_SECONDS = 5;

    private final SipStackImpl stack;
    private final SipProvider provider;
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final MessageFactoryImpl messages = new MessageFactoryImpl();
    private final AddressFactoryImpl addresses = new AddressFactoryImpl();
    private final String host;
    private final int port;
    /** Admission touches the store: it runs here, never on the stack's threads; a full queue refuses the execution. */
    private final ExecutorService offers;
    private final Map<String, SipCall> calls = new ConcurrentHashMap<>();
    private volatile CallRouter router;
    /** Plays the reorder tone before a 503 for want of a slot; null when that option is off. */
    private volatile RtpSender tonePlayer;
    /** Set once {@link #refuseNewCalls} began: every INVITE not yet being decided is refused as {@link Verdict#STOPPING}. */
    private volatile boolean closing;

    private SipEndpoint(SipStackImpl stack, SipProvider provider, String host, int port, int offerQueue) {
        this.stack = stack;
        this.provider = provider;
        this.host = host;
        this.port = port;
        this.offers = new ThreadPoolExecutor(OFFER_WORKERS, OFFER_WORKERS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(offerQueue), runnable -> {
                    Thread thread = new Thread(runnable, "sip-offers");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Listens on {@code port} (0: a port free for both UDP and TCP) of {@code bind}; calls wait for {@link #route}. */
    public static SipEndpoint listen(String bind, int port) {
        return listen(bind, port, OFFER_QUEUE);
    }

    /** As {@link #listen(String, int)}, with at most {@code offerQueue} INVITEs waiting for a worker. */
    static SipEndpoint listen(String bind, int port, int offerQueue) {
        int chosen = port == 0 ? freePort(bind) : port;
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "callgate-" + bind + "-" + chosen);
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", SipStackLog.class.getName());
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        // The stack gives every datagram it queues a buffer of this size (64 KB by default): under a flood of
        // INVITEs its queue of 64 KB buffers filled the heap. 16 KB is far above any real SIP message.
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "16384");
        // Room in the kernel for the datagrams of a burst (or of a collector pause) rather than dropping them.
        properties.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", String.valueOf(1 << 20));
        properties.setProperty("gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER", WithoutTls.class.getName());
        properties.setProperty("gov.nist.javax.sip.NETWORK_LAYER", WithoutTls.class.getName());
        // Named rather than defaulted, which the stack warns about at every start; no TLS is served (WithoutTls).
        properties.setProperty("gov.nist.javax.sip.TLS_SECURITY_POLICY", "gov.nist.javax.sip.stack.DefaultTlsSecurityPolicy");
        properties.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", ConnectionWatch.class.getName());
        SipStackImpl stack = null;
        try {
            stack = new SipStackImpl(properties);
            // TCP first: a UDP processor starts its thread at once, and a stop while that thread is still making
            // its channels fails (see stop), so a port taken over TCP is found before there is one.
            ListeningPoint tcp = stack.createListeningPoint(bind, chosen, ListeningPoint.TCP);
            ListeningPoint udp = stack.createListeningPoint(bind, chosen, ListeningPoint.UDP);
            SipProvider provider = stack.createSipProvider(udp);
            provider.addListeningPoint(tcp);
            SipEndpoint endpoint = new SipEndpoint(stack, provider, bind, chosen, offerQueue);
            provider.addSipListener(endpoint);
            stack.start();
            return endpoint;
        } catch (PeerUnavailableException | InvalidArgumentException | java.util.TooManyListenersException
                 | javax.sip.ObjectInUseException | javax.sip.TransportNotSupportedException e) {
            throw stopAfter(stack, new UncheckedIOException(
                    new IOException("Cannot listen for SIP on " + bind + ":" + chosen + ": " + e.getMessage(), e)));
        } catch (SipException e) {
            throw stopAfter(stack, new UncheckedIOException(
                    new IOException("Cannot start SIP on " + bind + ":" + chosen + ": " + e.getMessage(), e)));
        }
    }

    /** Stops a stack that failed to start; the failure stays the start's, whatever its stop throws. */
    private static RuntimeException stopAfter(SipStackImpl stack, RuntimeException failure) {
        try {
            stop(stack);
        } catch (RuntimeException stopping) {
            failure.addSuppressed(stopping);
        }
        return failure;
    }

    /** Starts handing calls to {@code callRouter}; until then INVITEs are answered 503 without a cause. */
    public void route(CallRouter callRouter) {
        this.router = callRouter;
    }

    /** From now on a caller refused for want of a slot (503, cause 34) first hears {@code tone} in a 183. */
    public void playReorderTone(ReorderTone tone) {
        tonePlayer = RtpSender.open(host, tone);
    }

    public int port() {
        return port;
    }

    /** An outbound call to {@code number} at the trunk ({@code host:port}), from {@code from}; not sent until {@link #send}. */
    public SipCall prepare(String trunk, String number, String from) {
        try {
            String[] hostPort = trunk.split(":");
            SipURI target = addresses.createSipURI(number, hostPort[0]);
            target.setPort(Integer.parseInt(hostPort[1]));
            String tag = newTag();
            FromHeader fromHeader = headers.createFromHeader(addresses.createAddress(ourUri(from)), tag);
            ToHeader to = headers.createToHeader(addresses.createAddress(target), null);
            CallIdHeader callId = provider.getNewCallId();
            Request invite = messages.createRequest(target, Request.INVITE, callId, headers.createCSeqHeader(1L, Request.INVITE),
                    fromHeader, to, List.of(headers.createViaHeader(host, port, ListeningPoint.UDP, null)),
                    headers.createMaxForwardsHeader(70));
            invite.addHeader(contact());
            invite.setContent(SessionDescription.offer(host, mediaPort()), headers.createContentTypeHeader("application", "sdp"));
            ClientTransaction transaction = provider.getNewClientTransaction(invite);
            SipCall call = SipCall.outbound(callId.getCallId(), number, from, transaction, tag);
            calls.put(call.callId(), call);
            return call;
        } catch (ParseException | InvalidArgumentException | SipException e) {
            throw new IllegalArgumentException("Cannot build an INVITE to " + number + " at " + trunk + ": " + e.getMessage(), e);
        }
    }

    /** Sends a prepared outbound INVITE. */
    public void send(SipCall call) {
        try {
            call.outboundInvite().sendRequest();
        } catch (SipException e) {
            LOG.warn("Outbound INVITE {} not sent: {}", call.callId(), e.getMessage());
            if (call.end()) {
                calls.remove(call.callId());
                router.ended(call, Ending.NO_ANSWER);
            }
        }
    }

    /**
     * Callgate ends the call: BYE once it is answered, CANCEL while an outbound call rings. Does nothing
     * when the call has already ended; the router hears nothing (Callgate knows why it hung up).
     */
    public void hangUp(SipCall call) {
        SipCall.State state = call.state();
        if (!call.end()) {
            return;
        }
        calls.remove(call.callId());
        try {
            if (call.direction() == SipCall.Direction.OUTBOUND && state == SipCall.State.OFFERED) {
                provider.getNewClientTransaction(call.outboundInvite().createCancel()).sendRequest();
            } else if (call.dialog() != null) {
                Dialog dialog = call.dialog();
                dialog.sendRequest(provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
            }
        } catch (SipException e) {
            LOG.debug("Hang-up of {} not sent: {}", call.callId(), e.getMessage());
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            switch (request.getMethod()) {
                case Request.INVITE -> {
                    if (toTag(request) != null) {
                        inDialog(event);
                    } else {
                        newInvite(event);
                    }
                }
                case Request.ACK -> acknowledged(request);
                case Request.BYE -> bye(event);
                case Request.CANCEL -> cancel(event);
                case Request.UPDATE -> inDialog(event);
                case Request.OPTIONS -> reply(event, Response.OK);
                default -> reply(event, Response.METHOD_NOT_ALLOWED);
            }
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            // One bad request must never disturb the other calls.
            LOG.debug("SIP {} not handled: {}", request.getMethod(), e.toString());
        }
    }

    private void invite(RequestEvent event) throws ParseException, SipException, InvalidArgumentException {
        Request request = event.getRequest();
        if (event.getServerTransaction() != null) {
            return; // a retransmission of an INVITE already decided: its transaction answers it
        }
        ServerTransaction transaction;
        try {
            transaction = provider.getNewServerTransaction(request);
        } catch (TransactionAlreadyExistsException retransmission) {
            return; // the transaction layer answers retransmissions itself
        }
        transaction.sendResponse(messages.createResponse(Response.TRYING, request));
        String dialled = userPart(request.getRequestURI());
        Integer sessionExpires = sessionExpires(request);
        if (dialled == null) {
            transaction.sendResponse(messages.createResponse(Response.NOT_FOUND, request));
            return;
        }
        if (sessionExpires != null && sessionExpires < MIN_SESSION_EXPIRES) {
            Response tooSmall = messages.createResponse(SESSION_INTERVAL_TOO_SMALL, request);
            tooSmall.setReasonPhrase("Session Interval Too Small");
            tooSmall.addHeader(headers.createHeader("Min-SE", String.valueOf(MIN_SESSION_EXPIRES)));
            transaction.sendResponse(tooSmall);
            return;
        }
        String caller = userPart(((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI());
        SipCall call = SipCall.inbound(callId(request), dialled, caller, sessionExpires, transaction, newTag(), connection(transaction));
        calls.put(call.callId(), call);
        try {
            offers.execute(() -> decide(call, request));
        } catch (RejectedExecutionException refused) {
            if (closing) {
                refuse(call, request, Verdict.STOPPING); // the workers were shut down, not flooded
                return;
            }
            CallRouter current = router;
            if (current != null) {
                current.congested(call); // counted before it is answered, so a caller's count never runs ahead
            }
            refuse(call, request, Verdict.CONGESTED);
        }
    }

    /** Asks the router, then answers: 180 and 200 with SDP when admitted, the verdict's final response otherwise. */
    private void decide(SipCall call, Request request) {
        if (call.state() != SipCall.State.OFFERED) {
            return; // it ended while it waited (a CANCEL, its connection lost): nothing to admit, nobody to tell
        }
        if (closing) {
            refuse(call, request, Verdict.STOPPING); // it waited in the queue when the endpoint began to close
            return;
        }
        CallRouter current = router;
        Verdict verdict;
        try {
            verdict = current == null ? Verdict.NO_CIRCUIT : current.offered(call);
        } catch (RuntimeException e) {
            LOG.warn("Admission of call {} failed: {}", call.callId(), e.toString());
            refuse(call, request, Verdict.FAILED);
            return;
        }
        if (verdict != Verdict.ADMIT) {
            if (verdict != Verdict.NO_CIRCUIT || !toneBeforeRefusal(call, request, verdict)) {
                refuse(call, request, verdict);
            }
            return;
        }
        synchronized (call) {
            if (call.move(SipCall.State.OFFERED, SipCall.State.ANSWERED)) {
                answer(call, request);
                return;
            }
        }
        // It ended while the router decided: the router, which may have admitted it, hears how, and only from here.
        Ending ending = call.ending();
        if (ending != null) {
            current.ended(call, ending);
        }
    }

    private void answer(SipCall call, Request request) {
        try {
            ServerTransaction transaction = call.invite();
            transaction.sendResponse(tagged(messages.createResponse(Response.RINGING, request), call));
            Response ok = tagged(messages.createResponse(Response.OK, request), call);
            ok.addHeader(contact());
            String offer = request.getRawContent() == null ? null : new String(request.getRawContent(), StandardCharsets.UTF_8);
            ok.setContent(SessionDescription.answer(offer, host, mediaPort()), headers.createContentTypeHeader("application", "sdp"));
            if (call.sessionExpires() != null) {
                ok.addHeader(headers.createHeader("Session-Expires", call.sessionExpires() + ";refresher=uac"));
                ok.addHeader(headers.createRequireHeader("timer"));
            }
            call.dialog(transaction.getDialog());
            transaction.sendResponse(ok);
        } catch (ParseException | SipException | InvalidArgumentException e) {
            LOG.warn("Answer to call {} not sent: {}", call.callId(), e.toString());
        }
    }

    /**
     * With the reorder tone on and a PCMU offer: 183 with our SDP, the tone to the offer's address off the
     * SIP stack's threads, then {@code refusal}; a CANCEL meanwhile stops the tone and gets its 487. False
     * when no tone is played (the caller gets the refusal at once).
     */
    private boolean toneBeforeRefusal(SipCall call, Request request, Verdict refusal) {
        RtpSender sender = tonePlayer;
        byte[] offer = request.getRawContent();
        InetSocketAddress target = sender == null || offer == null ? null
                : SessionDescription.pcmuTarget(new String(offer, StandardCharsets.UTF_8));
        if (target == null) {
            return false;
        }
        try {
            Response progress = tagged(messages.createResponse(Response.SESSION_PROGRESS, request), call);
            progress.setReasonPhrase("Session Progress");
            progress.addHeader(contact());
            progress.setContent(SessionDescription.earlyMedia(host, sender.port()), headers.createContentTypeHeader("application", "sdp"));
            call.invite().sendResponse(progress);
        } catch (ParseException | SipException | InvalidArgumentException e) {
            LOG.debug("183 to call {} not sent: {}", call.callId(), e.toString());
            return false;
        }
        return sender.play(target, () -> call.state() == SipCall.State.OFFERED, () -> refuse(call, request, refusal));
    }

    private void refuse(SipCall call, Request request, Verdict verdict) {
        calls.remove(call.callId());
        if (!call.end()) {
            return;
        }
        try {
            Response response = tagged(messages.createResponse(verdict.status(), request), call);
            response.setReasonPhrase(verdict.phrase());
            Verdict.Cause cause = verdict.cause();
            if (cause != null) {
                response.addHeader(headers.createReasonHeader("Q.850", cause.value(), cause.text()));
            }
            if (verdict.retryAfter() != null) {
                response.addHeader(headers.createRetryAfterHeader(verdict.retryAfter()));
            }
            call.invite().sendResponse(response);
        } catch (ParseException | SipException | InvalidArgumentException e) {
            LOG.debug("Final response to call {} not sent: {}", call.callId(), e.toString());
        }
    }

    private void acknowledged(Request ack) {
        SipCall call = calls.get(callId(ack));
        // Only the ACK of our 200 carries our tag: the ACK of a refusal sent for a stray INVITE on this Call-ID does not.
        if (call != null && call.localTag().equals(toTag(ack)) && call.move(SipCall.State.ANSWERED, SipCall.State.CONFIRMED)) {
            router.confirmed(call);
        }
    }

    /** An INVITE with no To tag: a new call, unless its Call-ID is a call's already (retransmissions are the stack's). */
    private void newInvite(RequestEvent event) throws ParseException, SipException, InvalidArgumentException {
        SipCall known = calls.get(callId(event.getRequest()));
        if (known == null) {
            invite(event);
        } else if (!known.startedBy(event.getRequest())) {
            reply(event, Response.LOOP_DETECTED); // one call per Call-ID: a new INVITE on it is refused as merged (RFC 3261 §8.2.2.2)
        }
    }

    /**
     * A re-INVITE or UPDATE refreshes its call only in the call's dialog: the Call-ID and this side's tag in To. Any
     * other gets 481 and changes nothing (RFC 3261 §12.2.2); the stack lets a re-INVITE with a stranger's To tag
     * through to here.
     */
    private void inDialog(RequestEvent event) throws ParseException, SipException, InvalidArgumentException {
        SipCall known = calls.get(callId(event.getRequest()));
        if (known != null && known.localTag().equals(toTag(event.getRequest()))) {
            refresh(event, known);
        } else {
            reply(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        }
    }

    private void refresh(RequestEvent event, SipCall call) throws ParseException, SipException, InvalidArgumentException {
        Request request = event.getRequest();
        ServerTransaction transaction = serverTransaction(event);
        Response ok = tagged(messages.createResponse(Response.OK, request), call);
        ok.addHeader(contact());
        if (request.getMethod().equals(Request.INVITE)) {
            ok.setContent(SessionDescription.answer(null, host, mediaPort()), headers.createContentTypeHeader("application", "sdp"));
        }
        if (call.sessionExpires() != null) {
            ok.addHeader(headers.createHeader("Session-Expires", call.sessionExpires() + ";refresher=uac"));
        }
        transaction.sendResponse(ok);
        router.refreshed(call);
    }

    private void bye(RequestEvent event) throws ParseException, SipException, InvalidArgumentException {
        SipCall call = calls.remove(callId(event.getRequest()));
        if (call == null) {
            reply(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        serverTransaction(event).sendResponse(messages.createResponse(Response.OK, event.getRequest()));
        // Recorded as the caller's ending, so that a call still being decided is reported once, by its decision.
        SipCall.State left = call.endBefore(SipCall.State.ENDED, Ending.PEER_HANGUP);
        if (left != null && left != SipCall.State.OFFERED) {
            router.ended(call, Ending.PEER_HANGUP);
        }
    }

    /** CANCEL: 200 to the CANCEL; 487 to the INVITE unless it was already answered. */
    private void cancel(RequestEvent event) throws ParseException, SipException, InvalidArgumentException {
        Request request = event.getRequest();
        SipCall call = calls.get(callId(request));
        if (call == null) {
            reply(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        serverTransaction(event).sendResponse(messages.createResponse(Response.OK, request));
        if (call.endBefore(SipCall.State.ANSWERED, Ending.CANCELLED) != null) {
            calls.remove(call.callId());
            call.invite().sendResponse(tagged(messages.createResponse(Response.REQUEST_TERMINATED, call.invite().getRequest()), call));
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        SipCall call = calls.get(((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId());
        if (!cseq.getMethod().equals(Request.INVITE) || response.getStatusCode() < 200) {
            return;
        }
        try {
            if (response.getStatusCode() < 300) {
                Dialog dialog = event.getDialog();
                dialog.sendAck(dialog.createAck(cseq.getSeqNumber()));
                if (call == null) {
                    // answered after Callgate hung up (a CANCEL cannot go before the first provisional): end it
                    dialog.sendRequest(provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
                    return;
                }
                call.dialog(dialog);
                if (call.move(SipCall.State.OFFERED, SipCall.State.CONFIRMED)) {
                    router.answered(call);
                }
            } else if (call != null && call.end()) {
                calls.remove(call.callId());
                router.ended(call, Ending.REJECTED);
            }
        } catch (SipException | InvalidArgumentException e) {
            LOG.debug("Response {} not handled: {}", response.getStatusCode(), e.toString());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        Request request = event.getClientTransaction().getRequest();
        SipCall call = calls.get(callId(request));
        if (call != null && request.getMethod().equals(Request.INVITE) && call.end()) {
            calls.remove(call.callId());
            router.ended(call, Ending.NO_ANSWER);
        }
    }

    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
        if (event.getReason() != DialogTimeoutEvent.Reason.AckNotReceived) {
            return;
        }
        SipCall call = calls.get(event.getDialog().getCallId().getCallId());
        if (call != null) {
            hangUp(call);
            router.ended(call, Ending.ACK_TIMEOUT);
        }
    }

    /**
     * A TCP connection failed or ended (see {@link ConnectionWatch}): the calls that came on it and are not yet
     * confirmed end now, each once, and an answered call's dialog goes with them: their final response or the
     * caller's ACK travelled on that connection, and it is gone. A confirmed call goes on, holding its slot: a
     * dialog outlives its connection (RFC 3261 §18: the caller may send its BYE on a new one, as it must after a
     * balancer cut an idle connection), so it ends by its BYE, a timer or the max call duration. Over UDP an error
     * says nothing of one caller (sipp and proxies send every call from one port): those calls end by their timers.
     */
    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("SIP transport error to {}:{} over {}", event.getHost(), event.getPort(), event.getTransport());
        if (!ListeningPoint.TCP.equalsIgnoreCase(event.getTransport())) {
            return;
        }
        String connection = event.getHost() + ":" + event.getPort();
        for (SipCall call : calls.values()) {
            SipCall.State left = connection.equals(call.connection())
                    ? call.endBefore(SipCall.State.CONFIRMED, Ending.CONNECTION_LOST) : null;
            if (left != null) {
                calls.remove(call.callId());
                Dialog dialog = call.dialog();
                if (dialog != null) {
                    dialog.delete();
                }
                if (left == SipCall.State.ANSWERED) {
                    router.ended(call, Ending.CONNECTION_LOST); // an offered call's decision tells the router
                }
            }
        }
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // Nothing to do: calls end on BYE, CANCEL, refusals and timeouts.
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // Nothing to do: see processTransactionTerminated.
    }

    /** The number in a sip:, sips: or tel: URI (its user part, or the tel number); null when it has none. */
    static String userPart(URI uri) {
        if (uri instanceof SipURI sip) {
            return sip.getUser();
        }
        if (uri instanceof TelURL tel) {
            return (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
        }
        return null;
    }

    /** The delta-seconds of a Session-Expires header (also its compact form x), or null. */
    private static Integer sessionExpires(Request request) {
        Header header = request.getHeader("Session-Expires");
        if (header == null) {
            header = request.getHeader("x");
        }
        if (header == null) {
            return null;
        }
        String text = header.toString();
        Matcher seconds = DELTA_SECONDS.matcher(text.substring(text.indexOf(':') + 1));
        return seconds.find() ? Integer.valueOf(seconds.group(1)) : null;
    }

    private ServerTransaction serverTransaction(RequestEvent event) throws SipException {
        return event.getServerTransaction() != null ? event.getServerTransaction() : provider.getNewServerTransaction(event.getRequest());
    }

    /**
     * Answers a request Callgate does not carry on. Through its server transaction when the stack made one: it does
     * for a request in a dialog it still keeps after the call ended (a second BYE, a late re-INVITE), and then
     * refuses to send a response statelessly, so that request would go unanswered.
     */
    private void reply(RequestEvent event, int status) throws ParseException, SipException, InvalidArgumentException {
        Response response = messages.createResponse(status, event.getRequest());
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            to.setTag(newTag()); // every final response carries a To tag (RFC 3261 §8.2.6.2)
        }
        if (status == Response.METHOD_NOT_ALLOWED) {
            response.addHeader(headers.createAllowHeader("INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE"));
        }
        ServerTransaction transaction = event.getServerTransaction();
        if (transaction != null) {
            transaction.sendResponse(response);
        } else {
            provider.sendResponse(response);
        }
    }

    private Response tagged(Response response, SipCall call) throws ParseException {
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            to.setTag(call.localTag());
        }
        return response;
    }

    private ContactHeader contact() throws ParseException {
        return headers.createContactHeader(addresses.createAddress(ourUri("callgate")));
    }

    private SipURI ourUri(String user) throws ParseException {
        SipURI uri = addresses.createSipURI(user, host);
        uri.setPort(port);
        return uri;
    }

    /** The (silent) media port the SDP names: the one above the SIP port, as many SIP servers do. */
    private int mediaPort() {
        return port < 65534 ? port + 2 - port % 2 : 10000;
    }

    /** The peer's address and port when the transaction came over TCP (its connection), else null. */
    private static String connection(ServerTransaction transaction) {
        TransactionExt received = (TransactionExt) transaction;
        return ListeningPoint.TCP.equalsIgnoreCase(received.getTransport()) ? received.getPeerAddress() + ":" + received.getPeerPort() : null;
    }

    private static String callId(Request request) {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }

    private static String toTag(Request request) {
        return ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
    }

    private static String newTag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static int freePort(String bind) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(InetAddress.getByName(bind), 0));
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(bind), tcp.getLocalPort()))) {
                    return udp.getLocalPort();
                }
            } catch (IOException taken) {
                // that TCP port's UDP twin is taken: try another
            }
        }
        throw new UncheckedIOException(new IOException("No port free for both UDP and TCP on " + bind));
    }

    /**
     * The first step of a stop: from now on INVITEs, and those waiting for a worker, are refused as
     * {@link Verdict#STOPPING} (never as congestion); the decisions under way finish and are answered, so that the
     * router has admitted every call it will before it ends them. Waits for those decisions at most
     * {@value #DECISIONS_WAIT_SECONDS} s.
     */
    public void refuseNewCalls() {
        closing = true;
        offers.shutdown();
        try {
            if (!offers.awaitTermination(DECISIONS_WAIT_SECONDS, TimeUnit.SECONDS)) {
                refuseWaiting();
            }
        } catch (InterruptedException e) {
            refuseWaiting();
            Thread.currentThread().interrupt();
        }
    }

    /** The decisions still queued when the wait is over: each sees {@link #closing} and answers STOPPING, here. */
    private void refuseWaiting() {
        offers.shutdownNow().forEach(Runnable::run);
    }

    @Override
    public void close() {
        refuseNewCalls();
        if (tonePlayer != null) {
            tonePlayer.close();
        }
        stop(stack);
    }

    /**
     * Stops the stack, even one stopped right after it started or half built. A processor that never ran fails its
     * own stop with a NullPointerException (UDP makes its list of channels only once its thread runs; a TCP processor
     * whose port was taken has no socket), and a UDP processor whose thread is still adding to that list fails it with
     * a ConcurrentModificationException; either ends the stack's stop half way. The stack takes each processor off
     * its list before stopping it, so stopping again goes on with the next one: with two processors, a third stop
     * completes. (A UDP processor closes its socket before it goes through that list.)
     */
    private static void stop(SipStackImpl stack) {
        if (stack == null) {
            return; // the stack itself could not be made
        }
        for (int attempt = 1; ; attempt++) {
            try {
                stack.stop();
                return;
            } catch (NullPointerException | ConcurrentModificationException halfBuilt) {
                if (attempt == 3) {
                    throw halfBuilt;
                }
            }
        }
    }
}
