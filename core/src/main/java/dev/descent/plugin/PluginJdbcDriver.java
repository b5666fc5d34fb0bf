package dev.descent.plugin;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;

/**
 * A JDBC driver from a jar in the plugin folder, made visible to {@link DriverManager}. The driver
 * manager hands out only drivers whose class the caller's class loader can load, and a plugin jar
 * has a class loader of its own; so this class, which the application's loader has, stands in for
 * the jar's driver. The driver itself is loaded on first use: a run that reads no database pays nothing.
 */
final class PluginJdbcDriver implements Driver {

    private final PluginJarClassLoader loader;
    private Driver driver;

    private PluginJdbcDriver(PluginJarClassLoader loader) {
        this.loader = loader;
    }

    /**
     * Registers the jar's driver with {@link DriverManager} when the jar declares one.
     *
     * @return the registered stand-in, to {@link #deregister} when the jar's loader closes; null when
     *         the jar holds no driver
     */
    static PluginJdbcDriver registerIfDriver(PluginJarClassLoader loader) {
        if (loader.findResource("META-INF/services/" + Driver.class.getName()) == null) {
            return null;
        }
        try {
            PluginJdbcDriver driver = new PluginJdbcDriver(loader);
            DriverManager.registerDriver(driver);
            return driver;
        } catch (SQLException e) {
            return null;
        }
    }

    void deregister() {
        try {
            DriverManager.deregisterDriver(this);
        } catch (SQLException e) {
            // already gone
        }
    }

    private synchronized Driver driver() throws SQLException {
        if (driver == null) {
            try {
                driver = ServiceLoader.load(Driver.class, loader).findFirst().orElseThrow(() -> new SQLException(
                        loader.jar() + " lists a JDBC driver that it does not hold"));
            } catch (java.util.ServiceConfigurationError | LinkageError e) {
                throw new SQLException("the JDBC driver in " + loader.jar() + " cannot be loaded: " + e.getMessage(), e);
            }
        }
        return driver;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        return driver().connect(url, info);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return driver().acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return driver().getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        try {
            return driver().getMajorVersion();
        } catch (SQLException e) {
            return 0;
        }
    }

    @Override
    public int getMinorVersion() {
        try {
            return driver().getMinorVersion();
        } catch (SQLException e) {
            return 0;
        }
    }

    @Override
    public boolean jdbcCompliant() {
        try {
            return driver().jdbcCompliant();
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        try {
            return driver().getParentLogger();
        } catch (SQLFeatureNotSupportedException e) {
            throw e;
        } catch (SQLException e) {
            throw new SQLFeatureNotSupportedException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JDBC driver from " + loader.jar();
    }
}
