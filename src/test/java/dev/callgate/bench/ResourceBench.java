package dev.callgate.bench;

import dev.callgate.Callgate;
import dev.callgate.aws.SdkJson;
import dev.callgate.config.Settings;
import dev.callgate.instance.ResourceKind;
import dev.callgate.limits.quota.Quota;
import dev.callgate.limits.throttle.ThrottleMode;
import dev.callgate.store.Store;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.Launcher;
import dev.callgate.testing.TestEditions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.DirectoryType;
import software.amazon.awssdk.services.connect.model.Queue;
import software.amazon.awssdk.services.connect.model.QueueStatus;
import software.amazon.awssdk.services.connect.model.User;

/**
 * The resource and quota benchmark (bench/resources/README.md):
 * <ol>
 *   <li>CreateQueue and CreateUser latency through the real ConnectClient in an instance holding its
 *   ~10 default resources and in one holding 100,000 more (quotas raised by an edition file), measured
 *   interleaved in the same run: a quota check must cost the same whatever the count.</li>
 *   <li>Start-up of a server whose embedded store holds 1,000 instances with their default resources,
 *   in a fresh JVM, against the start-up of an empty store in the same run.</li>
 * </ol>
 * Usage: {@code ResourceBench <resultsDir> [seededResources] [rounds] [instances]}.
 */
public final class ResourceBench {
    private static final String ACCOUNT = "111122223333";

