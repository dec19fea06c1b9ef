package dev.callgate.accounts;

/** Who bills an account: AWS itself, or Amazon Internet Services Pvt. Ltd in India (limits.md §1). */
public enum BillingEntity {
    AWS,
    AISPL
}
