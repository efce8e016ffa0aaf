package se.kvalitet.followup.kolada;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.followup.domain.Enums.MissingReason;
import se.kvalitet.followup.domain.Numbers;
import se.kvalitet.followup.domain.Rollup;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.indicator.IndicatorRepository;
import se.kvalitet.followup.measurement.Measurement;
import se.kvalitet.followup.measurement.MeasurementRepository;
import se.kvalitet.web.Page;

/** Our yearly measurements served in Kolada's data shape (for municipalities' own comparisons). */
@ApplicationScoped
public class KoladaExport {

    @Inject
    IndicatorRepository indicators;

    @Inject
    MeasurementRepository measurements;

    /** One (indicator, unit, year) that has measurements: an entry of the export. */
    public record EntryKey(UUID indicatorId, UUID orgUnitId, String period) {}

    /** One entry of the Kolada shape: a KPI at an area and year with its gender values. */
    @Schema(
            name = "KoladaEntry",
            description = "Kolada's data entry: kpi, ou (our org unit id), period (year), values per gender")
    public record Entry(String kpi, String ou, int period, List<Map<String, Object>> values) {}

    /**
     * Our yearly measurements in Kolada's shape, one entry per indicator, unit and year: the KPI is
     * the indicator's Kolada id (its code when it has none), "ou" our org unit id, count 1, status
     * the missing reason when there is no value.
     */
    @Transactional
    public Page<Entry> export(UUID indicatorId, String kpi, Integer year, UUID orgUnitId, int page, int limit) {
        List<Indicator> chosen = indicatorId != null
                ? indicators.list("id", indicatorId)
                : kpi != null ? indicators.list("koladaKpi = ?1 or code = ?1", kpi) : indicators.listAll();
        Map<UUID, Indicator> byId = new HashMap<>();
        chosen.forEach(i -> byId.put(i.id, i));
        if (byId.isEmpty()) {
            return new Page<>(List.of(), page, limit, 0);
        }
        StringBuilder jpql = new StringBuilder(
                "select distinct m.indicatorId as indicatorId, m.orgUnitId as orgUnitId, m.period as period"
                        + " from Measurement m where m.periodType = 'YEAR' and m.indicatorId in :indicators");
        if (year != null) {
            jpql.append(" and m.period = :period");
        }
        if (orgUnitId != null) {
            jpql.append(" and m.orgUnitId = :unit");
        }
        var keys = measurements
                .getEntityManager()
                .createQuery(jpql + " order by m.indicatorId, m.orgUnitId, m.period", Tuple.class)
                .setParameter("indicators", byId.keySet());
        if (year != null) {
            keys.setParameter("period", Integer.toString(year));
        }
        if (orgUnitId != null) {
            keys.setParameter("unit", orgUnitId);
        }
        // pages over (indicator, unit, year): the genders of one travel together
        List<EntryKey> all = keys.getResultList().stream()
                .map(t -> new EntryKey(
                        t.get("indicatorId", UUID.class),
                        t.get("orgUnitId", UUID.class),
                        t.get("period", String.class)))
                .toList();
        int from = Math.min(all.size(), (page - 1) * limit);
        int to = Math.min(all.size(), from + limit);
        List<Entry> entries = new ArrayList<>();
        for (EntryKey k : all.subList(from, to)) {
            Indicator ind = byId.get(k.indicatorId());
            List<Map<String, Object>> genders = new ArrayList<>();
            for (Measurement m : measurements.list(
                    "indicatorId = ?1 and orgUnitId = ?2 and period = ?3 order by gender",
                    ind.id,
                    k.orgUnitId(),
                    k.period())) {
                genders.add(genderValue(ind, m));
            }
            entries.add(new Entry(
                    ind.koladaKpi != null ? ind.koladaKpi : ind.code,
                    k.orgUnitId().toString(),
                    Integer.parseInt(k.period()),
                    genders));
        }
        return new Page<>(entries, page, limit, all.size());
    }

    /** One gender's value in Kolada's shape: count 1, status the missing reason, value as shown. */
    private static Map<String, Object> genderValue(Indicator ind, Measurement m) {
        BigDecimal v = Rollup.valueOf(ind.unitOfMeasure, m.value, m.numerator, m.denominator);
        boolean tooFew = ind.minResponses != null && m.responses != null && m.responses < ind.minResponses;
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("gender", m.gender.name());
        g.put("count", 1);
        g.put(
                "status",
                tooFew
                        ? MissingReason.TOO_FEW_RESPONSES.name()
                        : m.missingReason == null ? "" : m.missingReason.name());
        g.put("value", tooFew || v == null ? null : Numbers.plain(Rollup.round(v, ind.decimals)));
        return g;
    }
}
