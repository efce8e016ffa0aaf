package se.kvalitet.deviation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.deviation.clock.DeadlineClock;

/** The clock engine's arithmetic: Swedish holidays, working days, policies and clock states, with fixed instants. */
class ClockPolicyTest {

    static final ZoneId SE = ZoneId.of("Europe/Stockholm");

    static Instant at(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), SE).toInstant();
    }

    @Test
    void easterFollowsTheGregorianComputus() {
        assertThat(SwedishCalendar.easterSunday(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(SwedishCalendar.easterSunday(2025)).isEqualTo(LocalDate.of(2025, 4, 20));
        assertThat(SwedishCalendar.easterSunday(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(SwedishCalendar.easterSunday(2027)).isEqualTo(LocalDate.of(2027, 3, 28));
        assertThat(SwedishCalendar.easterSunday(2038)).isEqualTo(LocalDate.of(2038, 4, 25));
        assertThat(SwedishCalendar.easterSunday(2285)).isEqualTo(LocalDate.of(2285, 3, 22));
    }

    @Test
    void swedishPublicHolidaysAndEvesAreNotWorkingDays() {
        // 2026: långfredag 3 Apr, annandag påsk 6 Apr, Kristi himmelsfärd 14 May, midsommarafton 19 Jun
        for (String holiday : new String[] {
            "2026-01-01",
            "2026-01-06",
            "2026-04-03",
            "2026-04-06",
            "2026-05-01",
            "2026-05-14",
            "2026-06-19",
            "2026-12-24",
            "2026-12-25",
            "2026-12-31",
            "2027-03-26",
            "2027-03-29",
            "2027-05-06",
            "2027-06-25"
        }) {
            assertThat(SwedishCalendar.isWorkingDay(LocalDate.parse(holiday)))
                    .as(holiday)
                    .isFalse();
        }
        // nationaldagen on a Monday (2022), a Saturday holiday (alla helgons dag 2026-10-31) is no working day either
        assertThat(SwedishCalendar.isWorkingDay(LocalDate.parse("2022-06-06"))).isFalse();
        assertThat(SwedishCalendar.isHolidayOrEve(LocalDate.parse("2026-10-31")))
                .isTrue();
        assertThat(SwedishCalendar.isHolidayOrEve(LocalDate.parse("2027-11-06")))
                .isTrue();
        // near misses: skärtorsdag, the day after Kristi himmelsfärd, the Monday after midsummer, 27 Dec on a Monday
        for (String workday : new String[] {"2026-04-02", "2026-05-15", "2026-06-22", "2027-12-27", "2026-11-02"}) {
            assertThat(SwedishCalendar.isWorkingDay(LocalDate.parse(workday)))
                    .as(workday)
                    .isTrue();
        }
        assertThat(SwedishCalendar.isWorkingDay(LocalDate.parse("2026-11-28")))
                .as("a Saturday")
                .isFalse();
    }

    @Test
    void workingDaysSkipWeekendsAndHolidays() {
        // Thursday before Easter 2026 + 1 working day: over långfredag, the weekend and annandag påsk to Tuesday
        assertThat(SwedishCalendar.addWorkingDays(LocalDate.of(2026, 4, 2), 1)).isEqualTo(LocalDate.of(2026, 4, 7));
        assertThat(SwedishCalendar.addWorkingDays(LocalDate.of(2026, 12, 23), 2))
                .isEqualTo(LocalDate.of(2026, 12, 29));
        assertThat(SwedishCalendar.addWorkingDays(LocalDate.of(2026, 11, 27), 0))
                .isEqualTo(LocalDate.of(2026, 11, 27));
    }

    @Test
    void policiesParseAndComputeDueTimesInSwedishTime() {
        ClockPolicy hours = ClockPolicy.parse("72h");
        assertThat(hours.unit()).isEqualTo(ClockPolicy.Unit.EXACT);
        // exact hours over the end of summer time: 72 real hours
        assertThat(hours.due(at("2026-10-23T10:00"), SE))
                .isEqualTo(at("2026-10-23T10:00").plusSeconds(72 * 3600));
        assertThat(ClockPolicy.parse("PT72H")).isEqualTo(hours);
        // calendar days keep the local time over the DST change
        assertThat(ClockPolicy.parse("7d").due(at("2026-10-23T10:00"), SE)).isEqualTo(at("2026-10-30T10:00"));
        // working days: by the end of the 2nd working day after Wednesday 23 Dec 2026 -> end of Tuesday 29 Dec
        assertThat(ClockPolicy.parse("2wd").due(at("2026-12-23T15:30"), SE)).isEqualTo(at("2026-12-30T00:00"));
        assertThat(ClockPolicy.parse(" 3WD ").toString()).isEqualTo("3wd");
        for (String bad : new String[] {"", "3 weeks", "-2d", "PT0S", "P-1D", "3x"}) {
            assertThatThrownBy(() -> ClockPolicy.parse(bad)).as(bad).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void aClockIsOpenThenDueSoonThenOverdueAndRemembersHowItStopped() {
        DeadlineClock c = new DeadlineClock();
        c.id = UUID.randomUUID();
        c.startedAt = at("2026-11-02T08:00");
        c.dueAt = at("2026-11-05T08:00");
        c.dueSoonAt = at("2026-11-04T14:00");
        assertThat(c.state(at("2026-11-03T08:00"))).isEqualTo("OPEN");
        assertThat(c.state(at("2026-11-04T14:00"))).isEqualTo("DUE_SOON");
        assertThat(c.state(at("2026-11-05T08:00"))).isEqualTo("OVERDUE");
        c.stoppedAt = at("2026-11-05T09:00");
        c.stopReason = "MET";
        assertThat(c.state(at("2026-11-09T08:00"))).isEqualTo("MET_LATE");
        c.stoppedAt = at("2026-11-04T09:00");
        assertThat(c.state(at("2026-11-09T08:00"))).isEqualTo("MET");
        c.stopReason = "NOT_REQUIRED";
        assertThat(c.state(at("2026-11-09T08:00"))).isEqualTo("NOT_REQUIRED");
    }
}
