package dev.sluice.masterdata;

import java.util.Optional;
import java.util.function.Function;

/**
 * What the gateway can say of one code or document: it is there, it is not, or it cannot tell
 * because its copy does not have it and the ERP cannot answer now.
 */
public final class Lookup<T> {

    private static final Lookup<?> ABSENT = new Lookup<>(null, false);
    private static final Lookup<?> UNDECIDED = new Lookup<>(null, true);

    private final T value;
    private final boolean undecided;

    private Lookup(T value, boolean undecided) {
        this.value = value;
        this.undecided = undecided;
    }

    public static <T> Lookup<T> found(T value) {
        return new Lookup<>(java.util.Objects.requireNonNull(value), false);
    }

    @SuppressWarnings("unchecked")
    public static <T> Lookup<T> absent() {
        return (Lookup<T>) ABSENT;
    }

    /** The copy does not have it and the ERP cannot answer now. */
    @SuppressWarnings("unchecked")
    public static <T> Lookup<T> undecided() {
        return (Lookup<T>) UNDECIDED;
    }

    public static <T> Lookup<T> of(Optional<T> known) {
        return known.map(Lookup::found).orElseGet(Lookup::absent);
    }

    /** The value, when found. */
    public Optional<T> value() {
        return Optional.ofNullable(value);
    }

    public boolean isFound() {
        return value != null;
    }

    public boolean isAbsent() {
        return value == null && !undecided;
    }

    public boolean isUndecided() {
        return undecided;
    }

    public <R> Lookup<R> map(Function<T, R> mapping) {
        return value == null ? (undecided ? undecided() : absent()) : found(mapping.apply(value));
    }

    @Override
    public String toString() {
        return value != null ? "found " + value : undecided ? "undecided" : "absent";
    }
}
