package se.kvalitet.deviation.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;

/**
 * Swedish working days: Monday to Friday except public holidays (lag (1989:253) om allmänna
 * helgdagar) and the eves that are days off in practice in municipal administration
 * (midsommarafton, julafton, nyårsafton). Movable holidays follow Easter (Gregorian computus).
 */
public final class SwedishCalendar {

    private SwedishCalendar() {}

    public static boolean isWorkingDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !isHolidayOrEve(day);
    }

    /** The day {@code n} working days after {@code from} (n ≥ 0; 0 gives {@code from} itself). */
    public static LocalDate addWorkingDays(LocalDate from, int n) {
        LocalDate d = from;
        int left = n;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** Public holidays and the eves that are days off. */
    public static boolean isHolidayOrEve(LocalDate d) {
        int year = d.getYear();
        int m = d.getMonthValue();
        int day = d.getDayOfMonth();
        if ((m == 1 && (day == 1 || day == 6))
                || (m == 5 && day == 1)
                || (m == 6 && day == 6)
                || (m == 12 && (day == 24 || day == 25 || day == 26 || day == 31))) {
            return true;
        }
        LocalDate easter = easterSunday(year);
        if (d.equals(easter.minusDays(2))
                || d.equals(easter)
                || d.equals(easter.plusDays(1))
                || d.equals(easter.plusDays(39))
                || d.equals(easter.plusDays(49))) {
            return true; // långfredag, påskdagen, annandag påsk, Kristi himmelsfärdsdag, pingstdagen
        }
        LocalDate midsummerDay =
                LocalDate.of(year, Month.JUNE, 20).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
        if (d.equals(midsummerDay) || d.equals(midsummerDay.minusDays(1))) {
            return true; // midsommardagen and midsommarafton
        }
        LocalDate allSaints =
                LocalDate.of(year, Month.OCTOBER, 31).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
        return d.equals(allSaints);
    }

    /** Easter Sunday (anonymous Gregorian algorithm). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
