package se.kvalitet.deviation.action;

import java.time.LocalDate;

/** The command that records the one check of a done action's effect. */
public record CheckEffect(LocalDate checkedOn, boolean effective, String comment) {}
