import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark's own client, in one file with no dependencies (compiled by bench/run.sh with javac).
 *
 * <pre>
 * start  key=value... -- COMMAND ARGS...   launch COMMAND, poll an HTTP GET every 5 ms, print pid, ms to first 200
 *                                          and (on Linux) the CPU it used until then
 * rate   key=value...                      open-loop fixed-rate load from a raw HTTP request file; latency from the
 *                                          scheduled send time (coordinated omission accounted for)
 * summary DIR                              median over DIR/run* /metrics.tsv, with per-run Callgate/moto ratios
 * </pre>
 *
 * Only loopback addresses are accepted as targets.
 */
public final class LoadClient {
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: LoadClient start|rate|summary ...");
        }
        switch (args[0]) {
            case "start" -> start(args);
            case "rate" -> rate(args);
            case "summary" -> summary(Path.of(args[1]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    // ---------------------------------------------------------------- start

    private static void start(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> command = new ArrayList<>();
        boolean inCommand = false;
        for (int i = 1; i < args.length; i++) {
            if (inCommand) {
                command.add(args[i]);
            } else if (args[i].equals("--")) {
                inCommand = true;
            } else {
                int eq = args[i].indexOf('=');
                opts.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            }
        }
        String host = loopback(opts.getOrDefault("host", "127.0.0.1"));
        int port = Integer.parseInt(opts.get("port"));
        String path = opts.getOrDefault("path", "/");
        String auth = opts.get("auth");
        long timeoutMs = Long.parseLong(opts.getOrDefault("timeout_ms", "30000"));
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + (auth == null ? "" : "Authorization: " + auth + "\r\nX-Amz-Date: 20260101T000000Z\r\n")
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of(opts.get("log")).toFile()));
        quietPoller(host, port, request);
        long t0 = System.nanoTime();
        Process process = builder.start();
        long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                System.out.println("pid=" + process.pid() + " start_ms=-1 exited=" + process.exitValue());
                System.exit(1);
            }
            if (status(host, port, request) == 200) {
                double ms = (System.nanoTime() - t0) / 1e6;
                System.out.printf(Locale.ROOT, "pid=%d start_ms=%.1f%s%n", process.pid(), ms, cpuSoFar(process.pid()));
                return;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        System.out.println("pid=" + process.pid() + " start_ms=-1 timeout");
        System.exit(1);
    }

    /** How often a start is polled: 5 ms, at most 1 % of a start's time (see {@link #quietPoller}). */
    private static final long POLL_NANOS = 5_000_000;

    /**
     * The poller shares the machine with the start it times, so it should take as little of it as it can
     * (bench/journal.md, "The start: its poller and its CPU"). Polling every 2 ms from a JVM that had just started,
     * it took 0.15 s of CPU per second of a start, its JIT compiling the loop included, and a start on 2 cores
     * measured 6-12 % longer than under this one. So its polling path is compiled before the clock starts, by
     * probing the port while nothing listens on it yet (which also shows that nothing else does), the launching
     * path by one launch of {@code true}, and it polls every {@link #POLL_NANOS}: 0.04 s of CPU per second.
     */
    private static void quietPoller(String host, int port, byte[] request) throws Exception {
        for (int i = 0; i < 3000; i++) {
            if (status(host, port, request) != -1) {
                throw new IllegalStateException("something already answers on port " + port + ": pick another port");
            }
        }
        new ProcessBuilder("true").start().waitFor();
        Thread.sleep(300);   // the compiler threads finish what the warm-up queued before the clock starts
    }

    /**
     * " cpu_ms=N": the CPU the launched process has used so far, user and system, with that of its children it has
     * waited for (a launcher's subshells), read from Linux's /proc/PID/stat in its 10 ms clock ticks the moment the
     * first 200 arrives; empty where there is no /proc. Both cores are busy throughout a start on a small machine,
     * so this is a steadier judge of a change to the start than its wall time (bench/journal.md, "The start: its
     * poller and its CPU").
     */
    private static String cpuSoFar(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = 0;
            for (int field = 11; field <= 14; field++) {   // utime, stime, cutime, cstime (proc(5): fields 14-17)
                ticks += Long.parseLong(fields[field]);
            }
            return " cpu_ms=" + ticks * 10;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The status of one GET, or -1 while nothing listens. */
    private static int status(String host, int port, byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 100);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write(request);
            return readStatus(socket.getInputStream());
        } catch (IOException e) {
            return -1;
        }
    }

    private static int readStatus(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        String[] parts = line.toString().split(" ");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    }

    private static String loopback(String host) {
        if (!(host.equals("localhost") || host.startsWith("127.") || host.equals("::1"))) {
            throw new IllegalArgumentException("The benchmark only sends traffic to loopback, not " + host);
        }
        return host;
    }

    // ---------------------------------------------------------------- rate

    private static void rate(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            opts.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        String host = loopback(opts.getOrDefault("host", "127.0.0.1"));
        int port = Integer.parseInt(opts.get("port"));
        double rate = Double.parseDouble(opts.getOrDefault("rate", "1000"));
        double warmupS = Double.parseDouble(opts.getOrDefault("warmup", "5"));
        double durationS = Double.parseDouble(opts.getOrDefault("duration", "20"));
        int connections = Integer.parseInt(opts.getOrDefault("connections", "16"));
        byte[] request = Files.readAllBytes(Path.of(opts.get("request")));

        long interval = (long) (1e9 / rate);
        long warmupCount = (long) (warmupS * rate);
        long measureCount = (long) (durationS * rate);
        long total = warmupCount + measureCount;
        long[] latencies = new long[(int) measureCount];
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        AtomicLong ioErrors = new AtomicLong();
        AtomicLong maxSendLag = new AtomicLong();
        long t0 = System.nanoTime() + 50_000_000;
        long measureStart = t0 + warmupCount * interval;

        // Request i goes on connection i % connections, each connection keeping its own schedule (as wrk2 does),
        // so no hand-off from a sender thread to a connection's thread, and its wake-up, sits inside a latency.
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            int first = w;
            Thread worker = new Thread(() -> {
                Conn conn = null;
                byte[] buffer = new byte[64 * 1024];
                for (long i = first; i < total; i += connections) {
                    long scheduled = t0 + i * interval;
                    if (System.nanoTime() < scheduled) {
                        // Idle until its time: how late it wakes is the client's own lag, not the server's.
                        long lag = waitUntil(scheduled) - scheduled;
                        maxSendLag.accumulateAndGet(lag, Math::max);
                    }
                    int status = -1;
                    for (int attempt = 0; attempt < 2 && status < 0; attempt++) {
                        try {
                            if (conn == null) {
                                conn = new Conn(host, port);
                            }
                            conn.out.write(request);
                            conn.out.flush();
                            status = conn.readResponse(buffer);
                            if (conn.closeAfter) {
                                conn.close();
                                conn = null;
                            }
                        } catch (IOException e) {
                            if (conn != null) {
                                conn.close();
                                conn = null;
                            }
                            if (attempt == 1) {
                                ioErrors.incrementAndGet();
                            }
                        }
                    }
                    long done = System.nanoTime();
                    if (i >= warmupCount) {
                        if (status < 200 || status > 299) {
                            errors.incrementAndGet();
                        }
                        int slot = recorded.getAndIncrement();
                        if (slot < latencies.length) {
                            latencies[slot] = done - scheduled;
                        }
                    }
                }
                if (conn != null) {
                    conn.close();
                }
            }, "load-" + w);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }

        long drainDeadline = t0 + total * interval + TimeUnit.SECONDS.toNanos(10);
        for (Thread worker : workers) {
            worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(drainDeadline - System.nanoTime())));
        }
        long end = System.nanoTime();
        int n = Math.min(recorded.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        double achieved = n / ((end - measureStart) / 1e9);
        long incomplete = measureCount - n;
        System.out.printf(Locale.ROOT,
                "target_rps=%.0f achieved_rps=%.1f count=%d non2xx=%d io_errors=%d incomplete=%d "
                        + "p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f sender_max_lag_ms=%.3f%n",
                rate, achieved, n, errors.get(), ioErrors.get(), incomplete,
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), pct(sorted, 99.9),
                n == 0 ? Double.NaN : sorted[n - 1] / 1e6, maxSendLag.get() / 1e6);
        System.exit(0);
    }

    /** Parks until shortly before {@code deadline}, then spins to it; returns the time it woke. */
    private static long waitUntil(long deadline) {
        long now;
        while ((now = System.nanoTime()) < deadline) {
            long wait = deadline - now;
            if (wait > 200_000) {
                LockSupport.parkNanos(wait - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
        return now;
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** One keep-alive HTTP/1.1 connection; reconnects when the server answers Connection: close. */
    private static final class Conn {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        boolean closeAfter;

        Conn(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        }

        int readResponse(byte[] buffer) throws IOException {
            String statusLine = readLine();
            if (statusLine == null) {
                throw new IOException("connection closed");
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            closeAfter = statusLine.startsWith("HTTP/1.0");
            long length = -1;
            boolean chunked = false;
            String line;
            while ((line = readLine()) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    default -> { }
                }
            }
            if (chunked) {
                while (true) {
                    String size = readLine();
                    int chunk = Integer.parseInt(size.split(";")[0].trim(), 16);
                    skip(chunk + 2L, buffer);
                    if (chunk == 0) {
                        break;
                    }
                }
            } else if (length >= 0) {
                skip(length, buffer);
            } else {
                while (in.read(buffer) != -1) {
                    // read to close
                }
                closeAfter = true;
            }
            return status;
        }

        private void skip(long n, byte[] buffer) throws IOException {
            while (n > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, n));
                if (read < 0) {
                    throw new IOException("short body");
                }
                n -= read;
            }
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder(64);
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    int len = line.length();
                    if (len > 0 && line.charAt(len - 1) == '\r') {
                        line.setLength(len - 1);
                    }
                    return line.toString();
                }
                line.append((char) c);
            }
            return line.length() == 0 ? null : line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    // ---------------------------------------------------------------- summary

    /** metrics.tsv lines: server TAB metric TAB value. Prints a markdown table of medians and median ratios. */
    private static void summary(Path dir) throws IOException {
        List<Path> runs;
        try (var stream = Files.list(dir)) {
            runs = stream.filter(p -> p.getFileName().toString().startsWith("run") && Files.exists(p.resolve("metrics.tsv")))
                    .sorted().toList();
        }
        Map<String, Map<String, List<Double>>> values = new TreeMap<>(); // metric -> server -> per run
        Map<String, List<Double>> ratios = new TreeMap<>();
        List<String> order = new ArrayList<>();
        for (Path run : runs) {
            Map<String, Map<String, Double>> perRun = new LinkedHashMap<>();
            for (String line : Files.readAllLines(run.resolve("metrics.tsv"))) {
                String[] f = line.split("\t");
                if (f.length != 3 || f[2].isBlank()) {
                    continue;
                }
                double v;
                try {
                    v = Double.parseDouble(f[2]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (!order.contains(f[1])) {
                    order.add(f[1]);
                }
                perRun.computeIfAbsent(f[1], k -> new LinkedHashMap<>()).put(f[0], v);
                values.computeIfAbsent(f[1], k -> new TreeMap<>()).computeIfAbsent(f[0], k -> new ArrayList<>()).add(v);
            }
            perRun.forEach((metric, servers) -> {
                Double c = servers.get("callgate");
                Double m = servers.get("moto");
                if (c != null && m != null && m != 0 && !c.isNaN() && !m.isNaN()) {
                    ratios.computeIfAbsent(metric, k -> new ArrayList<>()).add(c / m);
                }
            });
        }
        System.out.println("Runs: " + runs.size() + " (median of runs; ratio = median of the per-run Callgate/moto ratios)");
        System.out.println();
        System.out.println("| metric | Callgate | moto | Callgate/moto |");
        System.out.println("| --- | ---: | ---: | ---: |");
        for (String metric : order) {
            Map<String, List<Double>> servers = values.get(metric);
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", metric,
                    fmt(median(servers.get("callgate"))), fmt(median(servers.get("moto"))),
                    ratios.containsKey(metric) ? fmt(median(ratios.get(metric))) + "x" : "n/a");
        }
        values.forEach((metric, servers) -> servers.forEach((server, list) -> {
            // A baseline's own figures (a start, a latency); its load and error counts are in the per-run lines.
            if (!server.equals("callgate") && !server.equals("moto") && (metric.endsWith("_ms") && !metric.endsWith("lag_ms"))) {
                System.out.printf(Locale.ROOT, "| %s of %s (a baseline) | | | median %s |%n", metric, server, fmt(median(list)));
            }
        }));
        System.out.println();
        System.out.println("Per run:");
        for (String metric : order) {
            Map<String, List<Double>> servers = values.get(metric);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-28s", metric));
            servers.forEach((server, list) -> line.append(' ').append(server).append('=').append(list));
            System.out.println(line);
        }
    }

    private static Double median(List<Double> list) {
        if (list == null || list.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(list);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String fmt(Double v) {
        if (v == null) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 0.1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
