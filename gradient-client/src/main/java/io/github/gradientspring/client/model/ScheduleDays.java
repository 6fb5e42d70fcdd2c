package io.github.gradientspring.client.model;

import java.time.DayOfWeek;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The API's cron-style day numbers and {@link DayOfWeek}: Monday is 1 through Saturday 6, and Sunday is 0, as cron
 * writes it. Sunday is sent as 0, the one number every cron dialect reads as Sunday; 7, which some dialects also
 * use for Sunday, is read as Sunday too.
 */
public final class ScheduleDays {

    /** The number Sunday is sent as. */
    public static final int SUNDAY = 0;

    private ScheduleDays() {
    }

    /**
     * The API's number of a day.
     * @param day the day
     * @return 1 for Monday through 6 for Saturday, 0 for Sunday
     */
    public static int toWire(DayOfWeek day) {
        return (day == DayOfWeek.SUNDAY) ? SUNDAY : day.getValue();
    }

    /**
     * The day of an API number; {@code null} for a number that is no day (the specification's own example is
     * {@code 123}).
     * @param number the API's number
     * @return the day, Sunday for both 0 and 7, or {@code null}
     */
    public static @Nullable DayOfWeek fromWire(int number) {
        if (number == 0 || number == 7) {
            return DayOfWeek.SUNDAY;
        }
        return (number >= 1 && number <= 6) ? DayOfWeek.of(number) : null;
    }

    /**
     * The days of API numbers, leaving out numbers that are no day.
     * @param numbers the API's numbers
     * @return the days, Monday first
     */
    public static Set<DayOfWeek> fromWire(Collection<Integer> numbers) {
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Integer number : numbers) {
            DayOfWeek day = (number != null) ? fromWire(number) : null;
            if (day != null) {
                days.add(day);
            }
        }
        return Collections.unmodifiableSet(days);
    }

    /**
     * The API numbers of days, in ascending order (so Sunday, 0, comes first).
     * @param days the days
     * @return the numbers
     */
    public static List<Integer> toWire(Collection<DayOfWeek> days) {
        return days.stream().map(ScheduleDays::toWire).sorted().distinct().toList();
    }

}
