package dev.callgate.cli;

import dev.callgate.config.ConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where an option's value comes from when its flag is absent: the environment variable
 * {@code CALLGATE_<NAME>} (e.g. CALLGATE_DATA_DIR), then the config file's key of the same name
 * ({@code "data-dir"}), then the built-in default.
 */
final class SettingSources {
    static final String DEFAULT_CONFIG = "callgate.json";

    private final ConfigFile file;
    private final Map<String, String> env;

    SettingSources(String[] args, Map<String, String> env) {
        this.env = env;
        Path path = configPath(args, env);
        boolean optional = path.equals(Path.of(DEFAULT_CONFIG));
        this.file = optional && !Files.exists(path) ? ConfigFile.empty() : ConfigFile.read(path);
    }

    ConfigFile file() {
        return file;
    }

    /** The option's value from the environment, else from the config file, else {@code builtIn}. */
    String value(String option, String builtIn) {
        String fromEnv = env.get(envName(option));
        if (fromEnv != null) {
            return fromEnv;
        }
        String fromFile = file.option(option);
        return fromFile != null ? fromFile : builtIn;
    }

    static String envName(String option) {
        return "CALLGATE_" + option.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The config file: --config, else CALLGATE_CONFIG (both must exist), else ./callgate.json when it exists. */
    private static Path configPath(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        String fromEnv = env.get(envName("config"));
        return Path.of(fromEnv != null ? fromEnv : DEFAULT_CONFIG);
    }
}
