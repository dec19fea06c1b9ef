-- One row per account that has submitted a request. A submission locks its account's row before it
-- counts the account's open requests (docs/limits.md §7: at most 20), so two submissions of one
-- account count one after the other on PostgreSQL too, as SQLite's one write lock makes them.
-- Plain types and statements only: the same file runs on PostgreSQL and SQLite.
create table request_account (
    account_id varchar(12) primary key
);
