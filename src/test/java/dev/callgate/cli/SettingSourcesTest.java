package dev.callgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.accounts.BillingEntity;
import dev.callgate.config.CallSettings;
import dev.callgate.config.Settings;
import dev.callgate.sip.ReorderTone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every option comes from a flag, else CALLGATE_<NAME>, else the config file's key of the same name, else its default. */
class SettingSourcesTest {
    @TempDir
    Path dir;

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
        Path file = dir.resolve("callgate.json");
        Files.writeString(file, """
                {"port": 5001, "bind": "0.0.0.0", "data-dir": "/from/file", "auth": "strict", "operator-token": "t",
                 "accounts": [{"id": "111122223333", "billingEntity": "AISPL",
                               "users": [{"name": "a", "accessKeyId": "AK", "secretAccessKey": "S"}]}]}
                """);
        String[] args = {"serve", "--config", file.toString(), "--port", "5003"};

        Settings settings = parse(args, Map.of("CALLGATE_PORT", "5002", "CALLGATE_DATA_DIR", "/from/env"));

        assertThat(settings.port()).isEqualTo(5003);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/from/env"));
        assertThat(settings.bind()).isEqualTo("0.0.0.0");
        assertThat(settings.auth()).isEqualTo(Settings.AuthMode.STRICT);
        assertThat(settings.operatorToken()).isEqualTo("t");
        assertThat(settings.edition()).isNull();
        assertThat(settings.accessKeys()).singleElement().satisfies(k -> assertThat(k.accountId()).isEqualTo("111122223333"));
        assertThat(settings.billingEntities()).containsEntry("111122223333", BillingEntity.AISPL);
    }

    @Test
    void defaultsWithoutFlagsEnvironmentOrFile() {
        Settings settings = parse(new String[] {"serve"}, Map.of());

        assertThat(settings.port()).isEqualTo(4599);
        assertThat(settings.bind()).isEqualTo("127.0.0.1");
        assertThat(settings.dataDir()).isEqualTo(Path.of("./callgate-data"));
        assertThat(settings.auth()).isEqualTo(Settings.AuthMode.LENIENT);
        assertThat(settings.store()).isNull();
    }

    @Test
    void callSettingsComeFromFlagsEnvironmentAndFileLikeTheOthers() throws Exception {
        Path file = dir.resolve("callgate.json");
        Files.writeString(file, """
                {"sip-trunk": "10.0.0.9:5060", "max-call-duration": "90m", "reorder-tone": "early-media"}
                """);
        String[] args = {"serve", "--config", file.toString()};

        Settings settings = parse(args, Map.of("CALLGATE_SIP_PORT", "5070"));

        assertThat(settings.calls().sipPort()).isEqualTo(5070);
        assertThat(settings.calls().sipTrunk()).isEqualTo("10.0.0.9:5060");
        assertThat(settings.calls().maxCallDuration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(settings.calls().reorderTone()).as("North America's tone").isEqualTo(ReorderTone.US);
        assertThat(settings.calls().reorderToneLabel()).isEqualTo("early-media:us");
        assertThat(parse(new String[] {"serve", "--reorder-tone", "early-media:uk"}, Map.of()).calls().reorderTone())
                .isEqualTo(ReorderTone.UK);
        assertThat(parse(new String[] {"serve"}, Map.of()).calls())
                .isEqualTo(new CallSettings(5060, null, Duration.ofHours(4), null));
        assertThat(CallSettings.forTests().reorderToneLabel()).isEqualTo("off");
        assertThatThrownBy(() -> parse(new String[] {"serve", "--reorder-tone", "loud"}, Map.of()))
                .hasMessage("--reorder-tone must be off, early-media (North America's tone) or early-media:us, :uk, :de, :jp or :au,"
                        + " not 'loud'");
        assertThatThrownBy(() -> parse(new String[] {"serve", "--reorder-tone", "early-media:off"}, Map.of()))
                .hasMessageContaining("--reorder-tone must be");
        assertThatThrownBy(() -> parse(new String[] {"serve", "--max-call-duration", "soon"}, Map.of()))
                .hasMessageContaining("--max-call-duration");
        assertThatThrownBy(() -> parse(new String[] {"serve", "--sip-trunk", "nohost"}, Map.of()))
                .hasMessageContaining("--sip-trunk");
    }

    @Test
    void namedConfigFileMustExist() {
        String[] args = {"serve", "--config", dir.resolve("absent.json").toString()};

        assertThatThrownBy(() -> parse(args, Map.of())).hasMessageContaining("absent.json");
    }

    private static Settings parse(String[] args, Map<String, String> env) {
        ServeCommand serve = new ServeCommand();
        List<String> words = List.of(args).subList(1, args.length); // after "serve"
        return serve.settings(Arguments.parse(serve, words, new SettingSources(args, env)));
    }
}
