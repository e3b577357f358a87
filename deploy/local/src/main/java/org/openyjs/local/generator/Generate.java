package org.openyjs.local.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** deploy/local/generate.sh: writes a generated caseload as the import's JSON Lines. */
public final class Generate {

    private static final String USAGE = """
            Usage: deploy/local/generate.sh --children N --years Y --seed S --out file.jsonl [--prefix ID] [--panel-decisions N]
              --children  how many children (default 1000)
              --years     the years of history, ending 31 March 2025 (default 3)
              --seed      the same seed gives the same file (default 1)
              --out       the file to write, or - for standard output (default -)
              --prefix    starts every child id (default g<seed>); another prefix for another load into the same stack
              --panel-decisions  the first N decided referrals are left to panel-service's API (their outcome rows
                          and their children's CloseCase rows are not written); default 0: every outcome in the file""";

    private Generate() {
    }

    public static void main(String[] args) throws IOException {
        int children = 1000;
        int years = 3;
        long seed = 1;
        String out = "-";
        String prefix = null;
        int panelDecisions = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--children" -> children = Integer.parseInt(args[++i]);
                    case "--years" -> years = Integer.parseInt(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--out" -> out = args[++i];
                    case "--prefix" -> prefix = args[++i];
                    case "--panel-decisions" -> panelDecisions = Integer.parseInt(args[++i]);
                    case "--help", "-h" -> {
                        System.out.println(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        CaseloadGenerator.Settings settings = new CaseloadGenerator.Settings(children, years, seed,
                CaseloadGenerator.DEFAULT_LAST_DAY, prefix == null ? "g" + seed : prefix, panelDecisions);
        Caseload caseload = CaseloadGenerator.generate(settings);
        long lines;
        if (out.equals("-")) {
            Writer writer = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            lines = JsonLines.write(caseload, writer);
            writer.flush();
        } else {
            try (Writer writer = Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8)) {
                lines = JsonLines.write(caseload, writer);
            }
        }
        Map<String, Long> types = caseload.rows().collect(Collectors.groupingBy(Row::type, TreeMap::new, Collectors.counting()));
        long events = caseload.rows().mapToLong(r -> RowRequests.events(r).size()).sum();
        System.err.println("Wrote " + lines + " rows (" + events + " case events) for " + children + " children, "
                + caseload.firstDay() + " to " + caseload.lastDay() + ", seed " + seed + (out.equals("-") ? "" : ", to " + out));
        System.err.println("Rows by type: " + types);
        System.err.println("Out-of-court panel: " + caseload.panelCases().count() + " referrals, "
                + caseload.panelCases().filter(PanelCase::outcomeImported).count() + " with their outcome in the file, "
                + caseload.panelCases().filter(PanelCase::decided).count() + " left to panel-service's API at "
                + caseload.panelMeetings().size() + " weekly meetings (the demo and the benchmark load that part)");
    }
}
