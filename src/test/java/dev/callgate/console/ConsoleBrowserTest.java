package dev.callgate.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callgate.config.Settings;
import dev.callgate.limits.quota.Quota;
import dev.callgate.limits.throttle.ThrottleMode;
import dev.callgate.testing.Browser;
import dev.callgate.testing.Calls;
import dev.callgate.testing.Clients;
import dev.callgate.testing.Fixtures;
import dev.callgate.testing.ServerSuite;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.LimitExceededException;
import software.amazon.awssdk.services.connect.model.ThrottlingException;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;

/**
 * The operator console in headless Chromium against a running server, changed through the real SDK
 * while the page is open: the figures must move without a reload. Each page is saved to
 * target/console-screenshots/. The throttle is faithful on a virtual clock, so its counts are exact.
 */
class ConsoleBrowserTest extends ServerSuite {
    private static final String OTHER = "444455556666";
    private static final String QUEUES = "L-19A87C94";
    private Browser browser;

    @Override
    protected UnaryOperator<Settings> settings() {
        return s -> s.withThrottle(ThrottleMode.FAITHFUL).withClock(Settings.ClockMode.VIRTUAL);
    }

    @BeforeEach
    void browserAndARoomyThrottleForTheSetUp() {
        server.operator().send("PUT", "/_callgate/accounts/" + ACCOUNT + "/throttle", "{\"operation\":\"*\",\"rate\":1000,\"burst\":1000}");
        if (browser == null) {
            browser = Browser.start();
        }
        browser.resize(1280, 800);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void accountsPageShowsInstancesPerRegionTurningAmberThenRedWithoutAReload() {
        for (int i = 1; i <= 3; i++) {
            Fixtures.newInstance(connect, "acme-" + i);
        }
        open("#/accounts");
        By usEast = By.cssSelector("tr[data-account='" + ACCOUNT + "'] .region");
        assertThat(browser.awaitText(usEast, "3 / 5").findElement(By.cssSelector(".usage")).getAttribute("data-level")).isEqualTo("ok");
        markPage();

        Fixtures.newInstance(connect, "acme-4");
        assertThat(browser.awaitText(usEast, "4 / 5").findElement(By.cssSelector(".usage")).getAttribute("data-level")).isEqualTo("warn");
        Fixtures.newInstance(connect, "acme-5");
        assertThat(browser.awaitText(usEast, "5 / 5").findElement(By.cssSelector(".usage")).getAttribute("data-level")).isEqualTo("full");
        assertThat(browser.find(By.cssSelector("tr[data-account='" + ACCOUNT + "']")).getText()).contains("AWS", "1,000/s");
        assertPageNotReloaded();
        browser.screenshot("accounts");

        browser.find(By.linkText("acme-4")).click();
        browser.awaitText(By.tagName("h1"), "Instance acme-4");
    }

    @Test
    void instancePageBarsMoveAsQueuesAndNumbersAreClaimed() {
        Fixtures fx = Fixtures.newInstance(connect, "acme");
        open("#/instance/" + fx.instanceId);
        browser.awaitText(By.tagName("h1"), "Instance acme");
        assertThat(browser.find(By.id("edition")).getText()).isEqualTo("2019-09-30");
        By queues = By.cssSelector("tr[data-quota='QUEUES']");
        By numbers = By.cssSelector("tr[data-quota='PHONE_NUMBERS']");
        browser.awaitText(queues, "1 / 50");
        markPage();

        for (String name : List.of("Sales", "Support", "Billing")) {
            fx.queue(name);
        }
        browser.awaitText(queues, "4 / 50");
        List<String> offered = connect.searchAvailablePhoneNumbers(r -> r.instanceId(fx.instanceId).phoneNumberCountryCode("US")
                .phoneNumberType("DID").maxResults(10)).availableNumbersList().stream().map(n -> n.phoneNumber()).toList();
        offered.subList(0, 8).forEach(number -> connect.claimPhoneNumber(r -> r.instanceId(fx.instanceId).phoneNumber(number)));
        assertThat(level(browser.awaitText(numbers, "8 / 10"))).isEqualTo("warn");
        assertThat(browser.awaitText(By.id("numbers"), offered.get(7)).findElements(By.tagName("li"))).hasSize(8);
        offered.subList(8, 10).forEach(number -> connect.claimPhoneNumber(r -> r.instanceId(fx.instanceId).phoneNumber(number)));
        assertThat(level(browser.awaitText(numbers, "10 / 10"))).isEqualTo("full");
        assertThat(level(browser.find(queues))).isEqualTo("ok");
        assertThat(browser.find(By.id("differing")).getText()).contains("every applied value is the edition's");
        assertThat(browser.find(By.id("quotas")).findElements(By.cssSelector("tbody tr")))
                .hasSize((int) Arrays.stream(Quota.values()).filter(q -> q.scope() != Quota.Scope.ACCOUNT_REGION).count());
        assertPageNotReloaded();
        browser.screenshot("instance");
        browser.resize(1280, 1500);
        browser.screenshot("instance-full");

        browser.resize(390, 844);
        assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scroll").isEqualTo(true);
        browser.screenshot("instance-narrow");
    }

    @Test
    void throttlePageCountsTheThrottledCallsAndShowsTheMessagesCallersGot() {
        try (ConnectClient other = Clients.connect(server.port(), OTHER, "us-east-1")) {
            assertThat(listInstances(other, 8)).isEqualTo(3);  // burst 5 on a clock that stands still
            open("#/throttle");
            By bucket = By.cssSelector("article[data-account='" + OTHER + "'][data-operation='ListInstances']");
            WebElement card = browser.awaitText(bucket, "3 throttled");
            assertThat(card.getText()).contains("5 admitted", "rate 2/s, burst 5");
            assertThat(card.findElement(By.tagName("svg")).getAttribute("aria-label")).contains("5 admitted and 3 throttled");
            assertThat(browser.awaitText(By.id("throttled"), "Rate exceeded").findElements(By.cssSelector("tbody tr"))).hasSize(3);
            markPage();

            assertThat(listInstances(other, 2)).isEqualTo(2);
            browser.awaitText(bucket, "5 throttled");
            assertThat(browser.find(By.id("throttled")).getText()).contains("for connect:ListInstances (RateLimit 2 per second, BurstLimit 5)");
            assertPageNotReloaded();
        }
        new Select(browser.find(By.id("account"))).selectByValue(OTHER);
        browser.find(By.cssSelector("#throttle-filter button")).click();
        browser.await("the filter in the address", d -> d.getCurrentUrl().endsWith("#/throttle?account=" + OTHER));
        browser.await("only the other account's buckets", d -> d.findElements(By.cssSelector("article[data-account='" + ACCOUNT + "']")).isEmpty());
        browser.awaitText(By.cssSelector("article[data-account='" + OTHER + "']"), "5 throttled");
        browser.screenshot("throttle");
    }

    @Test
    void requestsPageApprovesAQuotaIncreaseThatTheInstanceEnforcesAtOnce() {
        Fixtures fx = Fixtures.newInstance(connect, "acme");
        String arn = connect.describeInstance(r -> r.instanceId(fx.instanceId)).instance().arn();
        for (int i = 1; i < 50; i++) {  // BasicQueue is the first
            fx.queue("q" + i);
        }
        assertThatThrownBy(() -> fx.queue("q50")).isInstanceOf(LimitExceededException.class);
        String id;
        try (ServiceQuotasClient quotas = Clients.serviceQuotas(server.port(), ACCOUNT, "us-east-1")) {
            id = quotas.requestServiceQuotaIncrease(r -> r.serviceCode("connect").quotaCode(QUEUES).desiredValue(51.0).contextId(arn))
                    .requestedQuota().id();
        }
        open("#/requests");
        String open = "#open-requests tr[data-request='" + id + "']";
        assertThat(browser.awaitText(By.cssSelector(open), "50 → 51").getText()).contains(ACCOUNT, QUEUES, fx.instanceId);
        browser.screenshot("requests");

        browser.find(By.cssSelector(open + " button[value='approve']")).click();
        browser.awaitText(By.cssSelector(open + " .form-error"), "Give a reason to approve.");
        browser.find(By.id("reason-" + id)).sendKeys("seasonal peak");
        browser.find(By.cssSelector(open + " button[value='approve']")).click();
        WebElement decided = browser.awaitText(By.cssSelector("#request-history tr[data-request='" + id + "']"), "APPROVED");
        assertThat(decided.getText()).contains("seasonal peak");
        browser.screenshot("requests-decided");

        decided.findElement(By.linkText(fx.instanceId)).click();
        By queues = By.cssSelector("tr[data-quota='QUEUES']");
        assertThat(browser.awaitText(queues, "50 / 51").findElement(By.cssSelector("td[data-label='Applied']")).getText()).isEqualTo("51");
        fx.queue("q50");
        browser.awaitText(queues, "51 / 51");
        assertThatThrownBy(() -> fx.queue("q51")).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void callsPageShowsALiveCallAgainstTheLimitAndEndsIt() {
        Fixtures fx = Fixtures.newInstance(connect, "acme");
        String number = Calls.claimNumber(connect, fx.instanceId);
        String contactId = new Calls(server.port(), ACCOUNT).place(fx.instanceId, number, 600).path("contactId").asText();
        long limit = server.operator().value("instances/" + fx.instanceId + "/quotas", "CONCURRENT_CALLS");
        open("#/calls");
        By section = By.cssSelector("section[data-instance='" + fx.instanceId + "']");
        assertThat(browser.awaitText(section, "1 live of " + limit + " allowed").getText())
                .contains(contactId, number, "INBOUND", "0 refused", "1 / " + limit);
        browser.screenshot("calls");

        browser.find(By.cssSelector("button.end-call[data-contact='" + contactId + "']")).click();
        assertThat(browser.awaitText(section, "0 live of " + limit + " allowed").getText()).contains("No live calls.").doesNotContain(contactId);
        assertThat(server.operator().usage("instances/" + fx.instanceId + "/quotas", "CONCURRENT_CALLS")).isZero();
    }

    @Test
    void everyPageIsReachedFromTheKeyboard() {
        open("#/accounts");
        browser.awaitText(By.tagName("h1"), "Accounts and regions");
        WebElement skip = browser.find(By.tagName("body"));
        skip.sendKeys(Keys.TAB);
        assertThat(focused().getText()).isEqualTo("Skip to content");
        for (String page : List.of("Callgate", "Accounts", "Throttle", "Requests", "Calls")) {
            focused().sendKeys(Keys.TAB);
            assertThat(focused().getText()).isEqualTo(page);
            if (page.equals("Throttle")) {
                focused().sendKeys(Keys.ENTER);
                browser.awaitText(By.tagName("h1"), "Throttle");
                assertThat(browser.find(By.cssSelector("nav a[aria-current='page']")).getText()).isEqualTo("Throttle");
                browser.find(By.cssSelector("nav a[data-page='throttle']")).sendKeys("");  // focus back on the link
            }
        }
        assertThat(browser.find(By.cssSelector("label[for='account']")).getText()).isEqualTo("Account");
    }

    private void open(String hash) {
        browser.open("http://127.0.0.1:" + server.port() + "/console/" + hash);
    }

    private int listInstances(ConnectClient client, int times) {
        int throttled = 0;
        for (int i = 0; i < times; i++) {
            try {
                client.listInstances(r -> { });
            } catch (ThrottlingException e) {
                throttled++;
            }
        }
        return throttled;
    }

    private WebElement focused() {
        return browser.driver().switchTo().activeElement();
    }

    private static String level(WebElement row) {
        return row.findElement(By.cssSelector(".usage")).getAttribute("data-level");
    }

    /** Marks this page load, so that a later check proves the figures changed without a reload. */
    private void markPage() {
        browser.script("window.stillTheSamePage = true");
    }

    private void assertPageNotReloaded() {
        assertThat(browser.script("return window.stillTheSamePage === true")).as("the page was not reloaded").isEqualTo(true);
    }
}
