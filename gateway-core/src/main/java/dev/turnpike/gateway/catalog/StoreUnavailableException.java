package dev.turnpike.gateway.catalog;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * The catalog store cannot do the work now: it is unreachable (known to be, or found so by this attempt), or its
 * queue on this node is full. Nothing was changed. Other store failures (a statement the database rejects, a bug)
 * are not this: they are thrown as they are.
 */
public final class StoreUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean busy;

    StoreUnavailableException(String message, Throwable cause, boolean busy) {
        super(message, cause);
        this.busy = busy;
    }

    /** Whether the store is reachable but this node's queue of store work is full (rather than unreachable). */
    public boolean busy() {
        return busy;
    }

    /**
     * Whether {@code error} means the database could not be reached or the connection to it broke (rather than that
     * it refused a statement): a connection-class SQL state ({@code 08xxx}), an administrator or crash shutdown
     * ({@code 57P0x}), a pool timeout, or a socket failure anywhere among its causes.
     */
    static boolean isUnreachable(Throwable error) {
        Throwable e = error;
        for (int depth = 0; e != null && depth < 10; depth++, e = e.getCause()) {
            if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                    || e instanceof SQLRecoverableException || e instanceof ConnectException
                    || e instanceof SocketTimeoutException || e instanceof SocketException
                    || e instanceof EOFException || e instanceof UnknownHostException) {
                return true;
            }
            if (e instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            // Hikari's pool failing to start, or closed under a concurrent caller while the store was dropped.
            String type = e.getClass().getName();
            if (type.equals("com.zaxxer.hikari.pool.HikariPool$PoolInitializationException")
                    || (e instanceof SQLException && String.valueOf(e.getMessage()).contains("has been closed"))) {
                return true;
            }
        }
        return false;
    }
}
