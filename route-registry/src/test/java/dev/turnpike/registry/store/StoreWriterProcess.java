package dev.turnpike.registry.store;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link EmbeddedStoreDurabilityTest}: opens the embedded store in {@code args[0]}, replaces
 * the catalog, reports the version on stdout and then waits to be killed, without closing anything.
 */
public final class StoreWriterProcess {
    private StoreWriterProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        JdbcCatalogStore store = JdbcCatalogStore.embedded(Path.of(args[0]));
        long version = store.replace(CatalogFixtures.full(Integer.parseInt(args[1]))).version();
        System.out.println("REPLACED " + version);
        System.out.flush();
        new java.util.concurrent.CountDownLatch(1).await(); // until SIGKILL
    }
}
