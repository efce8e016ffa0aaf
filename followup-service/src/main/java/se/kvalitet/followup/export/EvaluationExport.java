package se.kvalitet.followup.export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.domain.Numbers;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.followup.evaluation.EvaluationService;
import se.kvalitet.followup.format.RowWriter;
import se.kvalitet.followup.format.RowWriter.Column;
import se.kvalitet.followup.format.RowWriter.Kind;
import se.kvalitet.followup.format.TableFormat;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.indicator.IndicatorTarget;
import se.kvalitet.orgcopy.OrgTree;

/**
 * The evaluation export: every indicator at every unit of the tree for one period, as the API
 * evaluates them ({@link EvaluationService}), written row by row as they are computed.
 */
@ApplicationScoped
public class EvaluationExport {

    @Inject
    EvaluationService evaluation;

    /** The columns of the evaluation export. */
    public static final List<Column> EVALUATION_COLUMNS = List.of(
            new Column("indicatorId", Kind.TEXT),
            new Column("indicatorCode", Kind.TEXT),
            new Column("orgUnitId", Kind.TEXT),
            new Column("orgUnitName", Kind.TEXT),
            new Column("period", Kind.TEXT),
            new Column("gender", Kind.TEXT),
            new Column("status", Kind.TEXT),
            new Column("value", Kind.NUMBER),
            new Column("numerator", Kind.NUMBER),
            new Column("denominator", Kind.NUMBER),
            new Column("responses", Kind.NUMBER),
            new Column("basis", Kind.TEXT),
            new Column("contributingUnits", Kind.NUMBER),
            new Column("excludedUnits", Kind.NUMBER),
            new Column("missingReason", Kind.TEXT),
            new Column("targetValidFrom", Kind.TEXT),
            new Column("comparator", Kind.TEXT),
            new Column("targetValue", Kind.NUMBER),
            new Column("targetUpper", Kind.NUMBER),
            new Column("distance", Kind.NUMBER),
            new Column("previousPeriod", Kind.TEXT),
            new Column("previousValue", Kind.NUMBER),
            new Column("trend", Kind.TEXT),
            new Column("change", Kind.NUMBER));

    /** Streams the evaluation of every indicator at every unit of the tree for {@code period}. */
    public long evaluations(
            List<Indicator> indicators,
            Period period,
            Gender gender,
            OrgTree tree,
            TableFormat format,
            OutputStream out) {
        long[] rows = {0};
        try (RowWriter w = RowWriter.open(format, EVALUATION_COLUMNS, out)) {
            String[] cells = new String[EVALUATION_COLUMNS.size()];
            evaluation.evaluate(indicators, period, gender, tree, null, r -> {
                fill(cells, r, tree);
                try {
                    w.row(cells);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                rows[0]++;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows[0];
    }

    /** The export row of one evaluation. */
    private static void fill(String[] cells, EvaluationService.Row r, OrgTree tree) {
        var res = r.result();
        var f = r.figure();
        boolean shown = res.value() != null;
        IndicatorTarget t = r.target();
        cells[0] = r.indicator().id.toString();
        cells[1] = r.indicator().code;
        cells[2] = r.orgUnitId().toString();
        cells[3] = tree.name(r.orgUnitId());
        cells[4] = r.period().code();
        cells[5] = r.gender().name();
        cells[6] = res.status().name();
        cells[7] = text(res.value());
        cells[8] = shown && f != null ? text(Numbers.plain(f.numerator())) : null;
        cells[9] = shown && f != null ? text(Numbers.plain(f.denominator())) : null;
        cells[10] = shown && f != null && f.responses() != null ? f.responses().toString() : null;
        cells[11] = f == null ? "NONE" : f.basis().name();
        cells[12] = Integer.toString(f == null ? 0 : f.contributingUnits());
        cells[13] = Integer.toString(f == null ? 0 : f.excludedUnits());
        cells[14] = res.missing() == null ? null : res.missing().name();
        cells[15] = t == null ? null : t.validFromPeriod;
        cells[16] = t == null ? null : t.comparator.name();
        cells[17] = t == null ? null : text(t.targetValue);
        cells[18] = t == null ? null : text(t.targetUpper);
        cells[19] = text(res.distance());
        cells[20] = r.previous().code();
        cells[21] = text(res.previousValue());
        cells[22] = res.trend().name();
        cells[23] = text(res.change());
    }

    private static String text(java.math.BigDecimal v) {
        return v == null ? null : Numbers.plain(v).toPlainString();
    }
}
