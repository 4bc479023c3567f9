package io.flowanalyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DoubleTextTest {
    @Test
    void writesEveryValueAsJavaDoesAlsoWhenValuesShareASlot() {
        Random random = new Random(11);
        double[] values = new double[5_000]; // far more values than slots: every slot is taken over many times
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (i % 4) {
                case 0 -> random.nextInt(1_800_001) / 1e4 - 90;
                case 1 -> Double.longBitsToDouble(random.nextLong());
                case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                default -> values[random.nextInt(i)]; // a value seen before
            };
        }
        for (int round = 0; round < 3; round++) {
            for (double v : values) {
                assertThat(DoubleText.of(v)).isEqualTo(Double.toString(v));
            }
        }
        for (double v : new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, 1e21}) {
            assertThat(DoubleText.of(v)).isEqualTo(Double.toString(v));
            assertThat(DoubleText.of(v)).isEqualTo(Double.toString(v));
        }
    }
}
