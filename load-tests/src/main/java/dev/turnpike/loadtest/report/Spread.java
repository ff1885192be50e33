package dev.turnpike.loadtest.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * The median of repeated measurements with their minimum and maximum, the form every figure is reported in.
 *
 * @param median median (mean of the middle two for an even count)
 * @param min    smallest
 * @param max    largest
 * @param runs   how many measurements
 */
public record Spread(double median, double min, double max, int runs) {

    /** The spread of {@code values}, at least one. */
    public static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("values: [] (expected: at least one measurement)");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
    }

    /** The same spread with every value mapped (for unit conversions). */
    public Spread map(DoubleUnaryOperator f) {
        return new Spread(f.applyAsDouble(median), f.applyAsDouble(min), f.applyAsDouble(max), runs);
    }

    /** {@code median (min–max)} with thousands separators and {@code decimals} decimals; just the value for one run. */
    public String format(int decimals) {
        String m = number(median, decimals);
        return runs == 1 ? m : m + " (" + number(min, decimals) + "–" + number(max, decimals) + ")";
    }

    /** A number with thousands separators and fixed decimals, locale-independent. */
    public static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** {@code value / reference} as {@code 0.87×}, or {@code n/a} when the reference is zero. */
    public static String ratio(double value, double reference) {
        return reference == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f×", value / reference);
    }
}
