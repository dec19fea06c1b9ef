package dev.callgate.calls;

import dev.callgate.aws.ErrorCode;
import dev.callgate.aws.ServiceError;
import dev.callgate.clock.ServerClock;
import dev.callgate.config.CallSettings;
import dev.callgate.instance.InstanceRow;
import dev.callgate.instance.InstanceService;
import dev.callgate.limits.quota.Quota;
import dev.callgate.limits.quota.QuotaExceeded;
import dev.callgate.limits.quota.QuotaLedger;
import dev.callgate.limits.quota.QuotaScope;
import dev.callgate.numbers.PhoneNumberService;
import dev.callgate.sip.CallRouter;
import dev.callgate.sip.Ending;
import dev.callgate.sip.SipCall;
import dev.callgate.sip.SipEndpoint;
import dev.callgate.sip.Verdict;
import dev.callgate.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.connect.model.ContactInitiationMethod;

/**
 * The calls this node carries and the one way a call starts and ends (limits.md §4). A call is
 * admitted by one transaction that charges the instance's CONCURRENT_CALLS quota (the ledger's
 * conditional update) and inserts its lease and its contact, so the limit holds exactly on any
 * number of nodes. It ends by one transaction that deletes the lease, gives the unit back and
 * records how the contact ended: the lease row can be deleted once, so the unit comes back exactly
 * once whichever path ends the call (BYE, CANCEL, no ACK, session timer, max duration, StopContact,
 * the operator, a sweeper).
 *
 * <p>These transactions are not fsynced on the embedded store ({@code Store.inTransactionWithoutFsync}): a
 * call does not survive its node, and after a crash of the machine a lease taken back with its charge, or
 * one brought back by a lost release and then swept, leaves the ledger equal to the leases.
 *
 * <p>This node renews its leases while its calls live. A node that dies stops renewing; when its
 * leases run out on the server clock, any node's sweeper releases them. A node that finds one of its
 * leases gone (released elsewhere) hangs the call up.
 */
public final class Switchboard implements CallRouter, AutoCloseable {
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(Switchboard.class);
    private static final int SWEEP_BATCH = 100;

