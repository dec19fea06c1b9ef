package dev.callgate.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callgate.testing.ChildServer;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.Operator;
import dev.callgate.testing.ReportsClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.HoursOfOperationDays;
import software.amazon.awssdk.services.connect.model.HoursOfOperationSummary;
import software.amazon.awssdk.services.connect.model.InstanceSummary;

/**
 * The embedded store under abuse: cycles of concurrent writes of every kind, a reset now and then,
 * refused second starts on the same data dir, then SIGKILL, SIGTERM or SIGINT at a random moment,
 * and a restart. After every restart each acknowledged write is there, each acknowledged delete is
 * gone, nothing that was never attempted exists, and every quota's usage equals the rows it counts.
 * A write whose answer the stop cut off may have happened or not, but wholly. The number of cycles
 * is {@code -Dcallgate.torture.cycles} (bench/durability/soak.sh runs many).
 */
class DurabilityTortureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATOR = "700000000001";
    private static final String WORKER = "700000000002";
    private static final String REGION = "us-east-1";

    @TempDir
    Path dataDir;

    private final long seed = Long.getLong("callgate.torture.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private final AtomicInteger names = new AtomicInteger();
    /** Keys (instance aliases, hours names, report names) by what is known of them. */
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final Set<String> inDoubt = ConcurrentHashMap.newKeySet();
    private final Map<String, String> hoursIds = new ConcurrentHashMap<>();
    private final Map<String, String> instanceIds = new ConcurrentHashMap<>();
    private final Map<String, String> reportIds = new ConcurrentHashMap<>();
    private final AtomicLong rateAcknowledged = new AtomicLong(1);
    private final AtomicLong rateAttempted = new AtomicLong(1);
    private String workInstance;
    private String owner;

    @Test
    void everyAcknowledgedWriteSurvivesEveryKindOfStop() throws Exception {
        int cycles = Integer.getInteger("callgate.torture.cycles", 4);
        System.out.printf("Durability torture: %d cycles, -Dcallgate.torture.seed=%d%n", cycles, seed);
        Path log = Files.createTempFile("callgate-torture", ".log");
        int port = ChildServer.freePort();
        ChildServer server = ChildServer.start(dataDir, null, port, log);
        reset(port);
        for (int cycle = 0; cycle < cycles; cycle++) {
            if (cycle % 3 == 2) {
                reset(port);
            }
            ChildServer.Stop stop = ChildServer.Stop.values()[cycle % 3];
            writeUntilStopped(server, stop);
            server = ChildServer.start(dataDir, null, port, log);
            verify(port);
        }
        server.stop(ChildServer.Stop.SIGTERM);
    }

    /** Writers of every kind race while a second server is refused the data dir; then the stop comes. */
    private void writeUntilStopped(ChildServer server, ChildServer.Stop stop) throws Exception {
        int port = server.port();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        work.add(writers.submit(() -> instances(port, running)));
        work.add(writers.submit(() -> hours(port, running)));
        work.add(writers.submit(() -> throttle(port, running)));
        work.add(writers.submit(() -> reports(port, running)));

        ChildServer.Run second = ChildServer.run(List.of("serve", "--port", String.valueOf(ChildServer.freePort()),
                "--data-dir", dataDir.toString()));
        assertThat(second.exit()).as(second.output()).isEqualTo(1);
        assertThat(second.output()).contains("is in use by a running Callgate server");

        Thread.sleep(random.nextInt(400)); // the stop lands at a random point of the writes
        server.stop(stop);
        running.set(false);
        for (Future<?> writer : work) {
            writer.get();
        }
        writers.shutdown();
    }

    private void instances(int port, AtomicBoolean running) {
        try (ConnectClient connect = Clients.connect(port, CREATOR, REGION)) {
            while (running.get()) {
                List<String> live = acknowledged.stream().filter(k -> k.startsWith("i-") && instanceIds.containsKey(k)).toList();
                if (!live.isEmpty() && random.nextInt(3) == 0) {
                    String alias = live.get(random.nextInt(live.size()));
                    attempt(alias, true, () -> connect.deleteInstance(r -> r.instanceId(instanceIds.get(alias))));
                } else {
                    String alias = "i-" + names.incrementAndGet();
                    attempt(alias, false, () -> instanceIds.put(alias, connect.createInstance(r -> r.identityManagementType(
                            DirectoryType.CONNECT_MANAGED).instanceAlias(alias).inboundCallsEnabled(true).outboundCallsEnabled(true)).id()));
                }
            }
        }
    }

    private void hours(int port, AtomicBoolean running) {
        try (ConnectClient connect = Clients.connect(port, WORKER, REGION)) {
            while (running.get()) {
                List<String> live = acknowledged.stream().filter(hoursIds::containsKey).toList();
                if (!live.isEmpty() && random.nextInt(3) == 0) {
                    String name = live.get(random.nextInt(live.size()));
                    attempt(name, true, () -> connect.deleteHoursOfOperation(r -> r.instanceId(workInstance).hoursOfOperationId(hoursIds.get(name))));
                } else {
                    String name = "h-" + names.incrementAndGet();
                    attempt(name, false, () -> hoursIds.put(name, connect.createHoursOfOperation(r -> r.instanceId(workInstance).name(name)
                            .timeZone("Europe/Paris").config(c -> c.day(HoursOfOperationDays.MONDAY)
                                    .startTime(t -> t.hours(9).minutes(0)).endTime(t -> t.hours(17).minutes(0)))).hoursOfOperationId()));
                }
            }
        }
    }

    private void throttle(int port, AtomicBoolean running) {
        Operator operator = new Operator(port);
        while (running.get()) {
            long rate = rateAttempted.incrementAndGet();
            try {
                if (operator.send("PUT", "/_callgate/accounts/" + WORKER + "/throttle",
                        "{\"operation\": \"*\", \"rate\": " + rate + ", \"burst\": " + rate + "}").statusCode() == 200) {
                    rateAcknowledged.set(rate);
                }
            } catch (RuntimeException stopped) {
                return;
            }
        }
    }

    private void reports(int port, AtomicBoolean running) {
        ReportsClient reports = new ReportsClient(port, WORKER, REGION);
        while (running.get()) {
            String name = "r-" + names.incrementAndGet();
            attempt(name, false, () -> reportIds.put(name, reports.save(workInstance, name, owner, false).path("reportId").asText()));
            if (acknowledged.contains(name) && random.nextBoolean()) {
                attempt(name, true, () -> reports.delete(workInstance, reportIds.get(name)));
            }
        }
    }

    /** Runs one write: acknowledged when it answers, in doubt when the stop cut it off (or it was refused). */
    private void attempt(String key, boolean delete, Runnable write) {
        inDoubt.add(key);
        if (delete) {
            acknowledged.remove(key); // from now on, there or not
        }
        try {
            write.run();
        } catch (RuntimeException cutOffOrRefused) {
            return;
        }
        if (delete) {
            deleted.add(key);
        } else {
            acknowledged.add(key);
        }
        inDoubt.remove(key);
    }

    private void verify(int port) {
        try (ConnectClient creator = Clients.connect(port, CREATOR, REGION); ConnectClient worker = Clients.connect(port, WORKER, REGION)) {
            Set<String> aliases = creator.listInstancesPaginator(r -> r.maxResults(10)).instanceSummaryList().stream()
                    .map(InstanceSummary::instanceAlias).collect(Collectors.toSet());
            assertKeys("i-", aliases);
            assertThat(new Operator(port).usage("accounts/" + CREATOR + "/quotas?region=" + REGION, "INSTANCES_PER_REGION"))
                    .isEqualTo(aliases.size());

            List<HoursOfOperationSummary> hours = worker.listHoursOfOperationsPaginator(r -> r.instanceId(workInstance))
                    .hoursOfOperationSummaryList().stream().toList();
            assertKeys("h-", hours.stream().map(HoursOfOperationSummary::name).collect(Collectors.toSet()));
            assertThat(new Operator(port).usage("instances/" + workInstance + "/quotas", "HOURS_OF_OPERATION")).isEqualTo(hours.size());

            assertKeys("r-", reportNames(port));
        }
        long rate = generalRate(port);
        assertThat(rate).isBetween(rateAcknowledged.get(), rateAttempted.get());
        rateAcknowledged.set(rate);
        rateAttempted.set(rate);
        inDoubt.clear(); // what survived the restart is now known
        deleted.clear();
    }

    /** Every report's name, page after page (a cycle can write more than a page holds). */
    private Set<String> reportNames(int port) {
        ReportsClient reports = new ReportsClient(port, WORKER, REGION);
        Set<String> names = new HashSet<>();
        String token = null;
        do {
            JsonNode page = reports.list(workInstance, "maxResults=100"
                    + (token == null ? "" : "&nextToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
            names.addAll(page.path("reports").findValuesAsText("name"));
            token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
        } while (token != null);
        return names;
    }

    /** Every acknowledged key is there, no acknowledged delete is, and anything else there was in doubt. */
    private void assertKeys(String prefix, Set<String> present) {
        Set<String> found = present.stream().filter(k -> k.startsWith(prefix)).collect(Collectors.toSet());
        Set<String> expected = acknowledged.stream().filter(k -> k.startsWith(prefix)).collect(Collectors.toSet());
        assertThat(found).as("acknowledged " + prefix + " writes").containsAll(expected);
        assertThat(found).as("acknowledged " + prefix + " deletes").doesNotContainAnyElementsOf(deleted);
        Set<String> unexplained = new HashSet<>(found);
        unexplained.removeAll(expected);
        assertThat(inDoubt).as("never attempted, or attempted and lost").containsAll(unexplained);
        acknowledged.addAll(unexplained); // a write in doubt that happened is now an acknowledged one
    }

    private long generalRate(int port) {
        try {
            return JSON.readTree(new Operator(port).send("GET", "/_callgate/accounts/" + WORKER + "/throttle", null).body())
                    .path("general").path("rate").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operator's reset, then a fresh instance to work in, with a user to own reports. */
    private void reset(int port) {
        assertThat(new Operator(port).send("POST", "/_callgate/reset", "{}").statusCode()).isEqualTo(200);
        acknowledged.clear();
        deleted.clear();
        inDoubt.clear();
        hoursIds.clear();
        instanceIds.clear();
        reportIds.clear();
        try (ConnectClient worker = Clients.connect(port, WORKER, REGION)) {
            Fixtures fixtures = Fixtures.newInstance(worker, "work-" + names.incrementAndGet());
            workInstance = fixtures.instanceId;
            owner = fixtures.user("owner");
        }
        long rate = generalRate(port);
        rateAcknowledged.set(rate);
        rateAttempted.set(rate);
    }
}
