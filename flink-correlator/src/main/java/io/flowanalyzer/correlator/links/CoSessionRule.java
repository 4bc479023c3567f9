package io.flowanalyzer.correlator.links;

import io.flowanalyzer.correlator.detectors.Detectors;
import io.flowanalyzer.correlator.detectors.Observation;
import java.util.Locale;

/**
 * Whether two sessions at one relay look like the two legs of one conversation: different subscribers,
 * ports within the relay's range, starts and ends within the tolerances, open together for most of
 * their combined time, and one side's upload about the other's download. The score is the overlap
 * times the volume likeness (a fixed factor when a session reports no volume).
 */
public final class CoSessionRule {
    private CoSessionRule() {}

    /** The probable contact {@code a} and {@code b} make, or null when they do not look like one. */
    public static ProbableContact compare(Observation a, Observation b, LinkSettings s) {
        if (a.id().equals(b.id()) || a.subscriber().equals(b.subscriber())) {
            return null;
        }
        if (a.destinationPort() != null
                && b.destinationPort() != null
                && Math.abs(a.destinationPort() - b.destinationPort()) > s.portWindow()) {
            return null;
        }
        long minDuration = s.minDuration().toMillis();
        if (duration(a) < minDuration || duration(b) < minDuration) {
            return null;
        }
        long startGap = Math.abs(a.at() - b.at());
        long endGap = Math.abs(a.end() - b.end());
        if (startGap > s.startTolerance().toMillis()
                || endGap > s.endTolerance().toMillis()) {
            return null;
        }
        long together = Math.min(a.end(), b.end()) - Math.max(a.at(), b.at());
        long combined = Math.max(a.end(), b.end()) - Math.min(a.at(), b.at());
        double overlap = combined <= 0 ? 0 : (double) Math.max(0, together) / combined;
        if (overlap < s.minOverlap()) {
            return null;
        }
        Double volume = volumeSimilarity(a, b);
        if (volume != null && volume < s.minVolumeSimilarity()) {
            return null;
        }
        double score = overlap * (volume == null ? s.unknownVolume() : volume);
        if (score < s.minScore()) {
            return null;
        }
        // the pair is written the same way whichever session came first: ordered by subscriber
        Observation first = a.subscriber().compareTo(b.subscriber()) < 0 ? a : b;
        Observation second = first == a ? b : a;
        double rounded = Math.round(score * 1000) / 1000.0;
        return new ProbableContact(
                first,
                second,
                rounded,
                Math.round(overlap * 1000) / 1000.0,
                Math.max(0, together),
                startGap,
                endGap,
                volume == null ? null : Math.round(volume * 1000) / 1000.0,
                reason(first, second, overlap, together, combined, startGap, endGap, volume, rounded, s));
    }

    private static long duration(Observation o) {
        return o.end() - o.at();
    }

    /**
     * How alike the two sides' volumes are: the lesser of (first's upload vs second's download) and
     * (first's download vs second's upload), or of the totals when directions are not reported; null when
     * either session reports no volume.
     */
    static Double volumeSimilarity(Observation a, Observation b) {
        if (a.up() >= 0 && a.down() >= 0 && b.up() >= 0 && b.down() >= 0) {
            return Math.min(likeness(a.up(), b.down()), likeness(a.down(), b.up()));
        }
        if (a.bytes() >= 0 && b.bytes() >= 0) {
            return likeness(a.bytes(), b.bytes());
        }
        return null;
    }

    private static double likeness(long x, long y) {
        if (x == y) {
            return 1;
        }
        return (double) Math.min(x, y) / Math.max(x, y);
    }

    private static String reason(
            Observation a,
            Observation b,
            double overlap,
            long together,
            long combined,
            long startGap,
            long endGap,
            Double volume,
            double score,
            LinkSettings s) {
        StringBuilder r = new StringBuilder();
        r.append("Both reached ")
                .append(a.app() == null ? "the relay" : a.app() + " relay")
                .append(' ')
                .append(a.destinationIp());
        if (a.destinationPort() != null || b.destinationPort() != null) {
            r.append(
                    a.destinationPort() != null && a.destinationPort().equals(b.destinationPort())
                            ? " (port " + a.destinationPort() + ")"
                            : " (ports " + a.destinationPort() + " and " + b.destinationPort() + ")");
        }
        r.append(" together: they started ")
                .append(seconds(startGap))
                .append(" and ended ")
                .append(seconds(endGap))
                .append(" apart and were both open for ")
                .append(together / 1000)
                .append(" of ")
                .append(combined / 1000)
                .append(" s (")
                .append(Math.round(overlap * 100))
                .append(" %); ");
        if (volume == null) {
            r.append("volume not reported by both (score × ")
                    .append(s.unknownVolume())
                    .append(')');
        } else if (a.up() >= 0 && b.down() >= 0 && a.down() >= 0 && b.up() >= 0) {
            r.append("one side's upload matched the other's download at ")
                    .append(Math.round(volume * 100))
                    .append(" % (")
                    .append(Detectors.size(a.up()))
                    .append(" ↔ ")
                    .append(Detectors.size(b.down()))
                    .append(", ")
                    .append(Detectors.size(a.down()))
                    .append(" ↔ ")
                    .append(Detectors.size(b.up()))
                    .append(')');
        } else {
            r.append("their volumes matched at ")
                    .append(Math.round(volume * 100))
                    .append(" % (")
                    .append(Detectors.size(a.bytes()))
                    .append(" and ")
                    .append(Detectors.size(b.bytes()))
                    .append(')');
        }
        r.append(". Score ")
                .append(String.format(Locale.ROOT, "%.2f", score))
                .append(" (overlap × volume likeness; a link needs ")
                .append(String.format(Locale.ROOT, "%.2f", s.minScore()))
                .append(").");
        return r.toString();
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
