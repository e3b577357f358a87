package org.openyjs.local.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Values picked in proportion to their weights, written as "A 3, B 1". */
public final class WeightedChoice {

    private final List<String> values = new ArrayList<>();
    private final List<Integer> cumulativeWeights = new ArrayList<>();
    private int total;

    private WeightedChoice() {
    }

    public static WeightedChoice of(String spec) {
        WeightedChoice choice = new WeightedChoice();
        for (String entry : spec.split(",")) {
            String[] parts = entry.trim().split("\\s+");
            choice.total += Integer.parseInt(parts[1]);
            choice.values.add(parts[0]);
            choice.cumulativeWeights.add(choice.total);
        }
        return choice;
    }

    public String pick(Random random) {
        int ticket = random.nextInt(total);
        for (int i = 0; ; i++) {
            if (ticket < cumulativeWeights.get(i)) {
                return values.get(i);
            }
        }
    }
}
