package dev.callgate.testing;

/** The stores a suite can run on; {@code @EnumSource(StoreKind.class)} runs a suite on each. */
public enum StoreKind {
    SQLITE {
        @Override
        public String freshUrl() {
            return null;
        }
    },
    POSTGRESQL {
        @Override
        public String freshUrl() {
            return Stores.freshPostgres();
        }
    };

    /** The JDBC URL of a new, empty store of this kind; null means the embedded SQLite store in a new directory. */
    public abstract String freshUrl();
}