    private ResourceBench() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        int seeded = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int instances = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
        Files.createDirectories(results);
        StringBuilder report = new StringBuilder();
        report.append("# Resource bench, ").append(Instant.now()).append("\n\n");
        report.append(machine()).append("\n");
        Path edition = TestEditions.write("bench", Map.of(Quota.QUEUES, 10_000_000L, Quota.USERS, 10_000_000L,
                Quota.INSTANCES_PER_REGION, 100_000L));
        latency(report, edition, seeded, rounds);
        startup(report, edition, instances);
        System.out.println(report);
        Files.writeString(results.resolve("resources-" + System.currentTimeMillis() + ".md"), report);
    }

    /** CreateQueue and CreateUser in a small and a large instance, interleaved, each create followed by its delete. */
    private static void latency(StringBuilder report, Path edition, int seeded, int rounds) throws Exception {
        Path dataDir = Files.createTempDirectory("callgate-bench-latency");
        Settings settings = Settings.defaults(dataDir).withPort(0).withEditionsFile(edition).withEdition("bench")
                .withThrottle(ThrottleMode.OFF); // the bench measures quota checks, not the 2/s API throttle
        try (Callgate callgate = Callgate.start(settings);
             ConnectClient connect = Clients.connect(callgate.port(), ACCOUNT, "us-east-1")) {
            Fixtures small = Fixtures.newInstance(connect, "small");
            Fixtures large = Fixtures.newInstance(connect, "large");
            long seedStart = System.nanoTime();
            seed(Store.embeddedUrl(dataDir), connect, large, seeded);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            int smallCount = count(connect, small.instanceId);
            int largeCount = count(connect, large.instanceId);

            String hoursS = small.basicHours();
            String hoursL = large.basicHours();
            String rpS = small.basicRoutingProfile();
            String rpL = large.basicRoutingProfile();
            String spS = small.securityProfile("Agent");
            String spL = large.securityProfile("Agent");
            int warmup = Math.max(50, rounds / 3);
            List<Long> queueSmall = new ArrayList<>();
            List<Long> queueLarge = new ArrayList<>();
            List<Long> userSmall = new ArrayList<>();
            List<Long> userLarge = new ArrayList<>();
            for (int round = 0; round < warmup + rounds; round++) {
                boolean measured = round >= warmup;
                // Alternate which instance goes first, so drift in the machine's speed hits both alike.
                boolean smallFirst = round % 2 == 0;
                for (int side = 0; side < 2; side++) {
                    boolean isSmall = (side == 0) == smallFirst;
                    Fixtures fx = isSmall ? small : large;
                    String hours = isSmall ? hoursS : hoursL;
                    String name = "bench-q-" + round;
                    long t0 = System.nanoTime();
                    String queue = connect.createQueue(r -> r.instanceId(fx.instanceId).name(name).hoursOfOperationId(hours)).queueId();
                    long t1 = System.nanoTime();
                    connect.deleteQueue(r -> r.instanceId(fx.instanceId).queueId(queue));
                    String rp = isSmall ? rpS : rpL;
                    String sp = isSmall ? spS : spL;
                    String username = "bench-u-" + round;
                    long t2 = System.nanoTime();
                    String user = connect.createUser(r -> r.instanceId(fx.instanceId).username(username).password(Fixtures.PASSWORD)
                            .routingProfileId(rp).securityProfileIds(sp)).userId();
                    long t3 = System.nanoTime();
                    connect.deleteUser(r -> r.instanceId(fx.instanceId).userId(user));
                    if (measured) {
                        (isSmall ? queueSmall : queueLarge).add(t1 - t0);
                        (isSmall ? userSmall : userLarge).add(t3 - t2);
                    }
                }
            }
            report.append("## Quota checks: latency against the number of resources\n\n");
            report.append(String.format(Locale.ROOT, "Small instance: %,d resources. Large instance: %,d resources (%,d seeded in %.1f s).%n",
                    smallCount, largeCount, seeded, seedSeconds));
            report.append(String.format(Locale.ROOT, "%d measured rounds after %d warm-up rounds; each create is followed by"
                    + " its delete (not timed), so both instances keep their size.%n%n", rounds, warmup));
            report.append("| Operation | Instance | median ms | p90 ms | mean ms |\n|---|---|---|---|---|\n");
            row(report, "CreateQueue", "small", queueSmall);
            row(report, "CreateQueue", "large", queueLarge);
            row(report, "CreateUser", "small", userSmall);
            row(report, "CreateUser", "large", userLarge);
            report.append("\n| Ratio large / small (median) | value | limit |\n|---|---|---|\n");
            report.append(String.format(Locale.ROOT, "| CreateQueue | %.2f | 1.5 |%n", median(queueLarge) / median(queueSmall)));
            report.append(String.format(Locale.ROOT, "| CreateUser | %.2f | 1.5 |%n%n", median(userLarge) / median(userSmall)));
        }
    }

    /**
     * Puts {@code total} resources in an instance with the store's own row writers' SQL, the way a
     * long-lived instance would hold them: half queues, half users (each with its agent queue) and the
     * users' references; the ledger is charged for them, so the quota rows stay exact.
     */
    private static void seed(String url, ConnectClient connect, Fixtures fx, int total) throws SQLException {
        String instanceArn = connect.describeInstance(r -> r.instanceId(fx.instanceId)).instance().arn();
        String region = "us-east-1";
        String hours = fx.basicHours();
        String rp = fx.basicRoutingProfile();
        String sp = fx.securityProfile("Agent");
        Instant now = Instant.now();
        int users = total / 4;
        int queues = total - 2 * users;
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try (PreparedStatement resource = c.prepareStatement(
                    "insert into resource (instance_id, kind, id, name, body, modified_at) values (?, ?, ?, ?, ?, ?)");
                 PreparedStatement ref = c.prepareStatement("insert into resource_ref"
                    + " (instance_id, from_kind, from_id, relation, to_kind, to_id, detail) values (?, ?, ?, ?, ?, ?, null)")) {
                IntFunction<Void> flush = n -> {
                    try {
                        resource.executeBatch();
                        ref.executeBatch();
                        c.commit();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    return null;
                };
                for (int i = 0; i < queues; i++) {
                    String id = UUID.randomUUID().toString();
                    add(resource, fx.instanceId, ResourceKind.QUEUE, id, "seed-q-" + i, SdkJson.encodeToString(Queue.builder()
                            .queueId(id).queueArn(instanceArn + "/queue/" + id).name("seed-q-" + i).hoursOfOperationId(hours)
                            .status(QueueStatus.ENABLED).lastModifiedTime(now).lastModifiedRegion(region).build()), now);
                    addRef(ref, fx.instanceId, ResourceKind.QUEUE, id, "hours-of-operation", ResourceKind.HOURS_OF_OPERATION, hours);
                    if (i % 5_000 == 4_999) {
                        flush.apply(i);
                    }
                }
                for (int i = 0; i < users; i++) {
                    String id = UUID.randomUUID().toString();
                    add(resource, fx.instanceId, ResourceKind.USER, id, "seed-u-" + i, SdkJson.encodeToString(User.builder()
                            .id(id).arn(instanceArn + "/agent/" + id).username("seed-u-" + i).routingProfileId(rp)
                            .securityProfileIds(sp).lastModifiedTime(now).lastModifiedRegion(region).build()), now);
                    add(resource, fx.instanceId, ResourceKind.AGENT_QUEUE, id, null, SdkJson.encodeToString(Queue.builder()
                            .queueId(id).queueArn(instanceArn + "/queue/agent/" + id).status(QueueStatus.ENABLED)
                            .lastModifiedTime(now).lastModifiedRegion(region).build()), now);
                    addRef(ref, fx.instanceId, ResourceKind.USER, id, "routing-profile", ResourceKind.ROUTING_PROFILE, rp);
                    addRef(ref, fx.instanceId, ResourceKind.USER, id, "security-profile", ResourceKind.SECURITY_PROFILE, sp);
                    if (i % 2_500 == 2_499) {
                        flush.apply(i);
                    }
                }
                flush.apply(0);
            }
            try (PreparedStatement charge = c.prepareStatement(
                    "update quota_usage set used = used + ? where scope = ? and quota = ?")) {
                charge.setLong(1, queues);
                charge.setString(2, fx.instanceId);
                charge.setString(3, Quota.QUEUES.name());
                charge.executeUpdate();
                charge.setLong(1, users);
                charge.setString(3, Quota.USERS.name());
                charge.executeUpdate();
            }
            c.commit();
            try (var analyze = c.createStatement()) {
                analyze.execute("analyze");
            }
        }
    }

    private static void add(PreparedStatement insert, String instanceId, ResourceKind kind, String id, String name, String body,
                            Instant now) throws SQLException {
        insert.setString(1, instanceId);
        insert.setString(2, kind.name());
        insert.setString(3, id);
        insert.setString(4, name);
        insert.setString(5, body);
        insert.setLong(6, now.toEpochMilli());
        insert.addBatch();
    }

    private static void addRef(PreparedStatement insert, String instanceId, ResourceKind from, String fromId, String relation,
                               ResourceKind to, String toId) throws SQLException {
        insert.setString(1, instanceId);
        insert.setString(2, from.name());
        insert.setString(3, fromId);
        insert.setString(4, relation);
        insert.setString(5, to.name());
        insert.setString(6, toId);
        insert.addBatch();
    }

    private static int count(ConnectClient connect, String instanceId) {
        int total = 0;
        for (var page : connect.listQueuesPaginator(r -> r.instanceId(instanceId).maxResults(1000))) {
            total += page.queueSummaryList().size();
        }
        for (var page : connect.listUsersPaginator(r -> r.instanceId(instanceId).maxResults(1000))) {
            total += page.userSummaryList().size();
        }
        total += connect.listRoutingProfiles(r -> r.instanceId(instanceId)).routingProfileSummaryList().size();
        total += connect.listSecurityProfiles(r -> r.instanceId(instanceId)).securityProfileSummaryList().size();
        total += connect.listAgentStatuses(r -> r.instanceId(instanceId)).agentStatusSummaryList().size();
        total += connect.listHoursOfOperations(r -> r.instanceId(instanceId)).hoursOfOperationSummaryList().size();
        return total;
    }

    /** Start-up in a fresh JVM: an empty store (the baseline), then a store holding {@code instances} instances. */
    private static void startup(StringBuilder report, Path edition, int instances) throws Exception {
        Path empty = Files.createTempDirectory("callgate-bench-empty");
        Path full = Files.createTempDirectory("callgate-bench-full");
        // Create the schema of the empty store once, so both runs migrate nothing.
        Callgate.start(Settings.defaults(empty).withPort(0).withEditionsFile(edition).withEdition("bench")).close();
        long fillStart = System.nanoTime();
        try (Callgate callgate = Callgate.start(Settings.defaults(full).withPort(0).withEditionsFile(edition).withEdition("bench")
                .withThrottle(ThrottleMode.OFF));
             ConnectClient connect = Clients.connect(callgate.port(), ACCOUNT, "us-east-1")) {
            for (int i = 0; i < instances; i++) {
                String alias = "bench-" + i;
                String id = connect.createInstance(r -> r.identityManagementType(DirectoryType.CONNECT_MANAGED).instanceAlias(alias)
                        .inboundCallsEnabled(true).outboundCallsEnabled(true)).id();
                connect.listQueues(r -> r.instanceId(id)); // the first call inside writes the instance's defaults
            }
        }
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        List<Long> emptyStarts = new ArrayList<>();
        List<Long> fullStarts = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            emptyStarts.add(childStart(empty, edition));
            fullStarts.add(childStart(full, edition));
        }
        report.append("## Start-up with 1,000 instances in the embedded store\n\n");
        report.append(String.format(Locale.ROOT, "%,d instances created through CreateInstance in %.1f s (each with its"
                + " default resources: 11 rows, their references and 17 quota rows). Each start is a fresh JVM"
                + " (`java -cp … dev.callgate.cli.Main serve`), timed from process launch to the first 200 of"
                + " `GET /_callgate/health`; 5 runs each, alternated.%n%n", instances, fillSeconds));
        report.append("| Store | median s | max s |\n|---|---|---|\n");
        report.append(String.format(Locale.ROOT, "| empty (baseline) | %.2f | %.2f |%n", median(emptyStarts) / 1e3, max(emptyStarts) / 1e3));
        report.append(String.format(Locale.ROOT, "| %,d instances | %.2f | %.2f |%n%n", instances, median(fullStarts) / 1e3, max(fullStarts) / 1e3));
        report.append(String.format(Locale.ROOT, "Ratio %,d instances / empty (median): %.2f; limit: under 3 s.%n", instances,
                median(fullStarts) / median(emptyStarts)));
    }

    /** Milliseconds from launching a server JVM on {@code dataDir} to its first healthy answer. */
    private static long childStart(Path dataDir, Path edition) throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(Launcher.flags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.callgate.cli.Main", "serve",
                "--port", String.valueOf(port), "--data-dir", dataDir.toString(),
                "--editions-file", edition.toString(), "--edition", "bench", "--sip-port", "0"));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_callgate/health")).build();
            while (true) {
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return (System.nanoTime() - start) / 1_000_000;
                    }
                } catch (IOException notYet) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("The server exited with " + process.exitValue());
                    }
                }
                Thread.sleep(10);
            }
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static void row(StringBuilder report, String operation, String instance, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
        report.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f |%n", operation, instance,
                median(sorted) / 1e6, sorted.get((int) (sorted.size() * 0.9)) / 1e6, mean));
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double max(List<Long> values) {
        return Collections.max(values);
    }

    private static String machine() {
        Runtime runtime = Runtime.getRuntime();
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException | UncheckedIOException e) {
            // not Linux: keep the placeholder
        }
        return String.format(Locale.ROOT, "Machine: %d cores (%s), JVM max heap %d MiB, Java %s, embedded SQLite store.%n",
                runtime.availableProcessors(), cpu, runtime.maxMemory() >> 20, System.getProperty("java.version"));
    }
}