    private final Store store;
    private final QuotaLedger ledger;
    private final InstanceService instances;
    private final ServerClock clock;
    private final CallSettings settings;
    private final SipEndpoint sip;
    private final CallMetrics metrics;
    private final String node = UUID.randomUUID().toString();
    private final CallLeases leases = new CallLeases();
    private final ContactRows contacts = new ContactRows();
    private final Map<String, LiveCall> byContact = new ConcurrentHashMap<>();
    private final Map<String, LiveCall> byCallId = new ConcurrentHashMap<>();
    /** Deadlines, renewals and sweeps; and the store writes that SIP callbacks must not do on the stack's threads. */
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "switchboard");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Instant renewedAt = Instant.EPOCH;

    public Switchboard(Store store, QuotaLedger ledger, InstanceService instances, ServerClock clock, CallSettings settings,
            SipEndpoint sip, MeterRegistry registry) {
        this.store = store;
        this.ledger = ledger;
        this.instances = instances;
        this.clock = clock;
        this.settings = settings;
        this.sip = sip;
        this.metrics = new CallMetrics(registry, store, ledger);
        sip.route(this);
        worker.scheduleWithFixedDelay(this::tickQuietly, 1, 1, TimeUnit.SECONDS);
    }

    /** Forgets a deleted instance's calls: its leases, contacts and dialing rules go with its quota rows. */
    public static void dropInstance(Connection connection, String instanceId) throws SQLException {
        CallLeases.dropInstance(connection, instanceId);
        ContactRows.dropInstance(connection, instanceId);
    }

    // ---- inbound SIP -------------------------------------------------------------------------

    @Override
    public Verdict offered(SipCall call) {
        String number = e164(call.dialled());
        Optional<String> instanceId = number == null ? Optional.empty()
                : store.read(c -> PhoneNumberService.instanceClaiming(c, number));
        if (instanceId.isEmpty()) {
            return Verdict.NOT_FOUND;
        }
        InstanceRow instance = instances.findOpened(instanceId.get());
        if (!instance.inboundCalls()) {
            return Verdict.FORBIDDEN;
        }
        Instant now = clock.instant();
        try {
            LiveCall live = admit(instance, ContactInitiationMethod.INBOUND, customer(call.caller()), number, true,
                    now.plus(settings.maxCallDuration()), CallEnd.EXPIRED);
            live.attach(call, now);
            byCallId.put(call.callId(), live);
            return Verdict.ADMIT;
        } catch (QuotaExceeded full) {
            return Verdict.NO_CIRCUIT;
        }
    }

    @Override
    public void congested(SipCall call) {
        metrics.congested();
    }

    @Override
    public void confirmed(SipCall call) {
        LiveCall live = byCallId.get(call.callId());
        if (live != null) {
            live.confirmed();
        }
    }

    @Override
    public void refreshed(SipCall call) {
        LiveCall live = byCallId.get(call.callId());
        if (live != null) {
            live.refreshed(clock.instant());
        }
    }

    @Override
    public void answered(SipCall call) {
        LiveCall live = byCallId.get(call.callId());
        if (live != null) {
            long now = clock.millis();
            worker.execute(() -> store.inTransactionWithoutFsync(c -> {
                contacts.connected(c, live.contactId(), now);
                return null;
            }));
        }
    }

    @Override
    public void ended(SipCall call, Ending ending) {
        LiveCall live = byCallId.get(call.callId());
        if (live != null) {
            CallEnd reason = ending == Ending.PEER_HANGUP || ending == Ending.CANCELLED ? CallEnd.CUSTOMER_DISCONNECT : CallEnd.TELECOM_PROBLEM;
            worker.execute(() -> finish(live, reason));
        }
    }

    // ---- calls started and ended through the APIs ------------------------------------------------

    /** StartOutboundVoiceContact once the dialing policy allowed the destination: admits, then dials the trunk. */
    public String dial(InstanceRow instance, String destination, String source) {
        String trunk = settings.sipTrunk();
        if (trunk == null) {
            throw ServiceError.invalidRequest("Callgate has no SIP trunk for outbound calls; start it with --sip-trunk host:port.");
        }
        Instant now = clock.instant();
        LiveCall live = admit(instance, ContactInitiationMethod.OUTBOUND, destination, source, false,
                now.plus(settings.maxCallDuration()), CallEnd.EXPIRED);
        SipCall leg = sip.prepare(trunk, destination, source == null ? "callgate" : source.replace("+", ""));
        live.attach(leg, now);
        byCallId.put(leg.callId(), live);
        sip.send(leg);
        return live.contactId();
    }

    /**
     * A simulated inbound call (the operator and user face): admitted and counted as a SIP call is, it
     * lasts {@code length} (at most the max call duration) unless ended first.
     */
    public ContactRow simulate(InstanceRow instance, String number, Duration length) {
        if (number != null && !instance.id().equals(store.read(c -> PhoneNumberService.instanceClaiming(c, number)).orElse(null))) {
            throw ServiceError.invalidParameter("Phone number " + number + " is not claimed by instance " + instance.id() + ".");
        }
        if (!instance.inboundCalls()) {
            throw ServiceError.invalidRequest("Inbound calls are disabled on instance " + instance.id() + ".");
        }
        Instant now = clock.instant();
        boolean guarded = length.compareTo(settings.maxCallDuration()) >= 0;
        LiveCall live = admit(instance, ContactInitiationMethod.INBOUND, null, number, true,
                now.plus(guarded ? settings.maxCallDuration() : length), guarded ? CallEnd.EXPIRED : CallEnd.CUSTOMER_DISCONNECT);
        return contact(instance, live.contactId()).orElseThrow();
    }

    /** Ends a call in progress of the instance, on this node or any other; ContactNotFoundException when there is none. */
    public void stop(InstanceRow instance, String contactId, CallEnd reason) {
        LiveCall live = byContact.get(contactId);
        if (live != null && live.instanceId().equals(instance.id())) {
            end(live, reason);
            return;
        }
        if (contact(instance, contactId).isEmpty() || !release(contactId, reason)) {
            throw new ServiceError(ErrorCode.CONTACT_NOT_FOUND, "Contact " + contactId + " of instance " + instance.id()
                    + " is not in progress.");
        }
    }

    /** Ends a call in progress of whichever instance carries it (the operator); ContactNotFoundException when there is none. */
    public void stop(String contactId, CallEnd reason) {
        LiveCall live = byContact.get(contactId);
        String instanceId = live != null ? live.instanceId() : store.read(c -> contacts.instanceOf(c, contactId))
                .orElseThrow(() -> new ServiceError(ErrorCode.CONTACT_NOT_FOUND, "Contact " + contactId + " is not in progress."));
        stop(instances.findOpened(instanceId), contactId, reason);
    }

    /** The calls this node refused at the instance's concurrent calls quota (CallsBreachingConcurrencyQuota; counted per node). */
    public long refused(InstanceRow instance) {
        return metrics.refused(instance.id());
    }

    public Optional<ContactRow> contact(InstanceRow instance, String contactId) {
        return store.read(c -> contacts.find(c, instance.id(), contactId));
    }

    /** The instance's contacts whose {@code moment} falls between {@code from} and {@code to}, both included. */
    public List<ContactRow> contacts(InstanceRow instance, ContactRow.Moment moment, Instant from, Instant to) {
        return store.read(c -> contacts.between(c, instance.id(), moment, millis(from), millis(to)));
    }

    /** Epoch millis, saturated: a timestamp a million years away is as good as the end of time. */
    private static long millis(Instant at) {
        try {
            return at.toEpochMilli();
        } catch (ArithmeticException far) {
            return at.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** The instance's calls in progress on every node, once every deadline due by now has ended its call. */
    public List<ContactRow> live(InstanceRow instance) {
        tick();
        return store.read(c -> contacts.live(c, instance.id()));
    }

    // ---- admission and release ---------------------------------------------------------------

    /**
     * Charges a unit of the instance's concurrent calls and inserts the call's lease and contact, in one
     * transaction. At the limit, leases that ran out are swept first; a call still refused counts as a breach.
     */
    private LiveCall admit(InstanceRow instance, ContactInitiationMethod method, String customer, String system, boolean connected,
            Instant hangUpAt, CallEnd hangUpReason) {
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        ContactRow row = new ContactRow(id, instance.id(), method.toString(), customer, system, now.toEpochMilli(),
                connected ? now.toEpochMilli() : null, null, null);
        metrics.watch(instance.id());
        for (int attempt = 1; ; attempt++) {
            try {
                store.inTransactionWithoutFsync(c -> {
                    ledger.charge(c, QuotaScope.instance(instance.id()), Quota.CONCURRENT_CALLS, 1);
                    leases.insert(c, id, instance.id(), node, now.plus(LEASE).toEpochMilli());
                    contacts.insert(c, row);
                    return null;
                });
                metrics.admitted(instance.id());
                break;
            } catch (QuotaExceeded full) {
                if (attempt == 2 || sweep(store.read(c -> leases.expired(c, instance.id(), now.toEpochMilli()))) == 0) {
                    metrics.breached(instance.id());
                    throw full;
                }
            }
        }
        LiveCall live = new LiveCall(id, instance.id(), hangUpAt, hangUpReason);
        byContact.put(id, live);
        return live;
    }

    /** Callgate ends the call: releases it and hangs up its SIP leg. */
    private void end(LiveCall live, CallEnd reason) {
        finish(live, reason);
        if (live.leg() != null) {
            sip.hangUp(live.leg());
        }
    }

    /** The call is over on this node: its lease is released (if it still holds one). */
    private void finish(LiveCall live, CallEnd reason) {
        if (!byContact.remove(live.contactId(), live)) {
            return;
        }
        if (live.leg() != null) {
            byCallId.remove(live.leg().callId());
        }
        release(live.contactId(), reason);
    }

    /** Deletes the lease and gives its unit back in one transaction; false when the lease was already gone. */
    private boolean release(String contactId, CallEnd reason) {
        long now = clock.millis();
        return store.inTransactionWithoutFsync(c -> {
            String instanceId = leases.take(c, contactId);
            if (instanceId == null) {
                return false;
            }
            ledger.release(c, QuotaScope.instance(instanceId), Quota.CONCURRENT_CALLS, 1);
            contacts.disconnected(c, contactId, now, reason.name());
            return true;
        });
    }

    private int sweep(List<String> expired) {
        int released = 0;
        for (String contactId : expired) {
            if (release(contactId, CallEnd.EXPIRED)) {
                released++;
            }
        }
        return released;
    }

    // ---- time --------------------------------------------------------------------------------

    /** Ends the calls whose deadlines passed, renews this node's leases, and sweeps every node's expired ones. */
    public synchronized void tick() {
        Instant now = clock.instant();
        for (LiveCall live : byContact.values()) {
            CallEnd due = live.due(now);
            if (due != null) {
                end(live, due);
            }
        }
        if (!byContact.isEmpty() && !now.isBefore(renewedAt.plus(LEASE.dividedBy(3)))) {
            renew(now);
        }
        sweep(store.read(c -> leases.expired(c, now.toEpochMilli(), SWEEP_BATCH)));
    }

    /** Extends this node's leases; a call whose lease is gone was released elsewhere and is hung up. */
    private void renew(Instant now) {
        Set<String> carried = new HashSet<>(byContact.keySet());
        Set<String> held = new HashSet<>(store.inTransactionWithoutFsync(c -> leases.renew(c, node, now.plus(LEASE).toEpochMilli())));
        renewedAt = now;
        for (String contactId : carried) {
            LiveCall live = byContact.get(contactId);
            if (!held.contains(contactId) && live != null && byContact.remove(contactId, live)) {
                if (live.leg() != null) {
                    byCallId.remove(live.leg().callId());
                    sip.hangUp(live.leg());
                }
            }
        }
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("Call deadlines and leases not processed this time: {}", e.toString());
        }
    }

    /** The caller as the contact records it: its number in E.164, or the From user part as sent (at most 64 characters). */
    private static String customer(String caller) {
        String number = e164(caller);
        return number != null || caller == null ? number : caller.substring(0, Math.min(64, caller.length()));
    }

    /** A dialled number as E.164 ({@code +} added when absent), or null when it is not a number. */
    static String e164(String user) {
        if (user == null) {
            return null;
        }
        String digits = user.replaceAll("[-.() ]", "");
        String number = digits.startsWith("+") ? digits : "+" + digits;
        return number.matches("\\+\\d{1,15}") ? number : null;
    }

    /** Stops the timers; this node's calls end when their leases run out (or now, by any node, on a clean stop). */
    @Override
    public void close() {
        worker.shutdownNow();
        for (LiveCall live : List.copyOf(byContact.values())) {
            try {
                end(live, CallEnd.EXPIRED);
            } catch (RuntimeException e) {
                LOG.debug("Call {} not released at shutdown: {}", live.contactId(), e.toString());
            }
        }
    }
}
