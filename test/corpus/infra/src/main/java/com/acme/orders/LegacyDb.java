package com.acme.orders;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

public final class LegacyDb {
    private static final String URL = System.getenv("LEGACY_JDBC_URL");
    private static final String PASSWORD = System.getenv("LEGACY_DB_PASSWORD");

    // Used by the nightly export job until the vault integration lands (fake value).
    private static final String EXPORT_URL =
        "jdbc:mysql://inventory:FAKE0jdbc-TEST-8mN4@mysql.internal:3306/inventory";

    private LegacyDb() {}

    public static Connection open() throws SQLException {
        return DriverManager.getConnection(URL, "legacy", PASSWORD);
    }

    public static Connection openWithPassword(char[] password) throws SQLException {
        return DriverManager.getConnection(URL, "legacy", new String(password));
    }
}
