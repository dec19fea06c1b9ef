package dev.callgate.limits.throttle;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the throttle's buckets live when Redis holds them ({@code --throttle-store}):
 * {@code redis://[[user]:password@]host[:port][/db]}, the port 6379 and the database 0 by default.
 * Its text form masks the password, so it can be printed.
 */
public record RedisAddress(String host, int port, int database, String user, String password) {
    public static final int DEFAULT_PORT = 6379;

    public RedisAddress {
        if (host == null || host.isEmpty() || port < 1 || port > 65_535 || database < 0) {
            throw new IllegalArgumentException("A Redis address needs a host, a port 1..65535 and a database >= 0");
        }
    }

    /** Parses {@code redis://[[user]:password@]host[:port][/db]}; anything else is an IllegalArgumentException. */
    public static RedisAddress parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!"redis".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || !path.matches("(/([0-9]{1,9})?)?")) {
            throw new IllegalArgumentException("not redis://host:port[/db]: " + text);
        }
        int database = path.length() > 1 ? Integer.parseInt(path.substring(1)) : 0;
        String user = null;
        String password = null;
        if (uri.getUserInfo() != null) {
            int colon = uri.getUserInfo().indexOf(':');
            user = colon > 0 ? uri.getUserInfo().substring(0, colon) : null;
            password = colon >= 0 ? uri.getUserInfo().substring(colon + 1) : uri.getUserInfo();
        }
        return new RedisAddress(uri.getHost(), uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort(), database, user, password);
    }

    /** The address as it may be printed: its password masked. */
    @Override
    public String toString() {
        String credentials = password == null ? "" : (user == null ? "" : user) + ":***@";
        return "redis://" + credentials + host + ":" + port + "/" + database;
    }
}
