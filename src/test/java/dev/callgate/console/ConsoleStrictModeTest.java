package dev.callgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callgate.testing.Browser;
import dev.callgate.testing.Operator;
import dev.callgate.testing.RunningServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/** In strict mode the console asks for the operator token once and keeps it for the browser session only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleStrictModeTest {
    private static final String TOKEN = "console-secret";
    private RunningServer server;
    private Browser browser;

    @BeforeAll
    void start() {
        server = RunningServer.start(null, s -> s.withStrictAuth(TOKEN, List.of()));
        browser = Browser.start();
    }

    @AfterAll
    void stop() {
        browser.close();
        server.close();
    }

    @Test
    void theTokenIsAskedForOnceAndKeptForTheSessionOnly() {
        browser.open("http://127.0.0.1:" + server.port() + "/console/");
        browser.awaitText(By.tagName("h1"), "Operator token");
        browser.screenshot("token");
        browser.find(By.id("token")).sendKeys("wrong");
        browser.find(By.cssSelector("#token-form button")).click();
        browser.awaitText(By.cssSelector("#token-form .error"), "That token was refused");

        browser.find(By.id("token")).sendKeys(TOKEN);
        browser.find(By.cssSelector("#token-form button")).click();
        browser.awaitText(By.tagName("h1"), "Accounts and regions");
        browser.find(By.linkText("Throttle")).click();
        browser.awaitText(By.tagName("h1"), "Throttle");
        browser.open("http://127.0.0.1:" + server.port() + "/console/#/accounts");
        browser.awaitText(By.tagName("h1"), "Accounts and regions");

        assertThat(browser.script("return sessionStorage.getItem('callgate.operatorToken')")).isEqualTo(TOKEN);
        assertThat(browser.script("return localStorage.length")).as("nothing outlives the session").isEqualTo(0L);
    }

    @Test
    void theEndpointsTheConsoleReadsNeedTheTokenAndItsFilesDoNot() {
        Operator anonymous = new Operator(server.port());
        Operator operator = new Operator(server.port(), TOKEN);
        for (String path : List.of("/_callgate/accounts", "/_callgate/instances", "/_callgate/throttle/activity",
                "/_callgate/requests", "/_callgate/calls")) {
            assertThat(anonymous.send("GET", path, null).statusCode()).as(path).isEqualTo(403);
            assertThat(operator.send("GET", path, null).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(anonymous.send("GET", "/console/", null).statusCode()).isEqualTo(200);
    }
}
