package se.kvalitet.followup.kolada;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import se.kvalitet.followup.domain.Numbers;
import se.kvalitet.web.Problem.FieldError;
import se.kvalitet.web.ProblemException;

/**
 * Kolada (RKA's open database of municipal key figures) in its v3 JSON shape: KPI values per
 * municipality (or organisational unit, "ou") and year, split by gender T/K/M, with value, count and
 * status; a missing value is null (printed ".." in reports). This class reads such a document;
 * {@link KoladaImport} stores it, {@link KoladaValueQueries} serves it, {@link KoladaExport} writes
 * our measurements in the same shape.
 */
public final class KoladaDocument {

    private static final Pattern KPI = Pattern.compile("[A-Za-z0-9_-]{1,20}");
    private static final Pattern AREA = Pattern.compile("[A-Za-z0-9_-]{1,20}");

    private KoladaDocument() {}

    /** One parsed Kolada value. */
    @Schema(
            name = "KoladaValue",
            description =
                    "A Kolada value: KPI, area (municipality or ou), year, gender, value (null when missing), count, status")
    public record Value(
            String kpi,
            String areaKind,
            String areaId,
            int period,
            String gender,
            BigDecimal value,
            Integer count,
            String status,
            boolean deleted) {}

    /** Parses a Kolada v3 (or v2) data document; every malformed entry is reported, nothing is stored when any is. */
    public static List<Value> parse(JsonNode root) {
        JsonNode entries = root == null ? null : root.isArray() ? root : root.get("values");
        if (entries == null || !entries.isArray()) {
            throw ProblemException.invalidField(
                    "values",
                    "expected Kolada's data shape: {\"values\": [{\"kpi\", \"municipality\" or \"ou\", "
                            + "\"period\", \"values\": [{\"gender\", \"count\", \"status\", \"value\"}]}]}");
        }
        List<Value> out = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int n = 0; n < entries.size(); n++) {
            JsonNode e = entries.get(n);
            String at = "values[" + n + "]";
            String kpi = text(e, "kpi");
            if (kpi == null || !KPI.matcher(kpi).matches()) {
                errors.add(new FieldError(at + ".kpi", "a Kolada KPI id such as U28532"));
            }
            String kind = e.hasNonNull("ou") ? "OU" : "MUNICIPALITY";
            String area = text(e, kind.equals("OU") ? "ou" : "municipality");
            if (area == null || !AREA.matcher(area).matches()) {
                errors.add(new FieldError(
                        at + ".municipality", "a municipality id such as 1860 (or ou, an organisational unit id)"));
            }
            Integer period = null;
            JsonNode p = e.get("period");
            if (p != null && (p.isInt() || (p.isTextual() && p.asText().matches("\\d{4}")))) {
                period = p.asInt();
            }
            if (period == null || period < 1900 || period > 2200) {
                errors.add(new FieldError(at + ".period", "a year such as 2023"));
            }
            JsonNode values = e.get("values");
            if (values == null || !values.isArray()) {
                errors.add(new FieldError(at + ".values", "an array of {gender, count, status, value}"));
                continue;
            }
            for (int m = 0; m < values.size(); m++) {
                Value v = value(values.get(m), at + ".values[" + m + "]", kpi, kind, area, period, errors);
                if (v != null) {
                    out.add(v);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(
                    "kolada-invalid", errors.size() + " problems in the Kolada document; nothing was stored", errors);
        }
        return out;
    }

    /** One gender's value of an entry; null when the entry's own fields were wrong or the gender is missing. */
    private static Value value(
            JsonNode v, String vat, String kpi, String kind, String area, Integer period, List<FieldError> errors) {
        String gender = text(v, "gender");
        if (gender != null && gender.equals("F")) {
            gender = "K"; // Kolada's older documentation writes F for women
        }
        if (gender == null || !gender.matches("[TKM]")) {
            errors.add(new FieldError(vat + ".gender", "T, K or M"));
        }
        BigDecimal value = null;
        JsonNode vv = v.get("value");
        if (vv != null && !vv.isNull()) {
            if (vv.isNumber()) {
                value = vv.decimalValue();
                if (value.abs().compareTo(new BigDecimal("100000000000000")) >= 0
                        || Numbers.plain(value).scale() > 6) {
                    errors.add(new FieldError(
                            vat + ".value", "out of range (at most 14 digits before and 6 after the point)"));
                }
            } else {
                errors.add(new FieldError(vat + ".value", "a number or null"));
            }
        }
        Integer count = null;
        JsonNode c = v.get("count");
        if (c != null && !c.isNull()) {
            if (c.canConvertToInt() && c.isIntegralNumber() && c.asInt() >= 0) {
                count = c.asInt();
            } else {
                errors.add(new FieldError(vat + ".count", "a whole number, 0 or more"));
            }
        }
        String status = text(v, "status");
        if (status != null && status.length() > 40) {
            errors.add(new FieldError(vat + ".status", "at most 40 characters"));
        }
        boolean deleted = v.path("isdeleted").asBoolean(false);
        if (kpi == null || area == null || period == null || gender == null) {
            return null;
        }
        return new Value(
                kpi,
                kind,
                area,
                period,
                gender,
                value,
                count,
                status == null || status.isBlank() ? null : status,
                deleted);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText().strip();
    }
}
