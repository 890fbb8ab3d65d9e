package org.apiary.store;

/** The SQL engines Apiary supports. Migrations stay in their common subset where they can. */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql"),
    MARIADB("mysql");

    private final String migrationFolder;

    Dialect(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    /** Name of the per-vendor migration folder, used only where the common SQL is not enough. */
    public String migrationFolder() {
        return migrationFolder;
    }
}
