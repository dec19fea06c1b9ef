package dev.callgate.sip;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/** A router that admits every call it is offered, but only once {@link #release} opens; it records what it hears. */
final class HeldRouter implements CallRouter {
    final CountDownLatch release = new CountDownLatch(1);
    /** A permit for each call that entered the decision. */
    final Semaphore entered = new Semaphore(0);
    /** The calls offered, by Call-ID. */
    final Map<String, SipCall> offered = new ConcurrentHashMap<>();
    final Set<String> admitted = ConcurrentHashMap.newKeySet();
    /** Each call's endings, in the order the router heard them. */
    final Map<String, List<Ending>> ended = new ConcurrentHashMap<>();
    final Set<String> congested = ConcurrentHashMap.newKeySet();
    /** The calls refreshed (a re-INVITE or UPDATE answered 200), once per refresh. */
    final List<String> refreshed = new CopyOnWriteArrayList<>();

    @Override
    public Verdict offered(SipCall call) {
        offered.put(call.callId(), call);
        entered.release();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.NO_CIRCUIT;
        }
        admitted.add(call.callId());
        return Verdict.ADMIT;
    }

    @Override
    public void congested(SipCall call) {
        congested.add(call.callId());
    }

    @Override
    public void confirmed(SipCall call) {
    }

    @Override
    public void refreshed(SipCall call) {
        refreshed.add(call.callId());
    }

    @Override
    public void answered(SipCall call) {
    }

    @Override
    public void ended(SipCall call, Ending ending) {
        ended.computeIfAbsent(call.callId(), id -> new CopyOnWriteArrayList<>()).add(ending);
    }
}
