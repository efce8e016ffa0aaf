package se.kvalitet.registry.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A line diff of two texts (a document's Markdown between versions): the longest common
 * subsequence of lines after trimming the common start and end. Above {@link #MAX_CELLS} compared
 * line pairs the changed middle is reported as removed and added as a whole, so a diff never
 * needs more than a bounded amount of memory.
 */
public final class TextDiff {

    public static final int MAX_CELLS = 4_000_000;

    /** One line: SAME, ADDED (only in the newer text) or REMOVED (only in the older); line numbers from 1. */
    public record Line(Op op, Integer fromLine, Integer toLine, String text) {}

    public enum Op {
        SAME,
        ADDED,
        REMOVED
    }

    private TextDiff() {}

    public static List<Line> diff(String from, String to) {
        String[] a = lines(from);
        String[] b = lines(to);
        int start = 0;
        while (start < a.length && start < b.length && a[start].equals(b[start])) {
            start++;
        }
        int endA = a.length;
        int endB = b.length;
        while (endA > start && endB > start && a[endA - 1].equals(b[endB - 1])) {
            endA--;
            endB--;
        }
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < start; i++) {
            out.add(new Line(Op.SAME, i + 1, i + 1, a[i]));
        }
        middle(a, start, endA, b, start, endB, out);
        for (int i = endA, j = endB; i < a.length; i++, j++) {
            out.add(new Line(Op.SAME, i + 1, j + 1, a[i]));
        }
        return out;
    }

    private static void middle(String[] a, int a0, int a1, String[] b, int b0, int b1, List<Line> out) {
        int n = a1 - a0;
        int m = b1 - b0;
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            for (int i = a0; i < a1; i++) {
                out.add(new Line(Op.REMOVED, i + 1, null, a[i]));
            }
            for (int j = b0; j < b1; j++) {
                out.add(new Line(Op.ADDED, null, j + 1, b[j]));
            }
            return;
        }
        // lcs[i][j] = length of the LCS of a[a0+i..a1) and b[b0+j..b1)
        int[] lcs = new int[(n + 1) * (m + 1)];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i * (m + 1) + j] = a[a0 + i].equals(b[b0 + j])
                        ? lcs[(i + 1) * (m + 1) + j + 1] + 1
                        : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[a0 + i].equals(b[b0 + j])) {
                out.add(new Line(Op.SAME, a0 + i + 1, b0 + j + 1, a[a0 + i]));
                i++;
                j++;
            } else if (i < n && (j == m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1])) {
                // removed lines first, then the added ones: reads as "- old, + new"
                out.add(new Line(Op.REMOVED, a0 + i + 1, null, a[a0 + i]));
                i++;
            } else {
                out.add(new Line(Op.ADDED, null, b0 + j + 1, b[b0 + j]));
                j++;
            }
        }
    }

    private static String[] lines(String s) {
        if (s == null || s.isEmpty()) {
            return new String[0];
        }
        String[] l = s.split("\r?\n", -1);
        // a trailing newline does not make an extra empty line
        return l.length > 0 && l[l.length - 1].isEmpty() ? Arrays.copyOf(l, l.length - 1) : l;
    }
}
