package se.kvalitet.report.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import se.kvalitet.report.content.ReportContent;

/**
 * Draws a report's charts with JFreeChart into opaque PNGs (no alpha channel, which PDF/A-2
 * accepts everywhere), lettered in the bundled DejaVu font so no system font is needed.
 */
public final class Charts {

    static final int WIDTH = 1400;
    static final int HEIGHT = 700;
    private static final Color[] PALETTE = {new Color(0x1f4e79), new Color(0xc55a11), new Color(0x548235),
            new Color(0x7030a0), new Color(0xbf9000), new Color(0x2e75b6), new Color(0xa5a5a5), new Color(0x833c0b)};

    private Charts() {
    }

    /** The chart as PNG bytes. */
    public static byte[] png(ReportContent.Chart chart) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<String> labels = unique(chart.labels());
        for (ReportContent.Series s : chart.series()) {
            for (int i = 0; i < labels.size(); i++) {
                Number v = i < s.values().size() ? s.values().get(i) : null;
                data.addValue(v, s.name(), labels.get(i));
            }
        }
        boolean line = "LINE".equals(chart.type());
        boolean horizontal = !line && labels.size() > 12 || chart.key().endsWith("per-enhet");
        JFreeChart c = line
                ? ChartFactory.createLineChart(null, null, null, data, PlotOrientation.VERTICAL, chart.series().size() > 1,
                        false, false)
                : ChartFactory.createBarChart(null, null, "Antal", data,
                        horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL, chart.series().size() > 1,
                        false, false);
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(Fonts.awt(true, 30f));
        theme.setLargeFont(Fonts.awt(true, 24f));
        theme.setRegularFont(Fonts.awt(false, 22f));
        theme.setSmallFont(Fonts.awt(false, 20f));
        theme.apply(c);
        c.setBackgroundPaint(Color.WHITE);
        c.setAntiAlias(true);
        c.setTextAntiAlias(true);
        CategoryPlot plot = c.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xd0d0d0));
        plot.setOutlineVisible(false);
        if (!line) {
            // counts: whole-number ticks only
            ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis())
                    .setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
        }
        if (line) {
            LineAndShapeRenderer r = (LineAndShapeRenderer) plot.getRenderer();
            r.setDefaultShapesVisible(true);
            for (int i = 0; i < chart.series().size(); i++) {
                r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
                r.setSeriesStroke(i, new BasicStroke(4f));
            }
        } else {
            BarRenderer r = (BarRenderer) plot.getRenderer();
            r.setBarPainter(new StandardBarPainter());
            r.setShadowVisible(false);
            r.setMaximumBarWidth(0.08);
            for (int i = 0; i < chart.series().size(); i++) {
                r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            }
        }
        int height = horizontal ? Math.max(HEIGHT, 120 + 46 * labels.size()) : HEIGHT;
        BufferedImage image = c.createBufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB, null);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String dataUri(ReportContent.Chart chart) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(chart));
    }

    /** Category keys must be unique: a second unit of the same name gets " (2)". */
    static List<String> unique(List<String> labels) {
        Set<String> seen = new HashSet<>();
        return labels.stream().map(l -> {
            String k = l == null ? "–" : l;
            int n = 2;
            String candidate = k;
            while (!seen.add(candidate)) {
                candidate = k + " (" + n++ + ")";
            }
            return candidate;
        }).toList();
    }
}
