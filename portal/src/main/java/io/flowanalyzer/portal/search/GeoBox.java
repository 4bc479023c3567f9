package io.flowanalyzer.portal.search;

/** A map box: north and south latitude, west and east longitude, in degrees. */
public record GeoBox(double north, double west, double south, double east) {

    /** {@code north,west,south,east}, as {@code f=geo:} carries it; refused with a sentence when it is not a box. */
    public static GeoBox parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new InvalidSearch(
                    "An area is four numbers: north, west, south, east (for example 28.9,76.8,28.4,77.4).");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new InvalidSearch("'" + Filter.shorten(parts[i].strip()) + "' in the area is not a number.");
            }
            if (!Double.isFinite(v[i])) {
                throw new InvalidSearch("The area's corners must be finite numbers.");
            }
        }
        GeoBox box = new GeoBox(v[0], v[1], v[2], v[3]);
        if (Math.abs(box.north) > 90
                || Math.abs(box.south) > 90
                || Math.abs(box.west) > 180
                || Math.abs(box.east) > 180) {
            throw new InvalidSearch("Latitudes run from -90 to 90 and longitudes from -180 to 180.");
        }
        if (box.north < box.south) {
            throw new InvalidSearch(
                    "The area's north edge (" + box.north + ") is south of its south edge (" + box.south + ").");
        }
        return box;
    }

    @Override
    public String toString() {
        return trim(north) + "," + trim(west) + "," + trim(south) + "," + trim(east);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
