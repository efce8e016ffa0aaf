package se.kvalitet.report.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Polygon;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import se.kvalitet.report.content.ReportContent;
import se.kvalitet.report.statistics.SwedishNumbers;

/**
 * Draws a report's charts with JFreeChart into opaque PNGs (no alpha channel, which PDF/A-2
 * accepts everywhere), lettered in the bundled DejaVu font so no system font is needed. Every chart
 * has one scale (percentages 0–100, a 1–5 scale from 1 to 5, counts from 0 in whole numbers),
 * labelled axes and every value printed at its bar or point; {@link #alt} gives the same figures as
 * text for the PDF's alternative text.
 */
public final class Charts {

    static final int WIDTH = 1400;
    static final int HEIGHT = 640;
    private static final Color[] PALETTE = {
        new Color(0x1f4e79),
        new Color(0xc55a11),
        new Color(0x548235),
        new Color(0x7030a0),
        new Color(0x00838f),
        new Color(0x2e75b6),
        new Color(0x595959),
        new Color(0x833c0b)
    };

    private Charts() {}

    /** The chart as PNG bytes. */
    public static byte[] png(ReportContent.Chart chart) {
        List<String> labels = unique(chart.labels());
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ReportContent.Series s : chart.series()) {
            for (int i = 0; i < labels.size(); i++) {
                Number v = i < s.values().size() ? s.values().get(i) : null;
                data.addValue(v, s.name(), labels.get(i));
            }
        }
        boolean line = "LINE".equals(chart.type());
        boolean horizontal = !line && (labels.size() > 12 || chart.key().startsWith("avvikelser-per-enhet"));
        // a line is an indicator: its legend names it even when it is alone; a single bar series is the axis title
        boolean legend = line || chart.series().size() > 1;
        JFreeChart c = line
                ? ChartFactory.createLineChart(
                        null,
                        chart.categoryAxis(),
                        chart.valueAxis(),
                        data,
                        PlotOrientation.VERTICAL,
                        legend,
                        false,
                        false)
                : ChartFactory.createBarChart(
                        null,
                        chart.categoryAxis(),
                        chart.valueAxis(),
                        data,
                        horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL,
                        legend,
                        false,
                        false);
        if (line) {
            c.getCategoryPlot().setRenderer(new TrendRenderer(chart.series()));
        }
        theme().apply(c);
        c.setBackgroundPaint(Color.WHITE);
        c.setAntiAlias(true);
        c.setTextAntiAlias(true);
        if (c.getLegend() != null) {
            c.getLegend().setPosition(RectangleEdge.BOTTOM);
            c.getLegend().setFrame(BlockBorder.NONE);
        }
        CategoryPlot plot = c.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xc8c8c8));
        plot.setOutlineVisible(false);
        scale((NumberAxis) plot.getRangeAxis(), chart);
        if (horizontal) {
            // unit names: up to two lines of up to 45 % of the width before anything is cut short
            plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.45f);
            plot.getDomainAxis().setMaximumCategoryLabelLines(2);
            plot.getDomainAxis().setTickLabelFont(Fonts.awt(false, 18f));
        } else if (labels.size() > 8 && labels.stream().anyMatch(l -> l.length() > 8)) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        StandardCategoryItemLabelGenerator values = new StandardCategoryItemLabelGenerator("{2}", format(chart.unit()));
        if (line) {
            styleLines(plot, chart, values);
        } else {
            styleBars(plot, chart, values, horizontal);
        }
        boolean longLabels = labels.stream().anyMatch(l -> l.length() > 32);
        int height = horizontal ? Math.max(HEIGHT, 170 + (longLabels ? 62 : 44) * labels.size()) : HEIGHT;
        BufferedImage image = c.createBufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB, null);
        return encode(image);
    }

    /**
     * Lines: a point and its value at every year, one colour per indicator (its value labels in the
     * same colour). An indicator drawn for women and men too keeps its colour on all three lines: the
     * total solid with round points, women (K) dashed with square points, men (M) dotted with
     * triangles, so the lines are told apart in grey print as well.
     */
    private static void styleLines(
            CategoryPlot plot, ReportContent.Chart chart, StandardCategoryItemLabelGenerator values) {
        LineAndShapeRenderer r = (LineAndShapeRenderer) plot.getRenderer();
        r.setDefaultShapesVisible(true);
        r.setDefaultItemLabelGenerator(values);
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(Fonts.awt(false, 18f));
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < chart.series().size(); i++) {
            String name = chart.series().get(i).name();
            String group = group(name);
            if (!groups.contains(group)) {
                groups.add(group);
            }
            Color colour = PALETTE[groups.indexOf(group) % PALETTE.length];
            r.setSeriesPaint(i, colour);
            r.setSeriesItemLabelPaint(i, colour);
            switch (gender(name)) {
                case "K" -> {
                    r.setSeriesStroke(
                            i,
                            new BasicStroke(
                                    3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {18f, 9f}, 0f));
                    r.setSeriesShape(i, new Rectangle2D.Double(-6, -6, 12, 12));
                }
                case "M" -> {
                    r.setSeriesStroke(
                            i,
                            new BasicStroke(
                                    3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {2f, 8f}, 0f));
                    r.setSeriesShape(i, new Polygon(new int[] {0, 7, -7}, new int[] {-7, 6, 6}, 3));
                }
                default -> {
                    r.setSeriesStroke(i, new BasicStroke(4f));
                    r.setSeriesShape(i, new Ellipse2D.Double(-6, -6, 12, 12));
                }
            }
        }
    }

    private static final Pattern GENDER_SERIES = Pattern.compile("(.*) ([KMT]) \\((totalt|kvinnor|män)\\)");

    /** The indicator a series draws: its name without the gender ("KOD K (kvinnor)" is "KOD"). */
    static String group(String series) {
        Matcher m = GENDER_SERIES.matcher(series);
        return m.matches() ? m.group(1) : series;
    }

    /** K, M, or T (a total, also a series not split by gender). */
    static String gender(String series) {
        Matcher m = GENDER_SERIES.matcher(series);
        return m.matches() ? m.group(2) : "T";
    }

    /**
     * Value labels of an indicator's lines kept apart: of its total, women and men in a year, the
     * highest value is labelled above its point, the lowest below, the one between them to the right;
     * a line alone is labelled above.
     */
    static final class TrendRenderer extends LineAndShapeRenderer {

        private static final ItemLabelPosition ABOVE =
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER);
        private static final ItemLabelPosition BELOW =
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE6, TextAnchor.TOP_CENTER);
        private static final ItemLabelPosition RIGHT =
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT);

        private final List<String> groups;

        TrendRenderer(List<ReportContent.Series> series) {
            super(true, true);
            this.groups = series.stream().map(s -> group(s.name())).toList();
        }

        @Override
        public ItemLabelPosition getPositiveItemLabelPosition(int row, int column) {
            org.jfree.data.category.CategoryDataset data = getPlot().getDataset();
            Number mine = data.getValue(row, column);
            if (mine == null || row >= groups.size()) {
                return ABOVE;
            }
            int above = 0;
            int below = 0;
            for (int other = 0; other < groups.size() && other < data.getRowCount(); other++) {
                Number v = other == row || !groups.get(other).equals(groups.get(row))
                        ? null
                        : data.getValue(other, column);
                if (v == null) {
                    continue;
                }
                int cmp = Double.compare(v.doubleValue(), mine.doubleValue());
                if (cmp > 0 || (cmp == 0 && other < row)) {
                    above++;
                } else {
                    below++;
                }
            }
            return above == 0 ? ABOVE : below == 0 ? BELOW : RIGHT;
        }

        @Override
        public ItemLabelPosition getNegativeItemLabelPosition(int row, int column) {
            return getPositiveItemLabelPosition(row, column);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TrendRenderer t && t.groups.equals(groups) && super.equals(o);
        }

        @Override
        public int hashCode() {
            return super.hashCode() * 31 + groups.hashCode();
        }
    }

    /** Bars: flat, one colour per series, the value at the end of every bar. */
    private static void styleBars(
            CategoryPlot plot,
            ReportContent.Chart chart,
            StandardCategoryItemLabelGenerator values,
            boolean horizontal) {
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.08);
        r.setDefaultItemLabelGenerator(values);
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelFont(Fonts.awt(false, 20f));
        r.setDefaultPositiveItemLabelPosition(
                horizontal
                        ? new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT)
                        : new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
        for (int i = 0; i < chart.series().size(); i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
    }

    /** PNG with a fast deflate level: charts are flat colours, so the files stay small and encoding stays cheap. */
    static byte[] encode(BufferedImage image) {
        javax.imageio.ImageWriter writer =
                ImageIO.getImageWritersByFormatName("png").next();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream();
                javax.imageio.stream.ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.75f);
            writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
            stream.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    private static StandardChartTheme theme() {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(Fonts.awt(true, 30f));
        theme.setLargeFont(Fonts.awt(true, 22f));
        theme.setRegularFont(Fonts.awt(false, 21f));
        theme.setSmallFont(Fonts.awt(false, 20f));
        return theme;
    }

    /** One scale per chart: percentages 0–100, a 1–5 scale 1–5, everything else from 0 (counts in whole numbers). */
    static void scale(NumberAxis axis, ReportContent.Chart chart) {
        axis.setNumberFormatOverride(format(chart.unit()));
        axis.setUpperMargin(0.12);
        switch (chart.unit() == null ? "VALUE" : chart.unit()) {
            case "PERCENT" -> {
                axis.setRange(0, 105);
                TickUnits ticks = new TickUnits();
                ticks.add(new NumberTickUnit(10, format(chart.unit())));
                axis.setStandardTickUnits(ticks);
                axis.setTickUnit(new NumberTickUnit(10, format(chart.unit())));
            }
            case "SCALE_1_5" -> {
                axis.setRange(1, 5.3);
                axis.setTickUnit(new NumberTickUnit(1, format(chart.unit())));
            }
            case "COUNT" -> {
                axis.setAutoRangeIncludesZero(true);
                axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            }
            default -> axis.setAutoRangeIncludesZero(true);
        }
    }

    static NumberFormat format(String unit) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.forLanguageTag("sv-SE"));
        symbols.setGroupingSeparator('\u00a0');
        symbols.setDecimalSeparator(',');
        symbols.setMinusSign('−');
        return new DecimalFormat("COUNT".equals(unit) ? "#,##0" : "#,##0.##", symbols);
    }

    public static String dataUri(ReportContent.Chart chart) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(chart));
    }

    /**
     * The chart as text, for the PDF's alternative text and the HTML's alt attribute: its kind,
     * title, axes and every value ("jan 35, feb 29, …"; ".." where a value is missing).
     */
    public static String alt(ReportContent.Chart chart) {
        StringBuilder b = new StringBuilder("LINE".equals(chart.type()) ? "Linjediagram: " : "Stapeldiagram: ");
        b.append(chart.title())
                .append(". ")
                .append(chart.valueAxis())
                .append(" per ")
                .append(chart.categoryAxis().toLowerCase(Locale.ROOT))
                .append(". ");
        List<String> series = new ArrayList<>();
        for (ReportContent.Series s : chart.series()) {
            List<String> points = new ArrayList<>();
            for (int i = 0; i < chart.labels().size(); i++) {
                Number v = i < s.values().size() ? s.values().get(i) : null;
                points.add(chart.labels().get(i) + " " + text(v));
            }
            series.add((chart.series().size() > 1 ? s.name() + ": " : "") + String.join(", ", points));
        }
        return b.append(String.join("; ", series)).append('.').toString();
    }

    static String text(Number v) {
        if (v == null) {
            return "..";
        }
        return v instanceof BigDecimal d ? SwedishNumbers.format(d) : SwedishNumbers.format(v.longValue());
    }

    /** Category keys must be unique: a second unit of the same name gets " (2)". */
    static List<String> unique(List<String> labels) {
        Set<String> seen = new HashSet<>();
        return labels.stream()
                .map(l -> {
                    String k = l == null ? "–" : l;
                    int n = 2;
                    String candidate = k;
                    while (!seen.add(candidate)) {
                        candidate = k + " (" + n++ + ")";
                    }
                    return candidate;
                })
                .toList();
    }
}
