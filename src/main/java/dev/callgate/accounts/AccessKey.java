package dev.callgate.accounts;

/** A user's access key in strict mode: the account it belongs to and its secret. */
public record AccessKey(String accessKeyId, String secretAccessKey, String accountId, String userName) {
}
