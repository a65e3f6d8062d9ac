package workbook.runner.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Draws one family's results as a bar chart (JFreeChart, headless): a bar per benchmark, with JMH's
 * score error as an error bar, and under the title the machine, its load and the run's length, so
 * that the picture never travels without them. A family run at several thread counts gets one group
 * of bars per count. The chart is {@code <charts>/<family>.png}, 1000 × 560 pixels.
 */
public final class BenchChart {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 560;
    /** Okabe and Ito's colours, told apart by colour-blind readers too. */
    private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0xD55E00), new Color(0x56B4E9)};
    /** The value axis reaches at most this many times the highest score. */
    private static final double EDGE = 2.5;

    private BenchChart() {}

    /** Draws the chart of {@code family} from the JSON and machine file in {@code results}; returns the PNG written. */
    public static Path draw(Family family, Path results, Path charts) throws IOException {
        var json = results.resolve(family.id() + ".json");
        var machineFile = BenchmarkRun.machineFile(results, family);
        if (!Files.isRegularFile(json)) {
            throw new IllegalStateException("No results to chart for " + family.id() + ": " + json + " does not exist."
                    + " Run ./workbook bench " + family.id() + " (or with --full) first.");
        }
        var measurements = Measurement.read(json);
        if (measurements.isEmpty()) {
            throw new IllegalStateException(json + " holds no results: its run failed. Run ./workbook bench " + family.id() + " again.");
        }
        var machine = Files.isRegularFile(machineFile) ? Machine.read(machineFile) : null;
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(charts);
        var png = charts.resolve(family.id() + ".png");
        ChartUtils.saveChartAsPNG(png.toFile(), chart(family, measurements, machine), WIDTH, HEIGHT);
        return png;
    }

    static JFreeChart chart(Family family, List<Measurement> measurements, Machine machine) {
        var dataset = new DefaultStatisticalCategoryDataset();
        boolean byThreads = family.threadCounts().size() > 1;
        for (var measurement : measurements) {
            double error = Double.isFinite(measurement.error()) ? measurement.error() : 0;
            if (byThreads) {
                dataset.add(measurement.score(), error, measurement.label(), threadsLabel(measurement.threads(), machine));
            } else {
                dataset.add(measurement.score(), error, "score", measurement.label());
            }
        }
        var first = measurements.getFirst();
        var valueAxis = new NumberAxis(unit(first.unit()) + (first.higherIsBetter() ? " (higher is better)" : " (lower is better)"));
        var renderer = new StatisticalBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setErrorIndicatorPaint(Color.BLACK);
        renderer.setErrorIndicatorStroke(new BasicStroke(1.5f));
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0.###")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        renderer.setItemMargin(0.05);
        for (int series = 0; series < dataset.getRowCount(); series++) {
            renderer.setSeriesPaint(series, PALETTE[series % PALETTE.length]);
        }
        // A wide error bar (few iterations on a busy machine) would squash the bars: cut it at the edge.
        double highest = measurements.stream().mapToDouble(Measurement::score).max().orElse(1);
        double reach = measurements.stream().mapToDouble(m -> m.score() + (Double.isFinite(m.error()) ? m.error() : 0)).max().orElse(highest);
        boolean cut = reach > EDGE * highest;
        valueAxis.setRange(0, Math.min(reach, EDGE * highest) * 1.1);
        var plot = new CategoryPlot(dataset, new CategoryAxis(byThreads ? "threads" : null), valueAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        plot.getDomainAxis().setMaximumCategoryLabelLines(2);
        var chart = new JFreeChart(family.title(), new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, byThreads);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(subtitle(machine == null ? "machine not recorded (no " + family.id() + ".machine.properties)" : machine.describe()));
        chart.addSubtitle(subtitle(machine == null ? "run length and load not recorded" : runLine(machine)));
        var source = subtitle("JMH 1.37, " + family.benchmarkClass().getSimpleName() + "; error bars: JMH's score error"
                + " (99.9 % confidence interval" + (cut ? ", cut at the chart's edge" : "") + ")."
                + " Drawn by ./workbook bench --chart from " + family.id() + ".json");
        source.setPosition(RectangleEdge.BOTTOM);
        chart.addSubtitle(source);
        return chart;
    }

    private static String runLine(Machine machine) {
        var warning = machine.runLength().startsWith(RunLength.SHORT.id()) ? " (the shape only, not figures to quote)" : "";
        return machine.runLength() + warning + "; " + machine.describeLoad();
    }

    private static TextTitle subtitle(String text) {
        return new TextTitle(text, new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }

    private static String threadsLabel(int threads, Machine machine) {
        var label = threads + (threads == 1 ? " thread" : " threads");
        if (machine != null && machine.cores() > 0 && threads > machine.cores()) {
            label += " (more than the " + machine.cores() + " cores)";
        }
        return label;
    }

    /** JMH's unit in words a reader knows: {@code ops/us} becomes {@code operations per µs}. */
    private static String unit(String jmhUnit) {
        var parts = jmhUnit.replace("us", "µs").split("/");
        if (parts.length != 2) {
            return jmhUnit;
        }
        return parts[0].equals("ops") ? "operations per " + parts[1] : parts[0] + " per operation";
    }
}
