package dev.sluice.erp;

/**
 * Makes an adapter of one type from a backend's settings. Each adapter package offers one as a
 * CDI bean; routing finds it by {@link #type()}.
 */
public interface ErpAdapterFactory {

    /** The {@code type} a backend entry names to use this adapter, e.g. {@code netsuite}. */
    String type();

    /**
     * An adapter for one backend, its settings read and checked now.
     *
     * @throws BackendSettings.InvalidBackendSettingsException naming what is missing or wrong
     */
    ErpBackend create(BackendSettings settings);
}
