package dev.callgate.accounts;

/** Who made an authenticated AWS request: the account, the region of its credential scope, and the key. */
public record Caller(String accountId, String region, String accessKeyId) {
}
